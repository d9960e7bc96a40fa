import * as React from "react";

export interface PendingQuestion {
  seq: number;
  question: string;
  resolve: (answer: boolean) => void;
}

export interface ConfirmState {
  /** The question waiting for an answer, if any. */
  pending?: PendingQuestion;
  /** Asks; resolves with the analyst's answer (false once the pane is gone). */
  ask(question: string): Promise<boolean>;
  answer(replace: boolean): void;
}

/** The adapter's "replace this sheet?" question, shown as a dialog. */
export function useConfirm(mounted: React.MutableRefObject<boolean>): ConfirmState {
  const [pending, setPending] = React.useState<PendingQuestion>();
  const seqRef = React.useRef(0);

  const ask = (question: string) =>
    new Promise<boolean>((resolve) => {
      if (!mounted.current) return resolve(false);
      setPending({ seq: ++seqRef.current, question, resolve });
    });

  const answer = (replace: boolean) => {
    pending?.resolve(replace);
    setPending(undefined);
  };

  return { pending, ask, answer };
}
