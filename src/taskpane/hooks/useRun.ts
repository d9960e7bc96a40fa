import * as React from "react";
import type { LastRunState } from "../../office/lastRun";
import type { Progress, SegmentSettings } from "../../office/types";
import { isAbort, toErrorInfo, type LastRunSource, type PaneActions } from "../actions";
import type { Outcome } from "../components/Outcome";

export interface RunDeps {
  actions: PaneActions;
  lastRun?: LastRunSource;
  settingsRef: React.MutableRefObject<SegmentSettings>;
  /** Writes a pending settings change before the run reads the settings. */
  flushSave: () => Promise<void> | undefined;
  show: (outcome: Outcome | undefined) => void;
  confirmReplace: (question: string) => Promise<boolean>;
  /** Answers a pending "replace?" question with "keep" (a cancelled run must not wait for it). */
  dismissQuestion: () => void;
  mounted: React.MutableRefObject<boolean>;
}

export interface RunState {
  running: boolean;
  cancelling: boolean;
  progress?: Progress;
  run(): Promise<void>;
  cancel(): void;
}

/** The message of a cancelled run: the adapter's sentence, unless it is only "cancelled" or "aborted". */
function cancelMessage(e: unknown): string {
  const msg = e instanceof Error && e.message && !/^(cancelled|aborted)\.?$/i.test(e.message) ? e.message : "";
  return msg || "The run was stopped before it finished.";
}

/** A segmentation run from the pane: progress, cancel, the outcome, and the shared last-run store kept current. */
export function useRun(deps: RunDeps): RunState {
  const { actions, lastRun, settingsRef, flushSave, show, confirmReplace, dismissQuestion, mounted } = deps;
  const [running, setRunning] = React.useState(false);
  const [cancelling, setCancelling] = React.useState(false);
  const [progress, setProgress] = React.useState<Progress>();
  const controllerRef = React.useRef<AbortController>();

  const run = async () => {
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
        confirmReplace,
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
        const message = cancelMessage(e);
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

  const cancel = () => {
    setCancelling(true);
    controllerRef.current?.abort();
    dismissQuestion();
  };

  return { running, cancelling, progress, run, cancel };
}
