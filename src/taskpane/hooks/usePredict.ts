import * as React from "react";
import type { PredictionSettings, PredictionSummary } from "../../office/prediction";
import type { Progress, RunOptions, SegmentSettings } from "../../office/types";
import { isAbort, toErrorInfo, type ErrorInfo } from "../actions";

/** The adapter's runPrediction, as the pane calls it. */
export type RunPrediction = (
  settings: SegmentSettings,
  predict: PredictionSettings,
  options: RunOptions,
) => Promise<PredictionSummary>;

/** How a Predict click ended. */
export type PredictOutcome =
  | { kind: "success"; summary: PredictionSummary }
  | { kind: "cancelled"; message: string; summary?: PredictionSummary }
  | { kind: "error"; error: ErrorInfo };

export interface PredictState {
  running: boolean;
  cancelling: boolean;
  progress?: Progress;
  outcome?: PredictOutcome;
  run(predict: PredictionSettings): Promise<void>;
  cancel(): void;
}

export interface PredictDeps {
  runPrediction: RunPrediction;
  settingsRef: React.MutableRefObject<SegmentSettings>;
  /** Writes a pending settings change before the prediction reads the settings. */
  flushSave?: () => Promise<void> | undefined;
  confirmReplace?: (question: string) => Promise<boolean>;
  mounted: React.MutableRefObject<boolean>;
}

/** A Predict run from the pane: progress, cancel and the outcome (the same rules as the segmentation run). */
export function usePredict(deps: PredictDeps): PredictState {
  const { runPrediction, settingsRef, flushSave, confirmReplace, mounted } = deps;
  const [running, setRunning] = React.useState(false);
  const [cancelling, setCancelling] = React.useState(false);
  const [progress, setProgress] = React.useState<Progress>();
  const [outcome, setOutcome] = React.useState<PredictOutcome>();
  const controllerRef = React.useRef<AbortController>();

  const run = async (predict: PredictionSettings) => {
    const controller = new AbortController();
    controllerRef.current = controller;
    setRunning(true);
    setCancelling(false);
    setProgress({ step: "Starting", percent: 0 });
    setOutcome(undefined);
    let next: PredictOutcome;
    try {
      await flushSave?.();
      const summary = await runPrediction(settingsRef.current, predict, {
        onProgress: (p) => mounted.current && setProgress(p),
        signal: controller.signal,
        confirmReplace,
      });
      next = summary.cancelled
        ? { kind: "cancelled", message: summary.cancelled, summary }
        : { kind: "success", summary };
    } catch (e) {
      next = isAbort(e)
        ? { kind: "cancelled", message: "The prediction was stopped before anything was written." }
        : { kind: "error", error: toErrorInfo(e) };
    } finally {
      controllerRef.current = undefined;
    }
    if (!mounted.current) return;
    setOutcome(next);
    setRunning(false);
    setCancelling(false);
    setProgress(undefined);
  };

  const cancel = () => {
    setCancelling(true);
    controllerRef.current?.abort();
  };

  return { running, cancelling, progress, outcome, run, cancel };
}
