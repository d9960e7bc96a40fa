/**
 * `withWorkbook`: the opening sequence every workbook intent shares, in one place.
 *
 * The host is resolved (office.js' globals unless one is passed) and checked against the minimum Excel API, then
 * inside one `Excel.run` a `Session` is opened, the add-in's record of its outputs is loaded and the transactions
 * are located with the pane's settings. The intent's own work then runs with all three in hand:
 *
 *   return withWorkbook(settings, host, async ({ s, marker, found }) => { ... }, { signal, onOpen });
 *
 * Errors are passed through as thrown; each intent words them for its own action (`toActionError`).
 *
 * `detectSource` is the intent that is nothing but the opening: what the pane shows before a run.
 */
import { toActionError } from "./errors";
import { requireMinimumApi, resolveHost, type OfficeHost } from "./host";
import { Session } from "./io";
import { parseMarker, queueLoadState, settingValue, type OutputsMarker } from "./settings";
import { locateSource, type LocatedSource } from "./source";
import type { SegmentSettings, SourceInfo } from "./types";

/** What an intent gets once the workbook is open. */
export interface OpenWorkbook {
  s: Session;
  /** The add-in's record of its outputs as saved in the workbook (empty when there is none). */
  marker: OutputsMarker;
  /** Where the transactions are, by the settings' rules (see source.ts). */
  found: LocatedSource;
}

export interface OpenOptions {
  /** Cancels the session between chunks (see `Session.throwIfCancelled`). */
  signal?: AbortSignal;
  /** Called once the session exists, before the first request: for a first progress step, or to keep the session
   *  for a summary written after the run ended. */
  onOpen?: (s: Session) => void;
}

/** Opens the workbook (see the file comment) and runs `body` in the same `Excel.run`. */
export async function withWorkbook<T>(
  settings: SegmentSettings,
  host: OfficeHost | undefined,
  body: (wb: OpenWorkbook) => Promise<T>,
  options: OpenOptions = {},
): Promise<T> {
  const h = resolveHost(host);
  requireMinimumApi(h);
  return h.Excel.run(async (context) => {
    const s = new Session(context, h, options.signal);
    options.onOpen?.(s);
    const state = queueLoadState(context);
    await s.sync();
    const marker = parseMarker(settingValue(state.outputs));
    const found = await locateSource(s, settings, marker);
    return body({ s, marker, found });
  });
}

/** The transactions the add-in would segment with these settings (see source.ts). Never throws for missing
 *  columns: they are listed in `missing`. */
export async function detectSource(settings: SegmentSettings = {}, host?: OfficeHost): Promise<SourceInfo> {
  try {
    return await withWorkbook(settings, host, async ({ found }) => found.info);
  } catch (e) {
    throw toActionError(e, "finding the transactions in the workbook");
  }
}
