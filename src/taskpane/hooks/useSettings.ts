import * as React from "react";
import type { SegmentSettings } from "../../office/types";
import { toErrorInfo, type ErrorInfo, type PaneActions } from "../actions";

export interface PaneSettings {
  settings: SegmentSettings;
  /** The latest settings, also between renders (what a run or a detection must use). */
  settingsRef: React.MutableRefObject<SegmentSettings>;
  /** The saved settings have been read (or could not be, and the defaults apply). */
  loaded: boolean;
  /** A problem reading or saving the settings. */
  notice?: ErrorInfo;
  /** Applies a change now and saves it to the workbook after the delay; returns the new settings. */
  update(patch: Partial<SegmentSettings>): SegmentSettings;
  /** Writes a pending change now (before a run). */
  flushSave(): Promise<void> | undefined;
}

/**
 * The workbook's saved settings: loaded on mount (then `onLoaded` runs with them, e.g. the first detection), each
 * change saved `saveDelayMs` after the last one so that typing does not save on every key, and a pending change
 * written when the pane goes away.
 */
export function useSettings(
  actions: PaneActions,
  saveDelayMs: number,
  mounted: React.MutableRefObject<boolean>,
  onLoaded: (settings: SegmentSettings) => Promise<void>,
): PaneSettings {
  const [settings, setSettings] = React.useState<SegmentSettings>({});
  const settingsRef = React.useRef<SegmentSettings>({});
  const [loaded, setLoaded] = React.useState(false);
  const [notice, setNotice] = React.useState<ErrorInfo>();
  const saveTimer = React.useRef<ReturnType<typeof setTimeout>>();

  const persist = React.useCallback(
    async (s: SegmentSettings) => {
      try {
        await actions.saveSettings(s);
        if (mounted.current) setNotice(undefined);
      } catch (e) {
        const info = toErrorInfo(e);
        if (mounted.current) setNotice({ message: `The settings could not be saved in the workbook: ${info.message}` });
      }
    },
    [actions, mounted],
  );

  const flushSave = React.useCallback((): Promise<void> | undefined => {
    if (saveTimer.current === undefined) return undefined;
    clearTimeout(saveTimer.current);
    saveTimer.current = undefined;
    return persist(settingsRef.current);
  }, [persist]);

  // Load the saved settings, then hand them on (the first detection).
  React.useEffect(() => {
    let alive = true;
    void (async () => {
      let saved: SegmentSettings = {};
      try {
        saved = (await actions.loadSettings()) ?? {};
      } catch (e) {
        if (alive)
          setNotice({ message: `The saved settings could not be read; using the defaults. ${toErrorInfo(e).message}` });
      }
      if (!alive) return;
      settingsRef.current = saved;
      setSettings(saved);
      setLoaded(true);
      await onLoaded(saved);
    })();
    return () => {
      alive = false;
      if (saveTimer.current !== undefined) {
        clearTimeout(saveTimer.current);
        saveTimer.current = undefined;
        void actions.saveSettings(settingsRef.current).catch(() => undefined);
      }
    };
  }, [actions, onLoaded]);

  const update = (patch: Partial<SegmentSettings>): SegmentSettings => {
    const next = { ...settingsRef.current, ...patch };
    settingsRef.current = next;
    setSettings(next);
    if (saveTimer.current !== undefined) clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => {
      saveTimer.current = undefined;
      void persist(settingsRef.current);
    }, saveDelayMs);
    return next;
  };

  return { settings, settingsRef, loaded, notice, update, flushSave };
}
