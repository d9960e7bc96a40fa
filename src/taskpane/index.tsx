/**
 * Task pane entry (Microsoft's React task pane template habits): render once after `Office.onReady`, inside a
 * FluentProvider with the web light theme. The pane gets the Office adapter's intents as props and the shared
 * runtime's last-run store, so it shows what a ribbon click did.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import App from "./components/App";
import type { LastRunSource, PaneActions } from "./actions";
import {
  detectSource,
  loadSettings,
  readCustomScheme,
  runPrediction,
  runSegmentation,
  saveSettings,
  selectSheet,
} from "../office";
import { getLastRun, publishLastRun, subscribeLastRun } from "../office/lastRun";
import { exportCampaignList, sqlForWorkbook } from "../office/campaignList";
import { compareSegmentation } from "../office/migrationSheet";
import {
  CampaignExport,
  copyToClipboard,
  downloadText,
  downloadsWork,
  type ResultActions,
} from "./components/CampaignExport";

/* global document, Office */

/** The adapter's intents, called without a host argument: inside Excel they use office.js' globals. */
const actions: PaneActions = {
  detectSource: (settings) => detectSource(settings),
  runSegmentation: (settings, options) => runSegmentation(settings, options),
  loadSettings: () => loadSettings(),
  saveSettings: (settings) => saveSettings(settings),
  readCustomScheme: (address, bins) => readCustomScheme(address, undefined, bins),
  runPrediction: (settings, predict, options) => runPrediction(settings, predict, options),
  selectSheet: (name) => selectSheet(name),
};

/** Actions on a finished run (campaign list, comparison, SQL), with the settings the pane saved to the workbook. */
const resultActions: ResultActions = {
  exportCampaignList: async (segments, target) => exportCampaignList(await loadSettings(), { segments, target }),
  compareSegmentation: async (compareTo) => compareSegmentation(await loadSettings(), { compareTo }),
  sqlForWorkbook: async (dialect) => sqlForWorkbook(await loadSettings(), dialect),
  copyText: copyToClipboard,
  download: (fileName, text) => downloadText(fileName, text),
  // Read when the pane starts (after Office.onReady): Office.context exists by then.
  get canDownload() {
    return downloadsWork(typeof Office !== "undefined" ? String(Office.context?.platform ?? "") : undefined);
  },
};

const lastRun: LastRunSource = { get: getLastRun, subscribe: subscribeLastRun, publish: publishLastRun };

const rootElement = document.getElementById("container");
const root = rootElement ? createRoot(rootElement) : undefined;

Office.onReady(() => {
  root?.render(
    <FluentProvider theme={webLightTheme}>
      <App
        actions={actions}
        lastRun={lastRun}
        renderResultExtras={(summary) => <CampaignExport summary={summary} actions={resultActions} />}
      />
    </FluentProvider>,
  );
});
