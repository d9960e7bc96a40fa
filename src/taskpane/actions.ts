/**
 * What the task pane needs from the outside world, as plain async functions passed in as props: the Office adapter
 * (src/office) in the add-in, fakes in the tests. The pane never touches `Excel` or `Office` itself, so it renders and
 * behaves the same in Excel, in a browser test and in jsdom.
 *
 * Example (tests): `<App actions={{ detectSource: async () => info, runSegmentation: async () => summary,
 *   loadSettings: async () => ({}), saveSettings: async () => {} }} />`
 */
import type { LastRunState } from "../office/lastRun";
import type { PredictionSettings, PredictionSummary } from "../office/prediction";
import { OfficeActionError } from "../office/types";
import type { RunOptions, RunSummary, SegmentSettings, SourceInfo } from "../office/types";
import { isRfmError } from "../rfm";
import type { Field, Scheme } from "../rfm/types";

export interface PaneActions {
  /** What would be segmented with these settings (sheet, rows, mapping, missing fields). */
  detectSource(settings: SegmentSettings): Promise<SourceInfo>;
  /** Runs the whole segmentation and writes the outputs. */
  runSegmentation(settings: SegmentSettings, options: RunOptions): Promise<RunSummary>;
  /** The settings saved in this workbook ({} when none). */
  loadSettings(): Promise<SegmentSettings>;
  saveSettings(settings: SegmentSettings): Promise<void>;
  /** Reads and checks a custom scheme from a sheet range (scheme "custom"). Optional: without it the pane offers no
   *  "Check rules" button. */
  readCustomScheme?(address: string, bins?: number): Promise<Scheme>;
  /** The Predict step (src/office/prediction.ts). Optional: without it the pane shows no Predict step. */
  runPrediction?(
    settings: SegmentSettings,
    predict: PredictionSettings,
    options: RunOptions,
  ): Promise<PredictionSummary>;
  /** Brings a sheet to the front (the result's links). Optional: without it the result names the sheets only. */
  selectSheet?(name: string): Promise<void>;
}

/** The store of the last ribbon-command run (src/office/lastRun.ts in the shared runtime). */
export interface LastRunSource {
  get(): LastRunState;
  /** Returns the function that unsubscribes. */
  subscribe(listener: (state: LastRunState) => void): () => void;
  /** Records the pane's own runs (origin "pane"), so that a ribbon click during a pane run is refused. */
  publish?(state: LastRunState): void;
}

/** The mapping fields in the order the pane shows them, with their labels (also the dropdowns' accessible names). */
export const FIELD_LABELS: readonly { field: Field; label: string; required: boolean }[] = [
  { field: "customer", label: "Customer", required: true },
  { field: "invoice", label: "Invoice", required: false },
  { field: "date", label: "Date", required: true },
  { field: "quantity", label: "Quantity", required: false },
  { field: "unitPrice", label: "Unit price", required: false },
  { field: "amount", label: "Amount", required: false },
  { field: "country", label: "Country", required: false },
];

export function fieldLabel(field: Field): string {
  return FIELD_LABELS.find((f) => f.field === field)?.label ?? field;
}

/** An error reduced to what the pane shows: the analyst's sentence, and details on request. */
export interface ErrorInfo {
  message: string;
  details?: string;
}

/** OfficeActionError and RfmError messages are written for the analyst and shown as they are; the details keep
 *  the error code, the rows and the original (Office) error. Anything else shows its message. */
export function toErrorInfo(e: unknown): ErrorInfo {
  if (!(e instanceof Error)) return { message: String(e) };
  const details: string[] = [];
  if (e instanceof OfficeActionError && e.details) details.push(e.details);
  const cause = (e as { cause?: unknown }).cause;
  for (const err of [e, cause]) {
    if (isRfmError(err)) {
      details.push(`Error code: ${err.code}`);
      if (err.column) details.push(`Column: ${err.column}`);
      if (err.rows.length) details.push(`Rows: ${err.rows.join(", ")}`);
    }
  }
  if (cause instanceof Error && cause.message !== e.message) details.push(`${cause.name}: ${cause.message}`);
  const unique = [...new Set(details)];
  return { message: e.message || e.name, details: unique.length ? unique.join("\n") : undefined };
}

/** True for the error a cancelled run ends with (DOMException or the adapter's CancelledError, both "AbortError"). */
export function isAbort(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { name?: unknown }).name === "AbortError";
}
