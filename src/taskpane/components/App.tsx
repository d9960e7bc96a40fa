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
import type { LastRunState } from "../../office/lastRun";
import type { Progress, RunSummary, SegmentSettings, SourceInfo } from "../../office/types";
import type { Field } from "../../rfm/types";
import { isAbort, toErrorInfo, type ErrorInfo, type LastRunSource, type PaneActions } from "../actions";
import { ConfirmDialog } from "./ConfirmDialog";
import { OptionsSection } from "./OptionsSection";
import { OutcomeMessage, ResultDetails, type Outcome } from "./Outcome";
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

/** What a settled ribbon run becomes in the pane (running and idle states are handled by the caller). */
function ribbonOutcome(s: LastRunState): Outcome | undefined {
  if (s.status === "idle") return undefined;
  switch (s.status) {
    case "running":
      return { kind: "running", origin: s.origin };
    case "done":
      return { kind: "success", origin: s.origin, summary: s.summary };
    case "cancelled":
      return { kind: "cancelled", origin: s.origin, message: s.message, summary: s.summary };
    case "error":
      return { kind: "error", origin: s.origin, error: { message: s.message, details: s.details } };
  }
}

export default function App({ actions, lastRun, renderResultExtras, saveDelayMs = 400 }: AppProps): React.JSX.Element {
  const styles = useStyles();

  const [settings, setSettings] = React.useState<SegmentSettings>({});
  const settingsRef = React.useRef<SegmentSettings>({});
  const [loaded, setLoaded] = React.useState(false);
  const [notice, setNotice] = React.useState<ErrorInfo>();

  const [source, setSource] = React.useState<SourceInfo>();
  const [sourceError, setSourceError] = React.useState<ErrorInfo>();
  const [detecting, setDetecting] = React.useState(false);
  const detectSeq = React.useRef(0);

  const [running, setRunning] = React.useState(false);
  const [cancelling, setCancelling] = React.useState(false);
  const [progress, setProgress] = React.useState<Progress>();
  const controllerRef = React.useRef<AbortController>();
  const [outcome, setOutcome] = React.useState<Outcome>();
  const [outcomeSeq, setOutcomeSeq] = React.useState(0);
  const [confirm, setConfirm] = React.useState<{ seq: number; question: string; resolve: (answer: boolean) => void }>();
  const confirmSeq = React.useRef(0);

  const saveTimer = React.useRef<ReturnType<typeof setTimeout>>();
  const mounted = React.useRef(true);

  const show = React.useCallback((o: Outcome | undefined) => {
    setOutcome(o);
    setOutcomeSeq((n) => n + 1);
  }, []);

  const detect = React.useCallback(
    async (s: SegmentSettings) => {
      // Only the latest detection counts: an older answer arriving late must not overwrite a newer one.
      const seq = ++detectSeq.current;
      setDetecting(true);
      try {
        const info = await actions.detectSource(s);
        if (seq !== detectSeq.current || !mounted.current) return;
        setSource(info);
        setSourceError(undefined);
      } catch (e) {
        if (seq !== detectSeq.current || !mounted.current) return;
        setSource(undefined);
        setSourceError(toErrorInfo(e));
      } finally {
        if (seq === detectSeq.current && mounted.current) setDetecting(false);
      }
    },
    [actions],
  );

  const persist = React.useCallback(
    async (s: SegmentSettings) => {
      try {
        await actions.saveSettings(s);
        if (mounted.current) setNotice(undefined);
      } catch (e) {
        const info = toErrorInfo(e);
        if (mounted.current) setNotice({ message: `The settings could not be saved in the workbook: ${info.message}` });
      }
    },
    [actions],
  );

  /** Writes a pending settings change now (before a run, and when the pane goes away). */
  const flushSave = React.useCallback((): Promise<void> | undefined => {
    if (saveTimer.current === undefined) return undefined;
    clearTimeout(saveTimer.current);
    saveTimer.current = undefined;
    return persist(settingsRef.current);
  }, [persist]);

  // Load the saved settings, then look for the data with them.
  React.useEffect(() => {
    mounted.current = true;
    let alive = true;
    void (async () => {
      let saved: SegmentSettings = {};
      try {
        saved = (await actions.loadSettings()) ?? {};
      } catch (e) {
        if (alive)
          setNotice({ message: `The saved settings could not be read; using the defaults. ${toErrorInfo(e).message}` });
      }
      if (!alive) return;
      settingsRef.current = saved;
      setSettings(saved);
      setLoaded(true);
      await detect(saved);
    })();
    return () => {
      alive = false;
      mounted.current = false;
      if (saveTimer.current !== undefined) {
        clearTimeout(saveTimer.current);
        saveTimer.current = undefined;
        void actions.saveSettings(settingsRef.current).catch(() => undefined);
      }
    };
  }, [actions, detect]);

  // Ribbon runs: show the latest one now (the command opens the pane on error) and every later one.
  React.useEffect(() => {
    if (!lastRun) return undefined;
    const apply = (s: LastRunState) => {
      if (s.status === "idle" || s.origin !== "ribbon") return;
      show(ribbonOutcome(s));
    };
    apply(lastRun.get());
    return lastRun.subscribe(apply);
  }, [lastRun, show]);

  const update = (patch: Partial<SegmentSettings>, options: { redetect?: boolean } = {}) => {
    const next = { ...settingsRef.current, ...patch };
    settingsRef.current = next;
    setSettings(next);
    if (saveTimer.current !== undefined) clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => {
      saveTimer.current = undefined;
      void persist(settingsRef.current);
    }, saveDelayMs);
    if (options.redetect) void detect(next);
  };

  const onMappingChange = (field: Field, header: string) => {
    // "" ("(none)") is saved as is: it switches the field off, so the aliases do not bring the column back.
    const mapping = { ...settingsRef.current.mapping, [field]: header };
    // Re-detect so the dropdowns and the missing-column warning show what the adapter will really use.
    update({ mapping }, { redetect: true });
  };

  const askReplace = (question: string) =>
    new Promise<boolean>((resolve) => {
      if (!mounted.current) return resolve(false);
      setConfirm({ seq: ++confirmSeq.current, question, resolve });
    });

  const onAnswer = (replace: boolean) => {
    confirm?.resolve(replace);
    setConfirm(undefined);
  };

  const onRun = async () => {
    const publish = (state: LastRunState) => lastRun?.publish?.(state);
    const controller = new AbortController();
    controllerRef.current = controller;
    setRunning(true);
    setCancelling(false);
    setProgress({ step: "Starting", percent: 0 });
    show(undefined);
    await flushSave();
    publish({ status: "running", origin: "pane", at: Date.now() });
    try {
      const summary = await actions.runSegmentation(settingsRef.current, {
        onProgress: (p) => {
          if (mounted.current) setProgress(p);
        },
        signal: controller.signal,
        confirmReplace: askReplace,
      });
      if (summary.cancelled) {
        publish({ status: "cancelled", origin: "pane", at: Date.now(), summary, message: summary.cancelled });
      } else publish({ status: "done", origin: "pane", at: Date.now(), summary });
      if (!mounted.current) return;
      show(
        summary.cancelled
          ? { kind: "cancelled", origin: "pane", message: summary.cancelled, summary }
          : { kind: "success", origin: "pane", summary },
      );
    } catch (e) {
      if (isAbort(e)) {
        const msg = e instanceof Error && e.message && !/^(cancelled|aborted)\.?$/i.test(e.message) ? e.message : "";
        const message = msg || "The run was stopped before it finished.";
        publish({ status: "cancelled", origin: "pane", at: Date.now(), message });
        if (mounted.current) show({ kind: "cancelled", origin: "pane", message });
      } else {
        const error = toErrorInfo(e);
        publish({ status: "error", origin: "pane", at: Date.now(), message: error.message, details: error.details });
        if (mounted.current) show({ kind: "error", origin: "pane", error });
      }
    } finally {
      controllerRef.current = undefined;
      if (mounted.current) {
        setRunning(false);
        setCancelling(false);
        setProgress(undefined);
      }
    }
  };

  const onCancel = () => {
    setCancelling(true);
    controllerRef.current?.abort();
    // A pending "replace?" question would keep the run waiting: cancelling answers it with "keep".
    if (confirm) onAnswer(false);
  };

  const ribbonBusy = outcome?.kind === "running" && outcome.origin === "ribbon";
  const busy = running || !loaded;
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
        source={source}
        error={sourceError}
        detecting={detecting}
        chosen={settings.mapping ?? {}}
        disabled={busy}
        onMappingChange={onMappingChange}
        onDetect={() => void detect(settingsRef.current)}
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
        running={running}
        cancelling={cancelling}
        blocked={!loaded || ribbonBusy}
        progress={progress}
        onRun={() => void onRun()}
        onCancel={onCancel}
      />
      <div className={styles.status} role="status" aria-label="Status" aria-live="polite">
        {notice && <Notice notice={notice} />}
        {outcome && <OutcomeMessage key={outcomeSeq} outcome={outcome} />}
      </div>
      {finished && <ResultDetails summary={finished} extras={renderResultExtras?.(finished)} />}
      {confirm && <ConfirmDialog key={confirm.seq} question={confirm.question} onAnswer={onAnswer} />}
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
