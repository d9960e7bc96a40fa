/**
 * The pane's footer, always in view: the primary "Segment customers" button with, when it cannot run, the reason
 * under it; while a run is going, the step with its percent, a progress bar (accessible name "Progress") and a
 * "Cancel" button that stops the run and puts the workbook back as it was.
 */
import * as React from "react";
import { Button, ProgressBar, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Progress } from "../../office/types";

const useStyles = makeStyles({
  bar: {
    position: "sticky",
    bottom: 0,
    zIndex: 1,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  buttons: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  reason: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

export interface RunBarProps {
  running: boolean;
  cancelling: boolean;
  /** Disables the button (another run, e.g. from the ribbon, is in progress; the settings are loading). */
  blocked: boolean;
  /** Why the button cannot run (a required column is not mapped, an input is invalid): shown under it, and the
   *  button stays focusable so that the reason is read with it. */
  reason?: string;
  progress?: Progress;
  onRun(): void;
  onCancel(): void;
}

export function RunBar(props: RunBarProps): React.JSX.Element {
  const { running, cancelling, progress, reason } = props;
  const styles = useStyles();
  const percent = Math.max(0, Math.min(100, Math.round(progress?.percent ?? 0)));
  const step = cancelling ? "Cancelling: putting the workbook back as it was…" : (progress?.step ?? "Starting");
  return (
    <footer className={styles.bar} aria-label="Run">
      <div className={styles.buttons}>
        <Button
          appearance="primary"
          onClick={props.onRun}
          disabled={running || props.blocked}
          disabledFocusable={!running && !props.blocked && !!reason}
          aria-describedby={reason && !running ? "rfm-run-reason" : undefined}
        >
          Segment customers
        </Button>
        {running && (
          <Button onClick={props.onCancel} disabled={cancelling}>
            Cancel
          </Button>
        )}
      </div>
      {reason && !running && (
        <Text id="rfm-run-reason" className={styles.reason}>
          {reason}
        </Text>
      )}
      {running && (
        <>
          <Text id="rfm-progress-step" className={styles.reason}>
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
    </footer>
  );
}
