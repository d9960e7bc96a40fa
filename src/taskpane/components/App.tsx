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
import { Divider, Image, MessageBar, MessageBarBody, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { RunSummary } from "../../office/types";
import type { Field } from "../../rfm/types";
import type { ErrorInfo, LastRunSource, PaneActions } from "../actions";
import { useConfirm } from "../hooks/useConfirm";
import { useMounted } from "../hooks/useMounted";
import { useOutcome } from "../hooks/useOutcome";
import { useRun } from "../hooks/useRun";
import { useSettings } from "../hooks/useSettings";
import { useSourceDetection } from "../hooks/useSourceDetection";
import { ConfirmDialog } from "./ConfirmDialog";
import { OptionsSection } from "./OptionsSection";
import { OutcomeMessage, ResultDetails } from "./Outcome";
import { PredictSection } from "./PredictSection";
import { RunBar } from "./RunBar";
import { SourceSection } from "./SourceSection";

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
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalM,
    maxWidth: "640px",
  },
  header: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  status: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

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

  const onMappingChange = (field: Field, header: string) => {
    // "" ("(none)") is saved as is: it switches the field off, so the aliases do not bring the column back.
    // Re-detect so the dropdowns and the missing-column warning show what the adapter will really use.
    void found.detect(update({ mapping: { ...settingsRef.current.mapping, [field]: header } }));
  };

  const ribbonBusy = outcome?.kind === "running" && outcome.origin === "ribbon";
  const busy = run.running || !loaded;
  const finished =
    outcome && (outcome.kind === "success" || outcome.kind === "cancelled") ? outcome.summary : undefined;

  return (
    <main className={styles.root} aria-label="RFM segmentation">
      <header className={styles.header}>
        <Image src="assets/icon-32.png" alt="" width={24} height={24} />
        <Text as="h1" size={500} weight="semibold">
          RFM segmentation
        </Text>
      </header>
      <SourceSection
        source={found.source}
        error={found.error}
        detecting={found.detecting}
        chosen={settings.mapping ?? {}}
        disabled={busy}
        onMappingChange={onMappingChange}
        onDetect={() => void found.detect(settingsRef.current)}
      />
      <Divider />
      <OptionsSection
        settings={settings}
        disabled={busy}
        onChange={(patch) => update(patch)}
        onCheckCustom={
          actions.readCustomScheme ? (address, bins) => actions.readCustomScheme!(address, bins) : undefined
        }
      />
      <Divider />
      <RunBar
        running={run.running}
        cancelling={run.cancelling}
        blocked={!loaded || ribbonBusy}
        progress={run.progress}
        onRun={() => void run.run()}
        onCancel={run.cancel}
      />
      <div className={styles.status} role="status" aria-label="Status" aria-live="polite">
        {notice && <Notice notice={notice} />}
        {outcome && <OutcomeMessage key={seq} outcome={outcome} />}
      </div>
      {finished && <ResultDetails summary={finished} extras={renderResultExtras?.(finished)} />}
      {actions.runPrediction && (
        <PredictSection
          {...{ runPrediction: actions.runPrediction, settingsRef, mounted, flushSave, lastRun: finished }}
          disabled={busy || ribbonBusy}
          confirmReplace={confirm.ask}
        />
      )}
      {confirm.pending && (
        <ConfirmDialog key={confirm.pending.seq} question={confirm.pending.question} onAnswer={confirm.answer} />
      )}
    </main>
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
