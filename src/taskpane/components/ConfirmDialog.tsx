/**
 * The question the adapter asks (through `confirmReplace`) before it replaces an output sheet the analyst renamed or
 * edited. "Replace" answers true, "Keep" (or Escape) answers false; the run waits for the answer.
 */
import * as React from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from "@fluentui/react-components";

export interface ConfirmDialogProps {
  /** The question; the dialog is open while it is set. */
  question?: string;
  onAnswer(replace: boolean): void;
}

export function ConfirmDialog({ question, onAnswer }: ConfirmDialogProps): React.JSX.Element {
  return (
    <Dialog
      open={question !== undefined}
      modalType="alert"
      onOpenChange={(_, data) => {
        if (!data.open) onAnswer(false);
      }}
    >
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Replace the earlier output?</DialogTitle>
          <DialogContent>{question}</DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => onAnswer(true)}>
              Replace
            </Button>
            <Button onClick={() => onAnswer(false)}>Keep</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
