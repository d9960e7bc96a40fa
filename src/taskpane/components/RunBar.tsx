/**
 * The primary "Segment customers" button, and while a run is going: the step name with its percent, a progress bar
 * (accessible name "Progress") and a "Cancel" button that aborts the run between chunks.
 */
import * as React from "react";
import { Button, ProgressBar, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Progress } from "../../office/types";

const useStyles = makeStyles({
  bar: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  buttons: { display: "flex", gap: tokens.spacingHorizontalS },
});

export interface RunBarProps {
  running: boolean;
  cancelling: boolean;
  /** Disables the button (another run, e.g. from the ribbon, is in progress). */
  blocked: boolean;
  progress?: Progress;
  onRun(): void;
  onCancel(): void;
}

export function RunBar(props: RunBarProps): React.JSX.Element {
  const { running, cancelling, progress } = props;
  const styles = useStyles();
  const percent = Math.max(0, Math.min(100, Math.round(progress?.percent ?? 0)));
  const step = cancelling ? "Cancelling…" : (progress?.step ?? "Starting");
  return (
    <div className={styles.bar}>
      <div className={styles.buttons}>
        <Button appearance="primary" onClick={props.onRun} disabled={running || props.blocked}>
          Segment customers
        </Button>
        {running && (
          <Button onClick={props.onCancel} disabled={cancelling}>
            Cancel
          </Button>
        )}
      </div>
      {running && (
        <>
          <Text aria-live="polite" id="rfm-progress-step">
            {step} — {percent}%
          </Text>
          <ProgressBar
            aria-label="Progress"
            aria-describedby="rfm-progress-step"
            aria-valuetext={`${step}, ${percent}%`}
            value={percent / 100}
            max={1}
            thickness="large"
          />
        </>
      )}
    </div>
  );
}
