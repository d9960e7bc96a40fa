/**
 * The ribbon command "Segment customers" (manifest FunctionName "SegmentCustomers"): runs the segmentation with the
 * workbook's saved settings (or the defaults) without opening the task pane.
 *
 * Outcome: the run activates the "RFM Summary" sheet, which is the visible result. Notifications are not available
 * in every host, so on an error the command opens the task pane (`Office.addin.showAsTaskpane()`, SharedRuntime 1.1)
 * and leaves the message in the shared last-run store (src/office/lastRun.ts), which the pane shows. A renamed or
 * edited output sheet cannot be confirmed from here: the run stops with a message asking to run from the pane.
 * `event.completed()` is always called (Excel queues further clicks until it is).
 *
 * Example (tests): `await segmentCustomers(event, host)` with the simulation's host and a fake event.
 */
import { getLastRun, publishLastRun } from "../office/lastRun";
import { loadSettings, runSegmentation, type OfficeHost } from "../office";
import { resolveHost } from "../office/host";
import { OfficeActionError } from "../office/types";

/* global Office */

/** The manifest's FunctionName for the button. */
export const SEGMENT_COMMAND_ID = "SegmentCustomers";

/** The part of `Office.AddinCommands.Event` the handler uses. */
export interface CommandEvent {
  completed(options?: { allowEvent?: boolean }): void;
}

export async function segmentCustomers(event: CommandEvent, host?: OfficeHost): Promise<void> {
  try {
    if (getLastRun().status === "running") {
      // A run from the pane (or an earlier click) is still writing: starting another would interleave writes.
      throw new OfficeActionError("A segmentation is already running. Wait for it to finish, then click again.");
    }
    publishLastRun({ status: "running", origin: "ribbon", at: Date.now() });
    const settings = await loadSettings(host);
    const summary = await runSegmentation(settings, {}, host);
    if (summary.cancelled) {
      publishLastRun({ status: "cancelled", origin: "ribbon", at: Date.now(), summary, message: summary.cancelled });
    } else publishLastRun({ status: "done", origin: "ribbon", at: Date.now(), summary });
  } catch (e) {
    const err =
      e instanceof OfficeActionError
        ? e
        : new OfficeActionError(e instanceof Error ? e.message : String(e), { cause: e });
    publishLastRun({ status: "error", origin: "ribbon", at: Date.now(), message: err.message, details: err.details });
    await showPane(host);
  } finally {
    event.completed();
  }
}

async function showPane(host?: OfficeHost): Promise<void> {
  try {
    const h = resolveHost(host);
    await h.Office?.addin?.showAsTaskpane();
  } catch {
    // Without a pane to show (older hosts) the message stays in the store for the next time the pane opens.
  }
}

/** Registers the handler once office.js is ready (no-op outside Office, e.g. in Node tests importing this module). */
export function registerCommands(): void {
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (!office || typeof office.onReady !== "function") return;
  void office.onReady(() => {
    office.actions?.associate(SEGMENT_COMMAND_ID, (event: Office.AddinCommands.Event) => segmentCustomers(event));
  });
}

registerCommands();
