/**
 * The RFM task pane. On mount it loads the workbook's saved settings and detects the transactions; the analyst
 * corrects the column mapping and options (each change is saved to the workbook shortly after), clicks
 * "Segment customers", follows the progress (and may cancel), answers the adapter's "replace?" question, and reads
 * the outcome. Runs started from the ribbon button are shown too (through `lastRun`, the shared-runtime store).
 *
 * All Office work goes through `actions` (props), so the same component runs in Excel, in a browser test and in
 * jsdom. Example: `<App actions={officeActions} lastRun={{ get: getLastRun, subscribe: subscribeLastRun }} />`.
 */
import * as React from "react";
import {
  Accordion,
  Image,
  MessageBar,
  MessageBarBody,
  Text,
  makeStyles,
  tokens,
  type AccordionItemValue,
  type AccordionToggleEventHandler,
} from "@fluentui/react-components";
import type { RunSummary } from "../../office/types";
import type { Field } from "../../rfm/types";
import { fieldLabel, type ErrorInfo, type LastRunSource, type PaneActions } from "../actions";
import { useConfirm } from "../hooks/useConfirm";
import { useMounted } from "../hooks/useMounted";
import { useOutcome } from "../hooks/useOutcome";
import { useRun } from "../hooks/useRun";
import { useSettings } from "../hooks/useSettings";
import { useSourceDetection } from "../hooks/useSourceDetection";
import { ConfirmDialog } from "./ConfirmDialog";
import { OptionsSection, binsProblem, binsTextOf } from "./OptionsSection";
import { OutcomeMessage, ResultDetails, type Outcome } from "./Outcome";
import { PredictSection } from "./PredictSection";
import { RunBar } from "./RunBar";
import { ColumnsItem, SourceSummary, missingOf } from "./SourceSection";

export interface AppProps {
  actions: PaneActions;
  /** The last ribbon-command run (src/office/lastRun.ts); without it the pane shows only its own runs. */
  lastRun?: LastRunSource;
  /** Room for features that act on a finished run (campaign lists ...), rendered after the run's details. */
  renderResultExtras?: (summary: RunSummary) => React.ReactNode;
  /** Delay before a settings change is written to the workbook, so that typing does not save on every key (ms). */
  saveDelayMs?: number;
}

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    minHeight: "100%",
    maxWidth: "640px",
    boxSizing: "border-box",
    overflowWrap: "anywhere",
  },
  body: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    flexGrow: 1,
    minWidth: 0,
  },
  header: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  status: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, outlineStyle: "none" },
});

/** Why Run cannot start now (undefined when it can). */
function runBlocker(
  found: ReturnType<typeof useSourceDetection>,
  missing: readonly Field[],
  binsProblem: string | undefined,
): string | undefined {
  if (found.detecting) return "Looking for transactions…";
  if (!found.source) return "Open the sheet with the transactions, then choose Detect data again under Columns.";
  if (missing.length) return `Choose a column for ${missing.map(fieldLabel).join(", ")} (under Columns).`;
  if (binsProblem) return `${binsProblem} (under Scoring)`;
  return undefined;
}

/** Which accordion items are open: Segments by default; Columns opens by itself while a required field has no
 *  column, so that the dropdowns to fix are in view. */
function useOpenItems(needsColumns: boolean) {
  const [open, setOpen] = React.useState<AccordionItemValue[]>(["segments"]);
  const [shownNeed, setShownNeed] = React.useState(false);
  if (needsColumns !== shownNeed) {
    setShownNeed(needsColumns);
    if (needsColumns && !open.includes("columns")) setOpen(["columns", ...open]);
  }
  const onToggle: AccordionToggleEventHandler = (_, data) => setOpen(data.openItems);
  return { openItems: open, onToggle };
}

export default function App({ actions, lastRun, renderResultExtras, saveDelayMs = 400 }: AppProps): React.JSX.Element {
  const styles = useStyles();
  const mounted = useMounted();
  const found = useSourceDetection(actions, mounted);
  const { settings, settingsRef, loaded, notice, update, flushSave } = useSettings(
    actions,
    saveDelayMs,
    mounted,
    found.detect,
  );
  const { outcome, seq, show } = useOutcome(lastRun);
  const confirm = useConfirm(mounted);
  const run = useRun({
    actions,
    lastRun,
    settingsRef,
    flushSave,
    show,
    confirmReplace: confirm.ask,
    dismissQuestion: () => confirm.pending && confirm.answer(false),
    mounted,
  });
  const [binsText, setBinsText] = useBinsDraft(settings.bins);
  const chosen = settings.mapping ?? {};
  const missing = missingOf({ source: found.source, chosen });
  const accordion = useOpenItems(missing.length > 0);
  const focus = useResultFocus(outcome, seq);

  const ribbonBusy = outcome?.kind === "running" && outcome.origin === "ribbon";
  const busy = run.running || !loaded;
  // A cancelled run leaves the workbook as it was, so it has no result to show.
  const finished = outcome?.kind === "success" ? outcome.summary : undefined;
  const source = sourceProps(found, chosen, busy, update, settingsRef);

  return (
    <main className={styles.root} aria-label="RFM segmentation">
      <div className={styles.body}>
        <header className={styles.header}>
          <Image src="assets/icon-32.png" alt="" width={24} height={24} />
          <Text as="h1" size={500} weight="semibold">
            RFM segmentation
          </Text>
        </header>
        <SourceSummary {...source} />
        <StatusRegion statusRef={focus.statusRef}>
          {notice && <Notice notice={notice} />}
          {outcome && <OutcomeMessage key={seq} outcome={outcome} />}
        </StatusRegion>
        {finished && (
          <ResultDetails
            summary={finished}
            extras={renderResultExtras?.(finished)}
            onSelectSheet={actions.selectSheet && ((name) => void actions.selectSheet!(name).catch(() => undefined))}
            headingRef={focus.resultRef}
          />
        )}
        <Accordion multiple collapsible openItems={accordion.openItems} onToggle={accordion.onToggle}>
          <ColumnsItem {...source} />
          <OptionsSection
            settings={settings}
            disabled={busy}
            onChange={(patch) => update(patch)}
            onCheckCustom={
              actions.readCustomScheme ? (address, bins) => actions.readCustomScheme!(address, bins) : undefined
            }
            binsText={binsText}
            onBinsText={setBinsText}
          />
          {actions.runPrediction && finished && (
            <PredictSection
              {...{ runPrediction: actions.runPrediction, settingsRef, mounted, flushSave, lastRun: finished }}
              disabled={busy || ribbonBusy}
              confirmReplace={confirm.ask}
            />
          )}
        </Accordion>
      </div>
      <RunBar
        running={run.running}
        cancelling={run.cancelling}
        blocked={!loaded || ribbonBusy}
        reason={loaded ? runBlocker(found, missing, binsProblem(binsText)) : undefined}
        progress={run.progress}
        onRun={() => void run.run()}
        onCancel={run.cancel}
      />
      {confirm.pending && (
        <ConfirmDialog key={confirm.pending.seq} question={confirm.pending.question} onAnswer={confirm.answer} />
      )}
    </main>
  );
}

/** What the source summary and the Columns section show and do. */
function sourceProps(
  found: ReturnType<typeof useSourceDetection>,
  chosen: Partial<Record<Field, string>>,
  busy: boolean,
  update: ReturnType<typeof useSettings>["update"],
  settingsRef: ReturnType<typeof useSettings>["settingsRef"],
) {
  const onMappingChange = (field: Field, header: string) => {
    // "" ("(none)") is saved as is: it switches the field off, so the aliases do not bring the column back.
    // Re-detect so the dropdowns and the missing-column warning show what the adapter will really use.
    void found.detect(update({ mapping: { ...settingsRef.current.mapping, [field]: header } }));
  };
  return {
    source: found.source,
    error: found.error,
    detecting: found.detecting,
    chosen,
    disabled: busy,
    onMappingChange,
    onDetect: () => void found.detect(settingsRef.current),
  };
}

/** The bins as typed; a new saved value (settings loaded, another change) replaces what was typed. */
function useBinsDraft(bins: number | undefined): [string, (text: string) => void] {
  const [draft, setDraft] = React.useState<{ text: string; for?: number }>();
  const text = draft && draft.for === bins ? draft.text : binsTextOf(bins);
  return [text, (t) => setDraft({ text: t, for: bins })];
}

/** After a pane run, focus goes to the result's heading (a finished run) or to the status message (cancelled, an
 *  error), so that the keyboard and the screen reader continue from what the run did. */
function useResultFocus(outcome: Outcome | undefined, seq: number) {
  const statusRef = React.useRef<HTMLDivElement>(null);
  const resultRef = React.useRef<HTMLHeadingElement>(null);
  React.useEffect(() => {
    if (!outcome || outcome.origin !== "pane" || outcome.kind === "running") return;
    (outcome.kind === "success" ? resultRef.current : statusRef.current)?.focus();
  }, [outcome, seq]);
  return { statusRef, resultRef };
}

/** The pane's one live region: the outcome of the last run, said once when it changes. */
function StatusRegion(props: { statusRef: React.Ref<HTMLDivElement>; children: React.ReactNode }) {
  const styles = useStyles();
  return (
    <div
      className={styles.status}
      role="status"
      aria-label="Status"
      aria-live="polite"
      tabIndex={-1}
      ref={props.statusRef}
    >
      {props.children}
    </div>
  );
}

/** A problem that is not a run's outcome (the settings could not be read or saved). */
function Notice({ notice }: { notice: ErrorInfo }): React.JSX.Element {
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>{notice.message}</MessageBarBody>
    </MessageBar>
  );
}
