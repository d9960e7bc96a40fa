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

/** The option value standing for "no column". Stored in the settings as "" (see App's mapping handler). */
export const NONE = "(none)";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  grid: {
    display: "grid",
    gridTemplateColumns: "1fr 1fr",
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

export function SourceSection(props: SourceSectionProps): React.JSX.Element {
  const { source, error, detecting, chosen, disabled } = props;
  const styles = useStyles();
  const missing = source ? source.missing.filter((f) => !chosen[f]) : [];

  return (
    <section className={styles.section} aria-labelledby="rfm-data-heading">
      <Text as="h2" id="rfm-data-heading" weight="semibold" size={400}>
        Data
      </Text>
      <div className={styles.row} aria-live="polite" aria-label="Data found">
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
      <div className={styles.row}>
        <Button size="small" onClick={props.onDetect} disabled={disabled || detecting}>
          Detect data again
        </Button>
      </div>
      {source && (
        <div className={styles.grid}>
          {FIELD_LABELS.map(({ field, label, required }) => {
            const explicit = chosen[field];
            // A required field without a column shows the placeholder; an optional one shows "(none)". A field
            // switched off ("") shows that, whatever the aliases would match.
            const off = required ? "" : NONE;
            const value = explicit ? explicit : explicit === "" ? off : (source.mapping[field] ?? off);
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
    </section>
  );
}
