/**
 * "Data": what the add-in found to segment (sheet, table, rows, address) and one dropdown per field to correct the
 * column mapping. A dropdown shows the column that will be used: the analyst's choice when one is saved, else what
 * the adapter resolved (aliases). Choosing "(none)" switches an optional field off: it is saved as "" and the
 * adapter and engine then leave the field unmapped even when a header matches its aliases (e.g. a "Total" column the
 * analyst does not want as Amount, so Monetary is Quantity × Unit price).
 */
import * as React from "react";
import {
  Button,
  Dropdown,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { SourceInfo } from "../../office/types";
import type { Field as RfmField } from "../../rfm/types";
import { FIELD_LABELS, fieldLabel, type ErrorInfo } from "../actions";
import { plural } from "../format";
import { OptionsItem } from "./OptionsSection";

/** The option value standing for "no column". Stored in the settings as "" (see App's mapping handler). */
export const NONE = "(none)";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  grid: {
    display: "grid",
    // Two columns where they fit (320 px and wider panes), one in a narrow pane.
    gridTemplateColumns: "repeat(auto-fill, minmax(128px, 1fr))",
    gap: tokens.spacingVerticalS + " " + tokens.spacingHorizontalM,
  },
  dropdown: { minWidth: "0", width: "100%" },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface SourceSectionProps {
  source?: SourceInfo;
  error?: ErrorInfo;
  detecting: boolean;
  /** Field → header the analyst chose (settings.mapping). "" = explicitly none. */
  chosen: Partial<Record<RfmField, string>>;
  disabled: boolean;
  onMappingChange(field: RfmField, header: string): void;
  onDetect(): void;
}

/** What will be segmented (always shown): the sheet and rows, or why nothing was found, and the fields to map. */
export function SourceSummary(props: SourceSectionProps): React.JSX.Element {
  const { source, error, detecting } = props;
  const styles = useStyles();
  const missing = missingOf(props);
  return (
    <section className={styles.section} aria-label="Data">
      <div className={styles.row}>
        {detecting && <Spinner size="tiny" label="Looking for transactions…" />}
        {!detecting && source && (
          <Text>
            Sheet <strong>{source.sheetName}</strong>
            {source.tableName ? (
              <>
                , table <strong>{source.tableName}</strong>
              </>
            ) : null}
            : {plural(source.rowCount, "row")} <span className={styles.muted}>({source.address})</span>
          </Text>
        )}
        {!detecting && !source && !error && <Text className={styles.muted}>No data found yet.</Text>}
      </div>
      {error && !detecting && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>No transactions found</MessageBarTitle>
            {error.message}
          </MessageBarBody>
        </MessageBar>
      )}
      {source && missing.length > 0 && !detecting && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Choose the columns for</MessageBarTitle>
            {missing.map(fieldLabel).join(", ")}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

/** The required fields without a column (what blocks a run). */
export function missingOf({ source, chosen }: Pick<SourceSectionProps, "source" | "chosen">): RfmField[] {
  return source ? source.missing.filter((f) => !chosen[f]) : [];
}

/** The column each field uses: the analyst's choice when one is saved, else what the adapter resolved. */
function shownColumn(source: SourceInfo, chosen: SourceSectionProps["chosen"], field: RfmField, required: boolean) {
  const explicit = chosen[field];
  // A required field without a column shows the placeholder; an optional one shows "(none)". A field switched
  // off ("") shows that, whatever the aliases would match.
  const off = required ? "" : NONE;
  return explicit ? explicit : explicit === "" ? off : (source.mapping[field] ?? off);
}

/** "Columns": one dropdown per field, and "Detect data again", as an accordion item. */
export function ColumnsItem(props: SourceSectionProps): React.JSX.Element {
  const { source, detecting, chosen, disabled } = props;
  const styles = useStyles();
  const summary = source
    ? FIELD_LABELS.filter((f) => f.required || f.field === "amount")
        .map((f) => `${f.label}: ${shownColumn(source, chosen, f.field, f.required) || "?"}`)
        .join(" · ")
    : "No data";
  return (
    <OptionsItem value="columns" title="Columns" summary={summary}>
      <div className={styles.row}>
        <Button size="small" onClick={props.onDetect} disabled={disabled || detecting}>
          Detect data again
        </Button>
      </div>
      {source && (
        <div className={styles.grid}>
          {FIELD_LABELS.map(({ field, label, required }) => {
            const value = shownColumn(source, chosen, field, required);
            const headers = source.headers.filter((h) => h.trim() !== "");
            const options = required ? headers : [NONE, ...headers];
            // A saved choice that is not among the headers still shows, so the analyst sees why it fails.
            if (value !== "" && !options.includes(value)) options.push(value);
            return (
              <Field key={field} label={label} required={required}>
                <Dropdown
                  className={styles.dropdown}
                  value={value}
                  selectedOptions={value ? [value] : []}
                  disabled={disabled}
                  placeholder="Choose a column"
                  onOptionSelect={(_, data) => {
                    if (data.optionValue !== undefined && data.optionValue !== value) {
                      props.onMappingChange(field, data.optionValue === NONE ? "" : data.optionValue);
                    }
                  }}
                >
                  {options.map((h) => (
                    <Option key={h} value={h}>
                      {h}
                    </Option>
                  ))}
                </Dropdown>
              </Field>
            );
          })}
        </div>
      )}
    </OptionsItem>
  );
}
