/**
 * What the analyst can do with a finished segmentation, under the segment table (App's `renderResultExtras`):
 * - Campaign list: tick segments, then "New sheet" (a table on a new sheet) or "Download CSV" (a file named after the
 *   segments and the snapshot date). Rows: id, segment, R/F/M values, last purchase, suggested action, country.
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

export function CampaignExport({
  summary,
  actions,
}: {
  summary: RunSummary;
  actions: ResultActions;
}): React.JSX.Element {
  const styles = useStyles();
  const [chosen, setChosen] = React.useState<string[]>([]);
  const [busy, setBusy] = React.useState<string | undefined>();
  const [campaignMsg, setCampaignMsg] = React.useState<Message>();
  const [compareTo, setCompareTo] = React.useState("");
  const [compareMsg, setCompareMsg] = React.useState<Message>();
  const [dialect, setDialect] = React.useState<SqlDialect>("duckdb");
  const [sqlMsg, setSqlMsg] = React.useState<Message>();
  const [sqlText, setSqlText] = React.useState<string>();

  const toggle = (label: string, on: boolean) =>
    setChosen((c) => (on ? [...c.filter((x) => x !== label), label] : c.filter((x) => x !== label)));
  const failed = (e: unknown): Message => {
    const info = toErrorInfo(e);
    return { intent: "error", text: info.message, details: info.details };
  };

  const exportList = async (target: "sheet" | "csv") => {
    setBusy(target);
    setCampaignMsg(undefined);
    try {
      const out = await actions.exportCampaignList(chosen, target);
      if (target === "csv" && out.csv !== undefined) {
        actions.download?.(out.fileName, out.csv);
        setCampaignMsg({ intent: "success", text: `Downloaded ${out.fileName}: ${fmt(out.customers)} customers.` });
      } else {
        setCampaignMsg({
          intent: "success",
          text: `Wrote ${fmt(out.customers)} customers of ${out.segments.join(", ")} to the sheet "${out.sheet}".`,
        });
      }
    } catch (e) {
      setCampaignMsg(failed(e));
    } finally {
      setBusy(undefined);
    }
  };

  const compare = async () => {
    if (!actions.compareSegmentation) return;
    setBusy("compare");
    setCompareMsg(undefined);
    try {
      const r = await actions.compareSegmentation(compareTo.trim() === "" ? undefined : compareTo.trim());
      const flows = r.flows.slice(0, 3).join("; ");
      setCompareMsg({
        intent: "success",
        text:
          `${r.before} → ${r.after}: ${fmt(r.stayed)} stayed, ${fmt(r.moved)} moved, ${fmt(r.arrived)} new, ` +
          `${fmt(r.lapsed)} lapsed. See the sheet "${r.sheet}"` +
          (r.previousSegmentSheet ? ` and the Previous segment column on "${r.previousSegmentSheet}".` : "."),
        details: flows ? `Largest flows: ${flows}.` : undefined,
      });
    } catch (e) {
      setCompareMsg(failed(e));
    } finally {
      setBusy(undefined);
    }
  };

  const copySql = async () => {
    if (!actions.sqlForWorkbook) return;
    setBusy("sql");
    setSqlMsg(undefined);
    setSqlText(undefined);
    try {
      const sql = await actions.sqlForWorkbook(dialect);
      const copied = actions.copyText ? await actions.copyText(sql).catch(() => false) : false;
      if (copied) {
        setSqlMsg({
          intent: "success",
          text: `Copied the ${dialect === "duckdb" ? "DuckDB" : "PostgreSQL"} query. It reads a table named transactions.`,
        });
      } else {
        setSqlText(sql);
        setSqlMsg({ intent: "info", text: "The clipboard is not available here: copy the query below." });
      }
    } catch (e) {
      setSqlMsg(failed(e));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div className={styles.section}>
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
          <Button disabled={chosen.length === 0 || busy !== undefined} onClick={() => void exportList("sheet")}>
            New sheet
          </Button>
          <Button disabled={chosen.length === 0 || busy !== undefined} onClick={() => void exportList("csv")}>
            Download CSV
          </Button>
        </div>
        <Bar message={campaignMsg} />
      </section>

      {actions.compareSegmentation && (
        <section className={styles.section} aria-label="Compare with an earlier date">
          <Text weight="semibold">Compare with an earlier date</Text>
          <div className={styles.row}>
            <Field label="Earlier date" hint="Empty: 90 days before the snapshot.">
              <Input type="date" value={compareTo} onChange={(_e, d) => setCompareTo(d.value)} />
            </Field>
            <Button disabled={busy !== undefined} onClick={() => void compare()}>
              Compare
            </Button>
          </div>
          <Bar message={compareMsg} />
        </section>
      )}

      {actions.sqlForWorkbook && (
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
            <Button disabled={busy !== undefined} onClick={() => void copySql()}>
              Copy as SQL
            </Button>
          </div>
          <Bar message={sqlMsg} />
          {sqlText !== undefined && <Textarea aria-label="SQL query" readOnly value={sqlText} resize="vertical" />}
        </section>
      )}
    </div>
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
