// Form fields bound to a model path of the draft. Each shows its label, an optional hint and,
// inline, every issue for its path (aria-invalid + aria-describedby, so screen readers read the
// error with the field). Empty inputs remove the key: optional fields are simply absent.
import { type ReactNode, useEffect, useState } from "react";
import { issueText } from "../../lib/issues.ts";
import { getAt, type Json } from "../../lib/paths.ts";
import { fieldId, useEditor } from "./editor-context.ts";

type Common = {
  readonly path: string;
  readonly label: string;
  readonly hint?: string;
  readonly required?: boolean;
  readonly className?: string;
};

function FieldShell({
  path,
  label,
  hint,
  required,
  className,
  children,
}: Common & { readonly children: (props: InputA11y) => ReactNode }) {
  const { visibleIssues } = useEditor();
  const issues = visibleIssues(path);
  const id = fieldId(path);
  const describedBy = [hint !== undefined ? `${id}-hint` : "", issues.length > 0 ? `${id}-err` : ""]
    .filter((s) => s !== "")
    .join(" ");
  return (
    <div className={`field ${issues.length > 0 ? "field-invalid" : ""} ${className ?? ""}`}>
      <label htmlFor={id}>
        {label}
        {required === true && (
          <span className="required" aria-hidden="true">
            {" "}
            *
          </span>
        )}
      </label>
      {children({
        id,
        "aria-invalid": issues.length > 0,
        "aria-describedby": describedBy === "" ? undefined : describedBy,
        "aria-required": required === true ? true : undefined,
      })}
      {hint !== undefined && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {issues.length > 0 && (
        <p className="field-error" id={`${id}-err`}>
          {issues.map(issueText).join("; ")}
        </p>
      )}
    </div>
  );
}

type InputA11y = {
  readonly id: string;
  readonly "aria-invalid": boolean;
  readonly "aria-describedby": string | undefined;
  readonly "aria-required": true | undefined;
};

export function TextField(
  props: Common & { readonly placeholder?: string; readonly maxLength?: number; readonly readOnly?: boolean },
) {
  const { draft, set, touch } = useEditor();
  const value = getAt(draft, props.path);
  return (
    <FieldShell {...props}>
      {(a11y) => (
        <input
          {...a11y}
          type="text"
          value={
            typeof value === "string" ? value : value === undefined || value === null ? "" : String(value)
          }
          placeholder={props.placeholder}
          readOnly={props.readOnly}
          onChange={(e) => set(props.path, e.target.value === "" ? undefined : e.target.value)}
          onBlur={() => touch(props.path)}
        />
      )}
    </FieldShell>
  );
}

export function TextAreaField(props: Common & { readonly rows?: number }) {
  const { draft, set, touch } = useEditor();
  const value = getAt(draft, props.path);
  return (
    <FieldShell {...props}>
      {(a11y) => (
        <textarea
          {...a11y}
          rows={props.rows ?? 2}
          value={typeof value === "string" ? value : ""}
          onChange={(e) => set(props.path, e.target.value === "" ? undefined : e.target.value)}
          onBlur={() => touch(props.path)}
        />
      )}
    </FieldShell>
  );
}

/** What a typed number becomes in the draft: a number when it reads as one, else the text as typed (so validation names it). */
export function numberFromText(text: string): Json | undefined {
  const t = text.trim().replace(",", ".");
  if (t === "") return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : text;
}

export function NumberField(props: Common & { readonly unit?: string; readonly integer?: boolean }) {
  const { draft, set, touch } = useEditor();
  const value = getAt(draft, props.path);
  const external = value === undefined || value === null ? "" : String(value);
  const [text, setText] = useState(external);
  // follow outside changes (reset, server answer) but keep what is being typed ("12." stays "12.")
  useEffect(() => {
    setText((t) => (numberFromText(t) === (value ?? undefined) ? t : external));
  }, [value, external]);
  return (
    <FieldShell {...props} label={props.unit !== undefined ? `${props.label} (${props.unit})` : props.label}>
      {(a11y) => (
        <input
          {...a11y}
          type="text"
          inputMode={props.integer === true ? "numeric" : "decimal"}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            set(props.path, numberFromText(e.target.value));
          }}
          onBlur={() => touch(props.path)}
        />
      )}
    </FieldShell>
  );
}

export function DateField(props: Common) {
  const { draft, set, touch } = useEditor();
  const value = getAt(draft, props.path);
  return (
    <FieldShell {...props}>
      {(a11y) => (
        <input
          {...a11y}
          type="date"
          min="1900-01-01"
          max="2100-12-31"
          value={typeof value === "string" ? value : ""}
          onChange={(e) => set(props.path, e.target.value === "" ? undefined : e.target.value)}
          onBlur={() => touch(props.path)}
        />
      )}
    </FieldShell>
  );
}

export function SelectField(
  props: Common & {
    readonly options: readonly (string | { readonly value: string; readonly label: string })[];
    /** label of the empty choice; absent = no empty choice */
    readonly emptyLabel?: string;
    /** store the choice as a number (ECOG 0–4) */
    readonly numeric?: boolean;
  },
) {
  const { draft, set, touch } = useEditor();
  const value = getAt(draft, props.path);
  const current = typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
  const options = props.options.map((o) =>
    typeof o === "string" ? { value: o, label: o.replaceAll("_", " ") } : o,
  );
  return (
    <FieldShell {...props}>
      {(a11y) => (
        <select
          {...a11y}
          value={current}
          onChange={(e) => {
            const v = e.target.value;
            set(props.path, v === "" ? undefined : props.numeric === true ? Number(v) : v);
          }}
          onBlur={() => touch(props.path)}
        >
          {(props.emptyLabel !== undefined || current === "") && (
            <option value="">{props.emptyLabel ?? "— choose —"}</option>
          )}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
          {current !== "" && !options.some((o) => o.value === current) && (
            <option value={current}>{current} (not a known value)</option>
          )}
        </select>
      )}
    </FieldShell>
  );
}

/** Yes / no / not recorded (absent). */
export function BooleanField(props: Common) {
  const { draft, set, touch } = useEditor();
  const value = getAt(draft, props.path);
  const current = value === true ? "yes" : value === false ? "no" : "";
  return (
    <FieldShell {...props}>
      {(a11y) => (
        <select
          {...a11y}
          value={current}
          onChange={(e) =>
            set(props.path, e.target.value === "yes" ? true : e.target.value === "no" ? false : undefined)
          }
          onBlur={() => touch(props.path)}
        >
          <option value="">not recorded</option>
          <option value="yes">yes</option>
          <option value="no">no</option>
        </select>
      )}
    </FieldShell>
  );
}

/** A set of values from a vocabulary as checkboxes (e.g. diffuse findings, target lesions). */
export function CheckboxListField(
  props: Common & { readonly options: readonly { readonly value: string; readonly label: string }[] },
) {
  const { draft, set, touch, visibleIssues } = useEditor();
  const value = getAt(draft, props.path);
  const selected = new Set(
    Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [],
  );
  const id = fieldId(props.path);
  const issues = visibleIssues(props.path);
  return (
    <fieldset className={`field checkbox-list ${issues.length > 0 ? "field-invalid" : ""}`} id={id}>
      <legend>{props.label}</legend>
      {props.options.length === 0 && <p className="hint">{props.hint ?? "Nothing to choose."}</p>}
      {props.options.map((o) => (
        <label key={o.value} className="checkbox">
          <input
            type="checkbox"
            checked={selected.has(o.value)}
            onChange={(e) => {
              const next = new Set(selected);
              if (e.target.checked) next.add(o.value);
              else next.delete(o.value);
              // keep the vocabulary's order
              set(
                props.path,
                props.options.map((x) => x.value).filter((v) => next.has(v)),
              );
              touch(props.path);
            }}
          />
          {o.label}
        </label>
      ))}
      {/* values not in the options (e.g. a target lesion id that no study has) stay visible */}
      {[...selected]
        .filter((v) => !props.options.some((o) => o.value === v))
        .map((v) => (
          <label key={v} className="checkbox">
            <input
              type="checkbox"
              checked
              onChange={() =>
                set(
                  props.path,
                  [...selected].filter((x) => x !== v),
                )
              }
            />
            {v} (unknown)
          </label>
        ))}
      {issues.length > 0 && <p className="field-error">{issues.map(issueText).join("; ")}</p>}
    </fieldset>
  );
}
