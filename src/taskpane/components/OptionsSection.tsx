/**
 * "Segments" and "Cleaning": the scheme (built-in or custom rules read from a sheet range), the preset, the
 * snapshot date, the number of score bins, where Monetary comes from, and one switch per cleaning rule. Every
 * control shows the engine's default when the setting is not set, and reports each change as a settings patch.
 */
import * as React from "react";
import {
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  Switch,
  makeStyles,
  tokens,
  useAccordionItemContext_unstable,
} from "@fluentui/react-components";
import type { SegmentSettings } from "../../office/types";
import { DEFAULT_CLEANING, listSchemes } from "../../rfm";
import type { CleaningOptions, MonetarySource, Scheme } from "../../rfm/types";
import { toErrorInfo, type ErrorInfo } from "../actions";

export const CUSTOM_SCHEME = "custom";

/** Scheme id → menu text: the engine's built-in schemes in its menu order, then custom rules. */
export const SCHEME_OPTIONS: readonly { id: string; text: string }[] = [
  ...listSchemes().map((s) => ({ id: s.id, text: s.name })),
  { id: CUSTOM_SCHEME, text: "Custom rules from a sheet range" },
];

const PRESETS: readonly { id: NonNullable<SegmentSettings["preset"]>; text: string }[] = [
  { id: "pandas", text: "Textbook quantiles (pandas)" },
  { id: "r-rfm", text: "R rfm package" },
];

const MONETARY: readonly { id: MonetarySource; text: string }[] = [
  { id: "auto", text: "Automatic" },
  { id: "amount", text: "Amount column" },
  { id: "lines", text: "Quantity × Unit price" },
];

/** Excel's date system. No released API reads it: "Automatic" lets the add-in compare the date cells' serials with
 *  how Excel shows them. */
const DATE_SYSTEMS: readonly { id: "auto" | "1900" | "1904"; text: string }[] = [
  { id: "auto", text: "Automatic (from how the dates are shown)" },
  { id: "1900", text: "1900 (Windows, web, Mac since 2016)" },
  { id: "1904", text: "1904 (older Mac workbooks)" },
];

/** Cleaning rules in the order shown, with their switch labels (also their accessible names). */
export const CLEANING_LABELS: readonly { key: keyof CleaningOptions; label: string }[] = [
  { key: "dropMissingCustomer", label: "Drop rows without a customer" },
  { key: "dropCancelledInvoices", label: "Drop cancelled invoices (numbers starting with C)" },
  { key: "dropNegativeQuantity", label: "Drop rows with a negative quantity" },
  { key: "dropNonPositivePrice", label: "Drop rows with a price of 0 or less" },
  { key: "dropUnparsableDates", label: "Drop rows with unreadable dates" },
];

export const MIN_BINS = 2;
export const MAX_BINS = 10;
export const DEFAULT_BINS = 5;

const useStyles = makeStyles({
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalM,
  },
  row: { display: "flex", alignItems: "flex-end", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  grow: { flexGrow: 1, minWidth: 0 },
  full: { minWidth: "0", width: "100%" },
  header: { display: "flex", flexDirection: "column", minWidth: 0 },
  title: { fontWeight: tokens.fontWeightSemibold },
  summary: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightRegular,
    overflowWrap: "anywhere",
  },
});

export interface OptionsSectionProps {
  settings: SegmentSettings;
  disabled: boolean;
  onChange(patch: Partial<SegmentSettings>): void;
  /** Reads the custom scheme at an address (the adapter's readCustomScheme); absent = no "Check rules" button. */
  onCheckCustom?: (address: string, bins?: number) => Promise<Scheme>;
  /** The bins as typed (kept by the pane, so that an invalid value stays shown while the panel is closed). */
  binsText: string;
  onBinsText(text: string): void;
}

/** The scheme the engine will use when `settings.scheme` is not set: the preset's, else rf10. */
export function effectiveScheme(settings: SegmentSettings): string {
  return settings.scheme ?? (settings.preset === "r-rfm" ? "r-rfm" : "rf10");
}

/** The bins text's problem, or undefined when it is a whole number from MIN_BINS to MAX_BINS. */
export function binsProblem(text: string): string | undefined {
  const n = Number(text);
  return /^\d+$/.test(text.trim()) && n >= MIN_BINS && n <= MAX_BINS
    ? undefined
    : `Bins must be a whole number from ${MIN_BINS} to ${MAX_BINS}.`;
}

/** The text the bins input shows for a saved value. */
export function binsTextOf(bins: number | undefined): string {
  return String(bins ?? DEFAULT_BINS);
}

/** One accordion item with a heading-level header and a one-line summary of its current values. */
function Item(props: { value: string; title: string; summary: string; children: React.ReactNode }) {
  const styles = useStyles();
  return (
    <AccordionItem value={props.value}>
      <AccordionHeader as="h2" expandIconPosition="end">
        <span className={styles.header}>
          <span className={styles.title}>{props.title}</span>
          <span className={styles.summary}>{props.summary}</span>
        </span>
      </AccordionHeader>
      <Panel className={styles.section}>{props.children}</Panel>
    </AccordionItem>
  );
}

/**
 * The item's panel, out of the keyboard's reach while it collapses. Fluent marks a closing panel `inert: true`,
 * which React 18 drops (it only knows `inert` from React 19), so for the length of the collapse motion its switches
 * and inputs would still take Tab stops, and the focus would fall to the page when they vanish. The attribute is
 * set on the element directly instead.
 */
function Panel(props: { className: string; children: React.ReactNode }) {
  const { open } = useAccordionItemContext_unstable();
  const ref = React.useRef<HTMLDivElement>(null);
  React.useLayoutEffect(() => {
    if (open) ref.current?.removeAttribute("inert");
    else ref.current?.setAttribute("inert", "");
  }, [open]);
  return (
    <AccordionPanel ref={ref}>
      <div className={props.className}>{props.children}</div>
    </AccordionPanel>
  );
}

export { Item as OptionsItem };

/** "Segments" (the scheme), "Scoring" (preset, snapshot, bins, money) and "Cleaning", as accordion items. */
export function OptionsSection(props: OptionsSectionProps): React.JSX.Element {
  const { settings, disabled, onChange } = props;
  const scheme = effectiveScheme(settings);
  const preset = settings.preset ?? "pandas";
  const monetary = settings.monetarySource ?? "auto";
  const cleaning: CleaningOptions = { ...DEFAULT_CLEANING, ...settings.cleaning };
  const schemeText = SCHEME_OPTIONS.find((c) => c.id === scheme)?.text ?? scheme;
  const problem = binsProblem(props.binsText);
  const on = CLEANING_LABELS.filter(({ key }) => cleaning[key]).length;
  return (
    <>
      <Item value="segments" title="Segments" summary={schemeText}>
        <ChoiceField
          label="Scheme"
          choices={SCHEME_OPTIONS}
          value={scheme}
          disabled={disabled}
          onChoose={(id) => onChange({ scheme: id })}
        />
        {scheme === CUSTOM_SCHEME && <CustomSchemeFields {...props} />}
      </Item>
      <Item
        value="scoring"
        title="Scoring"
        summary={
          problem ? "Bins: invalid" : `${props.binsText} bins, ${settings.snapshot ?? "latest purchase + 1 day"}`
        }
      >
        <ChoiceField
          label="Preset"
          hint="Sets the scoring method (and the scheme, unless you chose one)"
          choices={PRESETS}
          value={preset}
          disabled={disabled}
          onChoose={(id) => onChange({ preset: id })}
        />
        <Field label="Snapshot date" hint="Leave empty for the day after the latest purchase">
          <Input
            type="date"
            value={settings.snapshot ?? ""}
            disabled={disabled}
            onChange={(_, data) => onChange({ snapshot: data.value === "" ? undefined : data.value })}
          />
        </Field>
        <BinsField {...props} problem={problem} />
        <ChoiceField
          label="Monetary value from"
          choices={MONETARY}
          value={monetary}
          disabled={disabled}
          onChoose={(id) => onChange({ monetarySource: id })}
        />
        <ChoiceField
          label="Date system"
          hint={'As in Excel\'s options ("Use 1904 date system"): dates shift by four years if it is wrong'}
          choices={DATE_SYSTEMS}
          value={settings.dateSystem ?? "auto"}
          disabled={disabled}
          onChoose={(id) => onChange({ dateSystem: id === "auto" ? undefined : id })}
        />
      </Item>
      <Item value="cleaning" title="Cleaning" summary={`${on} of ${CLEANING_LABELS.length} rules on`}>
        {CLEANING_LABELS.map(({ key, label }) => (
          <Switch
            key={key}
            label={label}
            checked={cleaning[key]}
            disabled={disabled}
            onChange={(_, data) => onChange({ cleaning: { ...settings.cleaning, [key]: data.checked } })}
          />
        ))}
      </Item>
    </>
  );
}

/** A dropdown of fixed choices; `onChoose` runs only for a choice other than the current one. */
function ChoiceField<T extends string>(props: {
  label: string;
  hint?: string;
  choices: readonly { id: T; text: string }[];
  value: T;
  disabled: boolean;
  onChoose(id: T): void;
}): React.JSX.Element {
  const { choices, value } = props;
  const styles = useStyles();
  return (
    <Field label={props.label} hint={props.hint}>
      <Dropdown
        className={styles.full}
        value={choices.find((c) => c.id === value)?.text ?? value}
        selectedOptions={[value]}
        disabled={props.disabled}
        onOptionSelect={(_, data) => {
          const id = choices.find((c) => c.id === data.optionValue)?.id;
          if (id && id !== value) props.onChoose(id);
        }}
      >
        {choices.map((c) => (
          <Option key={c.id} value={c.id}>
            {c.text}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

/** The custom scheme's rules range, with "Check rules" when the adapter can read it. */
function CustomSchemeFields({ settings, disabled, onChange, onCheckCustom }: OptionsSectionProps): React.JSX.Element {
  const styles = useStyles();
  const [check, setCheck] = React.useState<{ ok: true; text: string } | { ok: false; error: ErrorInfo }>();
  const [checking, setChecking] = React.useState(false);
  const address = settings.customSchemeAddress ?? "";
  const checkCustom = async () => {
    if (!onCheckCustom) return;
    setChecking(true);
    setCheck(undefined);
    try {
      const s = await onCheckCustom(address, settings.bins);
      setCheck({
        ok: true,
        text: `"${s.name}": ${s.rules.length} rules${s.fallback ? `, others are "${s.fallback}"` : ""}.`,
      });
    } catch (e) {
      setCheck({ ok: false, error: toErrorInfo(e) });
    } finally {
      setChecking(false);
    }
  };
  return (
    <>
      <div className={styles.row}>
        <Field
          className={styles.grow}
          label="Rules range"
          hint="A table with Label, R, F, M ranges, Description and Action, e.g. Segments!A1:I12"
        >
          <Input
            value={address}
            disabled={disabled}
            placeholder="Segments!A1:I12"
            onChange={(_, data) => {
              setCheck(undefined);
              onChange({ customSchemeAddress: data.value });
            }}
          />
        </Field>
        {onCheckCustom && (
          <Button onClick={() => void checkCustom()} disabled={disabled || checking || address.trim() === ""}>
            Check rules
          </Button>
        )}
      </div>
      {check && (
        <MessageBar intent={check.ok ? "success" : "error"} layout="multiline">
          <MessageBarBody>{check.ok ? check.text : check.error.message}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

/** Bins, typed as text so that a half-typed value is not rejected while typing; only valid values are saved, and an
 *  invalid one stays shown as invalid (the pane disables Run meanwhile) rather than being replaced. */
function BinsField(props: OptionsSectionProps & { problem?: string }): React.JSX.Element {
  const { settings, problem } = props;
  return (
    <Field
      label="Bins"
      hint={`Score levels per metric, ${MIN_BINS} to ${MAX_BINS}`}
      validationState={problem ? "error" : "none"}
      validationMessage={problem}
    >
      <Input
        type="number"
        min={MIN_BINS}
        max={MAX_BINS}
        value={props.binsText}
        disabled={props.disabled}
        onChange={(_, data) => {
          props.onBinsText(data.value);
          const n = Number(data.value);
          if (!binsProblem(data.value) && n !== settings.bins) props.onChange({ bins: n });
        }}
      />
    </Field>
  );
}
