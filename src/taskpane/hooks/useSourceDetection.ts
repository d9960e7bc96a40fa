import * as React from "react";
import type { SegmentSettings, SourceInfo } from "../../office/types";
import { toErrorInfo, type ErrorInfo, type PaneActions } from "../actions";

export interface SourceDetection {
  source?: SourceInfo;
  error?: ErrorInfo;
  detecting: boolean;
  /** Looks for the transactions with these settings; only the latest call's answer is shown. */
  detect(settings: SegmentSettings): Promise<void>;
}

/** What the adapter would segment (`actions.detectSource`), kept for the pane. */
export function useSourceDetection(actions: PaneActions, mounted: React.MutableRefObject<boolean>): SourceDetection {
  const [source, setSource] = React.useState<SourceInfo>();
  const [error, setError] = React.useState<ErrorInfo>();
  const [detecting, setDetecting] = React.useState(false);
  const seqRef = React.useRef(0);

  const detect = React.useCallback(
    async (s: SegmentSettings) => {
      // Only the latest detection counts: an older answer arriving late must not overwrite a newer one.
      const seq = ++seqRef.current;
      setDetecting(true);
      try {
        const info = await actions.detectSource(s);
        if (seq !== seqRef.current || !mounted.current) return;
        setSource(info);
        setError(undefined);
      } catch (e) {
        if (seq !== seqRef.current || !mounted.current) return;
        setSource(undefined);
        setError(toErrorInfo(e));
      } finally {
        if (seq === seqRef.current && mounted.current) setDetecting(false);
      }
    },
    [actions, mounted],
  );

  return { source, error, detecting, detect };
}
