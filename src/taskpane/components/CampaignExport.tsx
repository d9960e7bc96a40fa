/**
 * What the analyst can do with a finished segmentation, under the segment table (App's `renderResultExtras`):
 * - Campaign list: tick segments, then "New sheet" (a table on a new sheet) or "Download CSV" (a file named after the
 *   segments and the snapshot date; "Copy CSV" to the clipboard, or the text shown, where downloads cannot work). Rows: id, segment, R/F/M values, last purchase, suggested action, country.
 * - Compare with an earlier date: writes the "RFM Migration" sheet and the "Previous segment" column; without a
 *   date, 90 days before the snapshot.
 * - Copy as SQL: the same segmentation as one DuckDB or PostgreSQL query, put on the clipboard (or shown for manual
 *   copying when the browser refuses clipboard access).
 * All Office work goes through `actions` (props), as elsewhere in the pane; each outcome is one message bar.
 */
import * as React from "react";
import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { CampaignExportResult } from "../../office/campaignList";
import type { CompareSummary } from "../../office/migrationSheet";
import type { RunSummary } from "../../office/types";
import type { SqlDialect } from "../../rfm/sql";
import { toErrorInfo } from "../actions";

/** The intents these sections need; the add-in binds them to the Office adapter with the pane's saved settings. */
export interface ResultActions {
  exportCampaignList(segments: string[], target: "sheet" | "csv"): Promise<CampaignExportResult>;
  compareSegmentation?(compareTo: string | undefined): Promise<CompareSummary>;
  sqlForWorkbook?(dialect: SqlDialect): Promise<string>;
  /** Puts text on the clipboard; resolves false when not allowed. */
  copyText?(text: string): Promise<boolean>;
  /** Offers text as a file download. */
  download?(fileName: string, text: string): void;
  /** False where a download cannot work (Excel for Mac's and iPad's web views ignore it silently): the CSV is then
   *  copied to the clipboard, or shown, instead. Default: true when `download` is given. */
  canDownload?: boolean;
}

/** Whether a browser download can work in this Office host: not in the WKWebView of Excel for Mac and iPad, which
 *  drops blob and `download` links without an error. */
export function downloadsWork(platform: string | undefined): boolean {
  return platform !== "Mac" && platform !== "iOS";
}

type Message = { intent: "success" | "error" | "info"; text: string; details?: string };

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "end" },
  list: { display: "flex", flexDirection: "column" },
});

function Bar({ message }: { message: Message | undefined }): React.JSX.Element | null {
  if (!message) return null;
  return (
    <MessageBar intent={message.intent} layout="multiline">
      <MessageBarBody>
        {message.text}
        {message.details ? <div>{message.details}</div> : null}
      </MessageBarBody>
    </MessageBar>
  );
}

const fmt = (n: number): string => n.toLocaleString("en-US");

const failed = (e: unknown): Message => {
  const info = toErrorInfo(e);
  return { intent: "error", text: info.message, details: info.details };
};

/** Runs one intent (`name`) with its message setter; the message is cleared first and set from the outcome. */
type Perform = (name: string, setMessage: (m: Message | undefined) => void, work: () => Promise<Message>) => void;

interface SectionProps {
  actions: ResultActions;
  /** The intent running, if any: one at a time, so every button waits meanwhile. */
  busy: string | undefined;
  perform: Perform;
}

export function CampaignExport({
  summary,
  actions,
}: {
  summary: RunSummary;
  actions: ResultActions;
}): React.JSX.Element {
  const styles = useStyles();
  const [busy, setBusy] = React.useState<string | undefined>();
  const perform: Perform = (name, setMessage, work) => {
    setBusy(name);
    setMessage(undefined);
    void work()
      .then(setMessage, (e: unknown) => setMessage(failed(e)))
      .finally(() => setBusy(undefined));
  };
  const props: SectionProps = { actions, busy, perform };
  return (
    <div className={styles.section}>
      <CampaignListSection {...props} summary={summary} />
      {actions.compareSegmentation && <CompareSection {...props} />}
      {actions.sqlForWorkbook && <SqlSection {...props} />}
    </div>
  );
}

/** Tick segments, then a new sheet or a CSV download of their customers. */
function CampaignListSection({ actions, busy, perform, summary }: SectionProps & { summary: RunSummary }) {
  const styles = useStyles();
  const [chosen, setChosen] = React.useState<string[]>([]);
  const [message, setMessage] = React.useState<Message>();
  const [csvText, setCsvText] = React.useState<string>();
  const download = actions.canDownload !== false ? actions.download : undefined;
  const toggle = (label: string, on: boolean) =>
    setChosen((c) => (on ? [...c.filter((x) => x !== label), label] : c.filter((x) => x !== label)));
  const exportList = (target: "sheet" | "csv") => {
    setCsvText(undefined);
    perform(target, setMessage, async (): Promise<Message> => {
      const out = await actions.exportCampaignList(chosen, target);
      if (target === "csv" && out.csv !== undefined) {
        const n = `${fmt(out.customers)} customers`;
        if (download) {
          download(out.fileName, out.csv);
          return { intent: "success", text: `Downloaded ${out.fileName}: ${n}.` };
        }
        const copied = actions.copyText ? await actions.copyText(out.csv).catch(() => false) : false;
        const why = "Excel here cannot save downloads";
        if (copied) {
          return {
            intent: "success",
            text: `Copied the CSV of ${n} to the clipboard (${why}). Paste it into a text editor and save it as ${out.fileName}, or use New sheet.`,
          };
        }
        setCsvText(out.csv);
        return {
          intent: "info",
          text: `${why} and the clipboard is not available: copy the ${n} below and save them as ${out.fileName}, or use New sheet.`,
        };
      }
      return {
        intent: "success",
        text: `Wrote ${fmt(out.customers)} customers of ${out.segments.join(", ")} to the sheet "${out.sheet}".`,
      };
    });
  };
  return (
    <section className={styles.section} aria-label="Campaign list">
      <Text weight="semibold">Campaign list</Text>
      <div className={styles.list}>
        {summary.segments.map((s) => (
          <Checkbox
            key={s.label}
            label={`${s.name} (${fmt(s.customers)})`}
            checked={chosen.includes(s.label)}
            onChange={(_e, d) => toggle(s.label, d.checked === true)}
          />
        ))}
      </div>
      <div className={styles.row}>
        <Button disabled={chosen.length === 0 || busy !== undefined} onClick={() => exportList("sheet")}>
          New sheet
        </Button>
        <Button disabled={chosen.length === 0 || busy !== undefined} onClick={() => exportList("csv")}>
          {download ? "Download CSV" : "Copy CSV"}
        </Button>
      </div>
      <Bar message={message} />
      {csvText !== undefined && <Textarea aria-label="Campaign list CSV" readOnly value={csvText} resize="vertical" />}
    </section>
  );
}

/** The migration sheet for an earlier date (default 90 days before the snapshot). */
function CompareSection({ actions, busy, perform }: SectionProps) {
  const styles = useStyles();
  const [compareTo, setCompareTo] = React.useState("");
  const [message, setMessage] = React.useState<Message>();
  const compare = () =>
    perform("compare", setMessage, async (): Promise<Message> => {
      const r = await actions.compareSegmentation!(compareTo.trim() === "" ? undefined : compareTo.trim());
      const flows = r.flows.slice(0, 3).join("; ");
      return {
        intent: "success",
        text:
          `${r.before} → ${r.after}: ${fmt(r.stayed)} stayed, ${fmt(r.moved)} moved, ${fmt(r.arrived)} new, ` +
          `${fmt(r.lapsed)} lapsed. See the sheet "${r.sheet}"` +
          (r.previousSegmentSheet ? ` and the Previous segment column on "${r.previousSegmentSheet}".` : "."),
        details: flows ? `Largest flows: ${flows}.` : undefined,
      };
    });
  return (
    <section className={styles.section} aria-label="Compare with an earlier date">
      <Text weight="semibold">Compare with an earlier date</Text>
      <div className={styles.row}>
        <Field label="Earlier date" hint="Empty: 90 days before the snapshot.">
          <Input type="date" value={compareTo} onChange={(_e, d) => setCompareTo(d.value)} />
        </Field>
        <Button disabled={busy !== undefined} onClick={compare}>
          Compare
        </Button>
      </div>
      <Bar message={message} />
    </section>
  );
}

/** The same segmentation as a query, onto the clipboard (or shown when the clipboard is refused). */
function SqlSection({ actions, busy, perform }: SectionProps) {
  const styles = useStyles();
  const [dialect, setDialect] = React.useState<SqlDialect>("duckdb");
  const [message, setMessage] = React.useState<Message>();
  const [sqlText, setSqlText] = React.useState<string>();
  const copySql = () => {
    setSqlText(undefined);
    perform("sql", setMessage, async (): Promise<Message> => {
      const sql = await actions.sqlForWorkbook!(dialect);
      const copied = actions.copyText ? await actions.copyText(sql).catch(() => false) : false;
      if (copied) {
        return {
          intent: "success",
          text: `Copied the ${dialect === "duckdb" ? "DuckDB" : "PostgreSQL"} query. It reads a table named transactions.`,
        };
      }
      setSqlText(sql);
      return { intent: "info", text: "The clipboard is not available here: copy the query below." };
    });
  };
  return (
    <section className={styles.section} aria-label="Copy as SQL">
      <Text weight="semibold">The same rules in SQL</Text>
      <div className={styles.row}>
        <RadioGroup
          layout="horizontal"
          aria-label="SQL dialect"
          value={dialect}
          onChange={(_e, d) => setDialect(d.value as SqlDialect)}
        >
          <Radio value="duckdb" label="DuckDB" />
          <Radio value="postgres" label="PostgreSQL" />
        </RadioGroup>
        <Button disabled={busy !== undefined} onClick={copySql}>
          Copy as SQL
        </Button>
      </div>
      <Bar message={message} />
      {sqlText !== undefined && <Textarea aria-label="SQL query" readOnly value={sqlText} resize="vertical" />}
    </section>
  );
}

/** Browser download of a text file (UTF-8 with a byte-order mark, so Excel opens accents correctly). */
export function downloadText(fileName: string, text: string, doc: Document = document): void {
  const blob = new Blob(["\uFEFF", text], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const a = doc.createElement("a");
  a.href = url;
  a.download = fileName;
  a.style.display = "none";
  doc.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Clipboard write; false when the API is missing or refuses (some Office hosts block it). */
export async function copyToClipboard(text: string): Promise<boolean> {
  try {
    if (typeof navigator === "undefined" || !navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
