import * as React from "react";
import type { LastRunState } from "../../office/lastRun";
import type { LastRunSource } from "../actions";
import type { Outcome } from "../components/Outcome";

export interface PaneOutcome {
  outcome?: Outcome;
  /** Changes with every outcome shown, so that the same message shown twice is announced again. */
  seq: number;
  show(outcome: Outcome | undefined): void;
}

/** What a settled ribbon run becomes in the pane (running and idle states are handled by the caller). */
function ribbonOutcome(s: LastRunState): Outcome | undefined {
  switch (s.status) {
    case "idle":
      return undefined;
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

/** The outcome the pane shows: its own runs' (through `show`) and the ribbon's, the latest now and every later one
 *  (the command opens the pane on error). */
export function useOutcome(lastRun: LastRunSource | undefined): PaneOutcome {
  const [outcome, setOutcome] = React.useState<Outcome>();
  const [seq, setSeq] = React.useState(0);

  const show = React.useCallback((o: Outcome | undefined) => {
    setOutcome(o);
    setSeq((n) => n + 1);
  }, []);

  React.useEffect(() => {
    if (!lastRun) return undefined;
    const apply = (s: LastRunState) => {
      if (s.status === "idle" || s.origin !== "ribbon") return;
      show(ribbonOutcome(s));
    };
    apply(lastRun.get());
    return lastRun.subscribe(apply);
  }, [lastRun, show]);

  return { outcome, seq, show };
}
