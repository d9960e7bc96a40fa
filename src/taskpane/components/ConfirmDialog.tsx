/**
 * The question the adapter asks (through `confirmReplace`) before it replaces an output sheet the analyst renamed or
 * edited. "Replace" answers true, "Keep" (or Escape) answers false; the run waits for the answer. The caller
 * mounts one dialog per question (keyed), so a second question never reuses a dialog that is still closing.
 *
 * Non-modal on purpose: the rest of the pane is disabled during a run anyway (only Cancel stays usable, and it
 * answers "Keep"), and a modal dialog's focus trap marks the page aria-hidden; when the adapter asks two questions
 * in a row (customer sheet, then summary sheet), the trap of the closing dialog and that of the opening one were
 * seen to leave either the new dialog or the whole pane hidden from assistive technology.
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
  question: string;
  onAnswer(replace: boolean): void;
}

export function ConfirmDialog({ question, onAnswer }: ConfirmDialogProps): React.JSX.Element {
  const keepRef = React.useRef<HTMLButtonElement>(null);
  // Focus "Keep", the safe answer, once the dialog is in place.
  React.useEffect(() => {
    const timer = setTimeout(() => keepRef.current?.focus(), 0);
    return () => clearTimeout(timer);
  }, []);
  return (
    <Dialog
      open
      modalType="non-modal"
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
            <Button ref={keepRef} onClick={() => onAnswer(false)}>
              Keep
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
