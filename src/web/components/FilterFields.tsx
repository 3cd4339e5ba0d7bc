// Filter fields shared by the patient list and the cohort page: primary tumour, ESTRO/EORTC
// state, site and index-date range. Each field reports its new value ("" = no filter); the page
// keeps the choices in the route.
import { PRIMARY_SITE_LABELS, PRIMARY_SITES } from "../../core/index.ts";
import { ESTRO_STATE_OPTIONS } from "../lib/estro-states.ts";

type FieldProps = {
  readonly id: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
};

export function PrimarySiteFilter({ id, value, onChange }: FieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>Primary</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All primaries</option>
        {PRIMARY_SITES.map((s) => (
          <option key={s} value={s}>
            {PRIMARY_SITE_LABELS[s]}
          </option>
        ))}
      </select>
    </div>
  );
}

export function EstroStateFilter({ id, label, value, onChange }: FieldProps & { readonly label: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All states</option>
        {ESTRO_STATE_OPTIONS.map((s) => (
          <option key={s.code} value={s.code}>
            {s.label}
          </option>
        ))}
      </select>
    </div>
  );
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
