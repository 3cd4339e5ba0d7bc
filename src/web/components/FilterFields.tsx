// Filter fields shared by the patient list and the cohort page: a labelled choice list, primary
// tumour, ESTRO/EORTC state, site and index-date range. Each field reports its new value ("" = no filter); the page
// keeps the choices in the route.
import { PRIMARY_SITE_LABELS, PRIMARY_SITES } from "../../core/index.ts";
import { ESTRO_STATE_OPTIONS } from "../lib/estro-states.ts";

type FieldProps = {
  readonly id: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
};

/**
 * A labelled select of `choices`; with `anyLabel`, a first choice of value "" (no filter) that
 * shows it.
 */
export function ChoiceFilter({
  id,
  label,
  value,
  onChange,
  choices,
  anyLabel,
}: FieldProps & {
  readonly label: string;
  readonly choices: readonly { readonly value: string; readonly label: string }[];
  readonly anyLabel?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

const PRIMARY_CHOICES = PRIMARY_SITES.map((s) => ({ value: s, label: PRIMARY_SITE_LABELS[s] }));
const STATE_CHOICES = ESTRO_STATE_OPTIONS.map((s) => ({ value: s.code, label: s.label }));

export function PrimarySiteFilter(props: FieldProps) {
  return <ChoiceFilter {...props} label="Primary" choices={PRIMARY_CHOICES} anyLabel="All primaries" />;
}

export function EstroStateFilter(props: FieldProps & { readonly label: string }) {
  return <ChoiceFilter {...props} choices={STATE_CHOICES} anyLabel="All states" />;
}

export function SiteFilter({ id, value, onChange }: FieldProps) {
  return (
    <div className="field field-narrow">
      <label htmlFor={id}>Site</label>
      <input id={id} value={value} placeholder="All" onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

/** Two date inputs, "Index date from" and "to"; ids are `${idPrefix}from` and `${idPrefix}to`. */
export function IndexDateRangeFilter({
  idPrefix,
  from,
  to,
  onChange,
}: {
  readonly idPrefix: string;
  readonly from: string;
  readonly to: string;
  readonly onChange: (changes: { from: string } | { to: string }) => void;
}) {
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}from`}>Index date from</label>
        <input
          id={`${idPrefix}from`}
          type="date"
          value={from}
          onChange={(e) => onChange({ from: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}to`}>to</label>
        <input
          id={`${idPrefix}to`}
          type="date"
          value={to}
          onChange={(e) => onChange({ to: e.target.value })}
        />
      </div>
    </>
  );
}
