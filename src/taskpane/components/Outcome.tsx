/**
 * The outcome of the last run (from the pane or the ribbon button) as one Fluent MessageBar in the "Status" region,
 * and for a finished run the details under it: the per-segment table (customers, share, revenue share, suggested
 * action and, when the run reports it, the average order value), the rows left out by each cleaning rule, and the
 * engine's warnings.
 */
import * as React from "react";
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Link,
  Table,
  TableBody,
  TableCell,
  TableCellLayout,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import type { RunOrigin } from "../../office/lastRun";
import type { RunSummary } from "../../office/types";
import type { ErrorInfo } from "../actions";
import { count, money, plural, share } from "../format";

export type Outcome =
  | { kind: "running"; origin: RunOrigin }
  | { kind: "success"; origin: RunOrigin; summary: RunSummary }
  | { kind: "cancelled"; origin: RunOrigin; message: string; summary?: RunSummary }
  | { kind: "error"; origin: RunOrigin; error: ErrorInfo };

const useStyles = makeStyles({
  details: { whiteSpace: "pre-wrap", fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  number: { textAlign: "right", whiteSpace: "nowrap" },
  // The pane is 270 to 350 px wide: two tight number columns, so the segment name and action get the room.
  table: { tableLayout: "fixed", width: "100%" },
  customersColumn: { width: "76px" },
  revenueColumn: { width: "64px" },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  numberHeader: { justifyContent: "flex-end", textAlign: "right" },
  // A figure is never broken inside (a narrow pane put "£8,911,40" and "7.90" on two lines): the figures wrap as
  // whole items instead, side by side where the pane has room.
  figures: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    "& dt": { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
    "& dd": {
      margin: 0,
      fontSize: tokens.fontSizeBase400,
      fontWeight: tokens.fontWeightSemibold,
      whiteSpace: "nowrap",
      overflowWrap: "normal",
    },
  },
  links: { margin: 0, paddingLeft: 0, listStyleType: "none", display: "flex", flexDirection: "column" },
});

function what(summary: RunSummary): string {
  const o = summary.outputs;
  const parts: string[] = [];
  if (o.sheets.length) parts.push(o.sheets.join(", "));
  if (o.sourceColumns.length) parts.push(`${plural(o.sourceColumns.length, "column")} on ${summary.sourceSheet}`);
  if (o.charts) parts.push(plural(o.charts, "chart"));
  return parts.length ? ` Wrote ${parts.join(", ")}.` : "";
}

/** The MessageBar for the status region. */
export function OutcomeMessage(props: { outcome: Outcome }): React.JSX.Element {
  const { outcome } = props;
  const styles = useStyles();
  const [showDetails, setShowDetails] = React.useState(false);
  const from = outcome.origin === "ribbon" ? "Ribbon button: " : "";
  switch (outcome.kind) {
    case "running":
      return (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{from}Segmenting customers…</MessageBarTitle>
            The pane can run again when it has finished.
          </MessageBarBody>
        </MessageBar>
      );
    case "success": {
      const s = outcome.summary;
      return (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {from}Segmented {plural(s.customers, "customer")}
            </MessageBarTitle>
            {what(s).trim()}
          </MessageBarBody>
        </MessageBar>
      );
    }
    case "cancelled":
      return (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{from}Cancelled</MessageBarTitle>
            {outcome.message}
          </MessageBarBody>
        </MessageBar>
      );
    case "error":
      return (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{from}Could not segment customers</MessageBarTitle>
            {outcome.error.message}
            {showDetails && outcome.error.details && (
              <div className={styles.details} aria-label="Error details">
                {outcome.error.details}
              </div>
            )}
          </MessageBarBody>
          {outcome.error.details && (
            <MessageBarActions>
              <Button size="small" onClick={() => setShowDetails((v) => !v)} aria-expanded={showDetails}>
                {showDetails ? "Hide details" : "Show details"}
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      );
  }
}

export interface ResultDetailsProps {
  summary: RunSummary;
  /** Room for features that act on a result (campaign lists, comparisons ...), shown after the result's details. */
  extras?: React.ReactNode;
  /** Brings a sheet the run wrote to the front; without it the sheets are named but not linked. */
  onSelectSheet?: (name: string) => void;
  /** The result's heading, which the pane focuses after a run. */
  headingRef?: React.Ref<HTMLHeadingElement>;
}

/** The headline figures and the links to the sheets the run wrote. */
function Headline({ summary, onSelectSheet }: ResultDetailsProps): React.JSX.Element {
  const styles = useStyles();
  const revenue = summary.segments.reduce((a, seg) => a + seg.revenue, 0);
  const sheets = [...summary.outputs.sheets, ...(summary.outputs.sourceColumns.length ? [summary.sourceSheet] : [])];
  return (
    <>
      <dl className={styles.figures} aria-label="Headline figures">
        <div>
          <dt>Customers</dt>
          <dd>{count(summary.customers)}</dd>
        </div>
        <div>
          <dt>Revenue</dt>
          <dd>{money(revenue, summary.currencySymbol)}</dd>
        </div>
        <div>
          <dt>Rows used</dt>
          <dd>
            {count(summary.rowsUsed)} of {count(summary.rowsRead)}
          </dd>
        </div>
      </dl>
      <Text size={200}>
        Used {count(summary.rowsUsed)} of {count(summary.rowsRead)} rows from {summary.sourceSheet}; snapshot{" "}
        {summary.snapshot}; scheme {summary.scheme}.
      </Text>
      {onSelectSheet && sheets.length > 0 && (
        <ul className={styles.links} aria-label="Sheets written">
          {sheets.map((name) => (
            <li key={name}>
              <Link as="button" onClick={() => onSelectSheet(name)}>
                {`Go to ${name}`}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The result view: headline figures, sheet links, segment table, exclusions log and warnings of a finished run. */
export function ResultDetails(props: ResultDetailsProps): React.JSX.Element {
  const { summary, extras } = props;
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby="rfm-result-heading">
      <Text as="h2" id="rfm-result-heading" weight="semibold" size={400} tabIndex={-1} ref={props.headingRef}>
        Result
      </Text>
      <Headline {...props} />
      <Text as="h3" weight="semibold">
        Customers per segment
      </Text>
      <Table size="small" aria-label="Segments" className={styles.table}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Segment and action</TableHeaderCell>
            <TableHeaderCell className={mergeClasses(styles.customersColumn, styles.numberHeader)}>
              Customers
            </TableHeaderCell>
            <TableHeaderCell className={mergeClasses(styles.revenueColumn, styles.numberHeader)}>
              Revenue
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {summary.segments.map((seg, i) => (
            <TableRow key={seg.label}>
              <TableCell>
                <TableCellLayout
                  description={
                    // Under the action rather than in another column: the pane is too narrow for more numbers.
                    summary.orderValues?.[i] !== undefined ? (
                      <>
                        {seg.action}
                        <br />
                        Average order {money(summary.orderValues[i], summary.currencySymbol)}
                      </>
                    ) : (
                      seg.action
                    )
                  }
                >
                  {seg.name}
                </TableCellLayout>
              </TableCell>
              <TableCell className={styles.number}>
                {count(seg.customers)}
                <br />
                <span className={styles.muted}>{share(seg.customerShare)}</span>
              </TableCell>
              <TableCell className={styles.number}>{share(seg.revenueShare)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Text as="h3" weight="semibold">
        Rows left out
      </Text>
      {summary.exclusions.filter((x) => x.count > 0).length === 0 ? (
        <Text>No rows were left out.</Text>
      ) : (
        <ul className={styles.list} aria-label="Rows left out">
          {summary.exclusions
            .filter((x) => x.count > 0)
            .map((x) => (
              <li key={x.rule}>
                {x.description}: {count(x.count)}
                {x.exampleRows.length > 0 &&
                  ` (rows ${x.exampleRows.slice(0, 5).join(", ")}${x.count > Math.min(5, x.exampleRows.length) ? ", …" : ""})`}
              </li>
            ))}
        </ul>
      )}
      {summary.warnings.length > 0 && (
        <>
          <Text as="h3" weight="semibold">
            Warnings
          </Text>
          <ul className={styles.list} aria-label="Warnings">
            {summary.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </>
      )}
      {extras}
    </section>
  );
}
