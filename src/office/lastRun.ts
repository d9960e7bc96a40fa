/**
 * The last segmentation run, shared between the ribbon command and the task pane.
 *
 * With the shared runtime the ribbon command (src/commands) and the pane run in one JavaScript context, so a plain
 * module-level store is enough: the command publishes "running", then the summary or the error; when the command
 * fails it opens the pane, which reads `getLastRun()` and subscribes to changes to show the message. Nothing here is
 * persisted (a new session starts idle). Example:
 *
 *   const stop = subscribeLastRun((s) => setStatus(s));   // in the pane
 *   publishLastRun({ status: "error", message: "The column CustomerID is missing.", at: Date.now() });
 */
import type { RunSummary } from "./types";

export type LastRunState =
  | { status: "idle" }
  | { status: "running"; origin: RunOrigin; at: number }
  | { status: "done"; origin: RunOrigin; at: number; summary: RunSummary }
  | { status: "cancelled"; origin: RunOrigin; at: number; summary?: RunSummary; message: string }
  | { status: "error"; origin: RunOrigin; at: number; message: string; details?: string };

/** Who started the run: the ribbon button or the pane. */
export type RunOrigin = "ribbon" | "pane";

type Listener = (state: LastRunState) => void;

let state: LastRunState = { status: "idle" };
const listeners = new Set<Listener>();

export function getLastRun(): LastRunState {
  return state;
}

export function publishLastRun(next: LastRunState): void {
  state = next;
  // Copy so a listener that unsubscribes while being called does not disturb the loop.
  for (const l of [...listeners]) {
    try {
      l(state);
    } catch {
      // A failing listener (e.g. an unmounted pane) must not break the run that publishes.
    }
  }
}

/** Calls `listener` on every change; returns the function that unsubscribes. */
export function subscribeLastRun(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** For tests: back to idle, no listeners. */
export function resetLastRun(): void {
  state = { status: "idle" };
  listeners.clear();
}
