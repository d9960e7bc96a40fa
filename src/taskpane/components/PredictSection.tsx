/**
 * The "Predict" step: after a segmentation run, fit the BG/NBD and Gamma-Gamma models to the same transactions and
 * add P(alive), expected purchases, expected average value and CLV to the RFM Customers table, with an
 * "RFM Prediction" sheet (src/office/prediction.ts). The analyst sets the calibration end (default: the data's last
 * purchase day), the horizon and its unit, and optionally a holdout end and a discount rate; the button shows
 * progress and can be cancelled; the result line says what was written and how the holdout check came out.
 *
 * It is the last item of the pane's accordion, shown once a run has finished and closed until the analyst opens it,
 * so the common path (data found, Segment customers) keeps its few Tab stops. The controls stack in one column (two
 * side by side at most, each allowed to shrink), so the step fits a pane of 270 px without scrolling sideways. A
 * horizon or discount that is not a number is shown as invalid and blocks Predict; it is never replaced silently.
 */
import * as React from "react";
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Select,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { PredictionSettings, PredictionSummary } from "../../office/prediction";
import type { RunSummary, SegmentSettings } from "../../office/types";
import { usePredict, type PredictOutcome, type RunPrediction } from "../hooks/usePredict";
import { OptionsItem } from "./OptionsSection";

type Unit = NonNullable<PredictionSettings["unit"]>;

/** A year in each unit: the horizon when the analyst leaves it empty. */
export const DEFAULT_HORIZON: Readonly<Record<Unit, number>> = { day: 365, week: 52, month: 12 };

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  pair: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)", gap: tokens.spacingHorizontalS },
  full: { minWidth: 0, width: "100%" },
  buttons: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  result: { overflowWrap: "anywhere" },
});

export interface PredictSectionProps {
  runPrediction: RunPrediction;
  settingsRef: React.MutableRefObject<SegmentSettings>;
  mounted: React.MutableRefObject<boolean>;
  /** The finished segmentation run, for the default calibration end. */
  lastRun?: RunSummary;
  /** Another run is going, or the settings are not loaded yet. */
  disabled: boolean;
  flushSave?: () => Promise<void> | undefined;
  confirmReplace?: (question: string) => Promise<boolean>;
}

/** The data's last purchase day as the segmentation run knows it: its default snapshot is that moment + 1 day. */
export function lastPurchaseDay(run: RunSummary | undefined, settings: SegmentSettings): string | undefined {
  if (!run || settings.snapshot || !/^\d{4}-\d{2}-\d{2}/.test(run.snapshot)) return undefined;
  const t = Date.parse(`${run.snapshot.slice(0, 10)}T00:00:00Z`) - 86_400_000;
  return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 10) : undefined;
}

const count = (n: number) => Math.round(n).toLocaleString("en-US");

/** The one-line result: what was written, over which horizon, and the holdout totals. */
export function resultLine(s: PredictionSummary): string {
  const unit = s.horizon === 1 ? s.unit : `${s.unit}s`;
  const parts = [
    `Predicted ${count(s.customers)} customers from ${s.calibrationEnd}; ${count(s.matched)} rows of RFM Customers ` +
      `got P(alive), expected purchases, expected value and CLV over ${Number(s.horizon.toFixed(2))} ${unit}.`,
  ];
  if (s.holdout) {
    parts.push(
      `Holdout to ${s.holdoutEnd}: ${count(s.holdout.actual)} purchases, ${count(s.holdout.expected)} expected.`,
    );
  }
  if (s.outputs.sheet) parts.push(`Details and charts: "${s.outputs.sheet}".`);
  return parts.join(" ");
}

/** A typed number ("1,5" reads as 1.5): undefined when empty, NaN when it is not a number. */
export function parseNumber(text: string): number | undefined {
  const t = text.trim().replace(",", ".");
  if (t === "") return undefined;
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : NaN;
}

/** What is wrong with the typed horizon and discount (undefined when nothing is). */
export function inputProblems(horizon: string, discount: string): { horizon?: string; discount?: string } {
  const h = parseNumber(horizon);
  const d = parseNumber(discount);
  return {
    horizon: h !== undefined && !(h > 0) ? "A number above 0, e.g. 52" : undefined,
    discount: d !== undefined && !(d >= 0 && d < 100) ? "A percentage from 0 to 100, e.g. 1.5" : undefined,
  };
}

/** The accordion header's one-line summary. */
function summaryOf(outcome: PredictOutcome | undefined): string {
  if (outcome?.kind === "success") return `${count(outcome.summary.customers)} customers predicted`;
  return "Who comes back, and what they are worth";
}

export function PredictSection(props: PredictSectionProps): React.JSX.Element {
  const styles = useStyles();
  const state = usePredict(props);
  const [calibrationEnd, setCalibrationEnd] = React.useState("");
  const [holdoutEnd, setHoldoutEnd] = React.useState("");
  const [horizon, setHorizon] = React.useState("");
  const [unit, setUnit] = React.useState<Unit>("week");
  const [discount, setDiscount] = React.useState("");
  const defaultEnd = lastPurchaseDay(props.lastRun, props.settingsRef.current);
  const busy = state.running || props.disabled;
  const problems = inputProblems(horizon, discount);
  const invalid = !!(problems.horizon || problems.discount);

  const onPredict = () => {
    const rate = parseNumber(discount);
    void state.run({
      calibrationEnd: calibrationEnd || defaultEnd || undefined,
      holdoutEnd: holdoutEnd || undefined,
      unit,
      horizon: parseNumber(horizon) ?? DEFAULT_HORIZON[unit],
      discountRate: rate === undefined ? undefined : rate / 100,
    });
  };

  return (
    <OptionsItem value="predict" title="Predict" summary={summaryOf(state.outcome)}>
      <section className={styles.section} aria-label="Predict">
        <Text size={200}>
          Who is still a customer, how much they will buy and what they are worth (BG/NBD and Gamma-Gamma models), from
          the same transactions. Adds four columns to RFM Customers and an RFM Prediction sheet.
        </Text>
        <Field label="Calibration end" hint={defaultEnd ? undefined : "Empty: the last date in the data"}>
          <Input
            className={styles.full}
            type="date"
            value={calibrationEnd || defaultEnd || ""}
            onChange={(_, d) => setCalibrationEnd(d.value)}
            disabled={busy}
          />
        </Field>
        <div className={styles.pair}>
          <Field
            label="Horizon"
            validationState={problems.horizon ? "error" : "none"}
            validationMessage={problems.horizon}
          >
            <Input
              className={styles.full}
              inputMode="decimal"
              value={horizon}
              placeholder={String(DEFAULT_HORIZON[unit])}
              onChange={(_, d) => setHorizon(d.value)}
              disabled={busy}
            />
          </Field>
          <Field label="Unit">
            <Select className={styles.full} value={unit} onChange={(_, d) => setUnit(d.value as Unit)} disabled={busy}>
              <option value="day">days</option>
              <option value="week">weeks</option>
              <option value="month">months</option>
            </Select>
          </Field>
        </div>
        <div className={styles.pair}>
          <Field label="Holdout end" hint="Optional">
            <Input
              className={styles.full}
              type="date"
              value={holdoutEnd}
              onChange={(_, d) => setHoldoutEnd(d.value)}
              disabled={busy}
            />
          </Field>
          <Field
            label={`Discount % per ${unit}`}
            hint={problems.discount ? undefined : "Optional"}
            validationState={problems.discount ? "error" : "none"}
            validationMessage={problems.discount}
          >
            <Input
              className={styles.full}
              inputMode="decimal"
              value={discount}
              placeholder="0"
              onChange={(_, d) => setDiscount(d.value)}
              disabled={busy}
            />
          </Field>
        </div>
        <PredictBar state={state} disabled={busy || invalid} onPredict={onPredict} />
        <div role="status" aria-label="Prediction status" aria-live="polite">
          {state.outcome && <PredictMessage outcome={state.outcome} className={styles.result} />}
        </div>
      </section>
    </OptionsItem>
  );
}

function PredictBar(props: {
  state: ReturnType<typeof usePredict>;
  disabled: boolean;
  onPredict: () => void;
}): React.JSX.Element {
  const { state } = props;
  const styles = useStyles();
  const percent = Math.max(0, Math.min(100, Math.round(state.progress?.percent ?? 0)));
  const step = state.cancelling ? "Cancelling…" : (state.progress?.step ?? "Starting");
  return (
    <>
      <div className={styles.buttons}>
        <Button appearance="primary" onClick={props.onPredict} disabled={props.disabled}>
          Predict
        </Button>
        {state.running && (
          <Button onClick={state.cancel} disabled={state.cancelling}>
            Cancel prediction
          </Button>
        )}
      </div>
      {state.running && (
        <>
          <Text id="rfm-predict-step">
            {step} — {percent}%
          </Text>
          <ProgressBar
            aria-label="Prediction progress"
            aria-describedby="rfm-predict-step"
            value={percent / 100}
            max={1}
            thickness="large"
          />
        </>
      )}
    </>
  );
}

function PredictMessage({ outcome, className }: { outcome: PredictOutcome; className: string }): React.JSX.Element {
  if (outcome.kind === "error") {
    return (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody className={className}>{outcome.error.message}</MessageBarBody>
      </MessageBar>
    );
  }
  if (outcome.kind === "cancelled") {
    return (
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody className={className}>{outcome.message}</MessageBarBody>
      </MessageBar>
    );
  }
  const s = outcome.summary;
  return (
    <>
      <MessageBar intent="success" layout="multiline">
        <MessageBarBody className={className}>{resultLine(s)}</MessageBarBody>
      </MessageBar>
      {s.warnings.map((w, i) => (
        <MessageBar key={i} intent="warning" layout="multiline">
          <MessageBarBody className={className}>{w}</MessageBarBody>
        </MessageBar>
      ))}
    </>
  );
}
