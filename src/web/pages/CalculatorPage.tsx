// BED / EQD2 calculator (clinical-reference §3): one schedule, α/β from the table of §3.2 or
// typed in, the iso-effective schedules in other numbers of fractions and the BED10 ≥ 100 Gy
// check for lung SABR (§3.4). All arithmetic is core/radiobiology; this page only formats.
// Inputs live in the route (#/calculator?dose=54&fx=3&ab=tumour) so a result can be shared.
import { useEffect, useId, useState } from "react";
import {
  ALPHA_BETA_TABLE,
  assessBed10Threshold,
  computeLqDoses,
  convertIsoeffective,
  type Issue,
} from "../../core/index.ts";
import { formatTick } from "../charts/scale.ts";
import { PageTitle } from "../components/PageTitle.tsx";
import { navigate } from "../hooks/use-route.ts";
import { fmt } from "../lib/format.ts";
import { issuesByPath } from "../lib/issues.ts";

type Query = Readonly<Record<string, string>>;

const CUSTOM = "custom";
const DEFAULT_TO_FRACTIONS = "1, 3, 5, 8";
/** Schedules of the SABR-COMET protocol (Palma 2012, Table 1; clinical-reference §3.5), as quick picks. */
const QUICK_SCHEDULES: readonly { label: string; dose: string; fx: string }[] = [
  { label: "54 Gy / 3", dose: "54", fx: "3" },
  { label: "55 Gy / 5", dose: "55", fx: "5" },
  { label: "60 Gy / 8", dose: "60", fx: "8" },
  { label: "35 Gy / 5", dose: "35", fx: "5" },
  { label: "30 Gy / 3", dose: "30", fx: "3" },
  { label: "20 Gy / 1", dose: "20", fx: "1" },
];
/** α/β of the reference table of clinical-reference §3.3 (tumour 10, late-responding 3, neural 2). */
const COMPARE_ALPHA_BETA = [10, 3, 2] as const;

/** A number typed by the user: "" -> undefined, "1,5" read as 1.5, anything else as typed. */
function parseNumber(text: string): number | undefined {
  const t = text.trim().replace(",", ".");
  if (t === "") return undefined;
  return Number(t);
}

function parseList(text: string): number[] {
  return text
    .split(/[\s,;]+/)
    .filter((s) => s !== "")
    .map(Number);
}

export function CalculatorPage({ query }: { readonly query: Query }) {
  const id = useId();
  const [dose, setDose] = useState(query["dose"] ?? "54");
  const [fx, setFx] = useState(query["fx"] ?? "3");
  const [tissue, setTissue] = useState(query["ab"] ?? "tumour");
  const [customAb, setCustomAb] = useState(query["abGy"] ?? "");
  const [toFx, setToFx] = useState(query["to"] ?? DEFAULT_TO_FRACTIONS);
  const [site, setSite] = useState(query["site"] ?? "lung");
  const [intent, setIntent] = useState<"radical" | "palliative">(
    query["intent"] === "palliative" ? "palliative" : "radical",
  );
  const [isoDose, setIsoDose] = useState(query["iso"] ?? "");

  // keep the inputs in the route (replace: typing must not fill the history)
  useEffect(() => {
    const timer = setTimeout(() => {
      const next: Record<string, string> = { dose, fx, ab: tissue, to: toFx, site, intent };
      if (tissue === CUSTOM) next["abGy"] = customAb;
      if (isoDose !== "") next["iso"] = isoDose;
      navigate({ page: "calculator", query: next }, { replace: true });
    }, 400);
    return () => clearTimeout(timer);
  }, [dose, fx, tissue, customAb, toFx, site, intent, isoDose]);

  const totalDoseGy = parseNumber(dose);
  const fractions = parseNumber(fx);
  const abInput = tissue === CUSTOM ? { alphaBetaGy: parseNumber(customAb) ?? Number.NaN } : { tissue };
  const lq = computeLqDoses({ totalDoseGy, fractions, ...abInput });
  const iso = convertIsoeffective({
    from: { totalDoseGy, fractions },
    ...abInput,
    toFractions: parseList(toFx),
    eqdxDosesPerFractionGy: [2],
  });
  const bed10 = assessBed10Threshold({
    prescription: { totalDoseGy, fractions },
    ...(parseNumber(isoDose) !== undefined ? { isocentre: { totalDoseGy: parseNumber(isoDose) } } : {}),
    site,
    intent,
  });

  const issues: Issue[] = [
    ...(lq.ok ? [] : lq.issues),
    ...(iso.ok ? [] : iso.issues.filter((i) => i.path.startsWith("toFractions"))),
    ...(bed10.ok ? [] : bed10.issues.filter((i) => i.path.startsWith("isocentre"))),
  ];
  const byPath = issuesByPath(issues);
  const errorFor = (...paths: string[]): string | undefined => {
    const list = paths.flatMap((p) => byPath.get(p) ?? []);
    return list.length === 0 ? undefined : list.map((i) => i.message).join("; ");
  };
  const doseError = errorFor("totalDoseGy", "from.totalDoseGy", "prescription.totalDoseGy");
  const fxError = errorFor("fractions", "from.fractions", "prescription.fractions");
  const abError = errorFor("alphaBetaGy", "tissue");
  const toError = [...byPath.entries()]
    .filter(([p]) => p.startsWith("toFractions"))
    .flatMap(([, l]) => l.map((i) => i.message))
    .join("; ");
  const isoError = errorFor("isocentre.totalDoseGy", "isocentre.fractions");

  const entry = ALPHA_BETA_TABLE.entries.find((e) => e.key === tissue);
  const abLabel = lq.ok ? `α/β ${formatTick(lq.value.alphaBeta.alphaBetaGy)} Gy` : "α/β";

  return (
    <section>
      <PageTitle>BED / EQD2 calculator</PageTitle>
      <p className="muted">
        Linear-quadratic model without time correction (clinical reference §3.1): BED = n·d·(1 + d/(α/β)),
        EQD2 = BED / (1 + 2/(α/β)). Results are shown to 2 decimals; the LQ model may over-estimate the effect
        above ~10 Gy per fraction.
      </p>
      <div className="two-col">
        <form
          className="card form-stack"
          aria-labelledby={`${id}-in`}
          onSubmit={(e) => e.preventDefault()}
          noValidate
        >
          <h2 id={`${id}-in`}>Schedule</h2>
          <fieldset className="quick-picks">
            <legend className="visually-hidden">Common SABR schedules (SABR-COMET protocol)</legend>
            {QUICK_SCHEDULES.map((s) => (
              <button
                key={s.label}
                type="button"
                className="button-chip"
                aria-pressed={dose === s.dose && fx === s.fx}
                onClick={() => {
                  setDose(s.dose);
                  setFx(s.fx);
                }}
              >
                {s.label}
              </button>
            ))}
          </fieldset>
          <div className="field-row">
            <NumberField
              id={`${id}-dose`}
              label="Total dose (Gy)"
              value={dose}
              onChange={setDose}
              error={doseError}
            />
            <NumberField
              id={`${id}-fx`}
              label="Fractions"
              value={fx}
              onChange={setFx}
              error={fxError}
              integer
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-ab`}>α/β</label>
            <select
              id={`${id}-ab`}
              value={tissue}
              onChange={(e) => setTissue(e.target.value)}
              aria-invalid={abError !== undefined && tissue !== CUSTOM}
              aria-describedby={`${id}-ab-src`}
            >
              {ALPHA_BETA_TABLE.entries.map((e) => (
                <option key={e.key} value={e.key}>
                  {e.label}:{" "}
                  {e.alphaBetaGy !== undefined
                    ? `${e.alphaBetaGy} Gy`
                    : `${e.alphaBetaRangeGy?.[0]}–${e.alphaBetaRangeGy?.[1]} Gy (choose a value)`}{" "}
                  [{e.status}]
                </option>
              ))}
              <option value={CUSTOM}>Other value…</option>
            </select>
            <p id={`${id}-ab-src`} className="hint">
              {entry !== undefined ? `Source: ${entry.source}` : "Type the α/β of the tissue (Gy)."} Status
              marks: C confirmed, K known (verify), U unconfirmed, D design decision.
            </p>
            {tissue !== CUSTOM && abError !== undefined && (
              <p className="field-error" id={`${id}-ab-err`}>
                {abError}
              </p>
            )}
          </div>
          {tissue === CUSTOM && (
            <NumberField
              id={`${id}-abgy`}
              label="α/β (Gy)"
              value={customAb}
              onChange={setCustomAb}
              error={abError}
            />
          )}
          <div className="field">
            <label htmlFor={`${id}-to`}>Iso-effective schedules in (fractions)</label>
            <input
              id={`${id}-to`}
              value={toFx}
              onChange={(e) => setToFx(e.target.value)}
              aria-invalid={toError !== ""}
              aria-describedby={toError !== "" ? `${id}-to-err` : undefined}
            />
            {toError !== "" && (
              <p className="field-error" id={`${id}-to-err`}>
                {toError}
              </p>
            )}
          </div>
          <fieldset className="fieldset">
            <legend>BED10 ≥ 100 Gy check (lung SABR, Onishi 2004)</legend>
            <div className="field-row">
              <div className="field">
                <label htmlFor={`${id}-site`}>Site</label>
                <select id={`${id}-site`} value={site} onChange={(e) => setSite(e.target.value)}>
                  <option value="lung">Lung</option>
                  <option value="other">Other site</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-intent`}>Intent</label>
                <select
                  id={`${id}-intent`}
                  value={intent}
                  onChange={(e) => setIntent(e.target.value === "palliative" ? "palliative" : "radical")}
                >
                  <option value="radical">Radical</option>
                  <option value="palliative">Palliative</option>
                </select>
              </div>
              <NumberField
                id={`${id}-iso`}
                label="Isocentre dose (Gy, optional)"
                value={isoDose}
                onChange={setIsoDose}
                error={isoError}
              />
            </div>
          </fieldset>
        </form>

        <div className="card" aria-live="polite">
          <h2>Result</h2>
          {!lq.ok ? (
            <p className="muted">Correct the highlighted fields to see the result.</p>
          ) : (
            <>
              <dl className="result-grid">
                <div>
                  <dt>Dose per fraction</dt>
                  <dd>{fmt(lq.value.fractionation.dosePerFractionGy)} Gy</dd>
                </div>
                <div>
                  <dt>BED ({abLabel})</dt>
                  <dd className="result-big">{fmt(lq.value.bedGy)} Gy</dd>
                </div>
                <div>
                  <dt>EQD2 ({abLabel})</dt>
                  <dd className="result-big">{fmt(lq.value.eqd2Gy)} Gy</dd>
                </div>
              </dl>
              <table className="data-table compact">
                <caption>Same schedule, common α/β values (clinical reference §3.3)</caption>
                <thead>
                  <tr>
                    <th scope="col">α/β (Gy)</th>
                    <th scope="col" className="num">
                      BED (Gy)
                    </th>
                    <th scope="col" className="num">
                      EQD2 (Gy)
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {COMPARE_ALPHA_BETA.map((ab) => {
                    const r = computeLqDoses({ totalDoseGy, fractions, alphaBetaGy: ab });
                    return (
                      <tr key={ab}>
                        <th scope="row">{ab}</th>
                        <td className="num">{r.ok ? fmt(r.value.bedGy) : "—"}</td>
                        <td className="num">{r.ok ? fmt(r.value.eqd2Gy) : "—"}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              {iso.ok && iso.value.schedules.length > 0 && (
                <table className="data-table compact">
                  <caption>
                    Iso-effective schedules (same BED, {abLabel}): d = (α/β)/2·(−1 + √(1 + 4·BED/(m·α/β)))
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Fractions</th>
                      <th scope="col" className="num">
                        Dose per fraction (Gy)
                      </th>
                      <th scope="col" className="num">
                        Total dose (Gy)
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {iso.value.schedules.map((s) => (
                      <tr key={s.fractions}>
                        <th scope="row">{s.fractions}</th>
                        <td className="num">{fmt(s.dosePerFractionGy)}</td>
                        <td className="num">{fmt(s.totalDoseGy)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {bed10.ok && (
                <div
                  className={`alert ${bed10.value.kind === "below_threshold" ? "alert-warning" : "alert-info"}`}
                  role="note"
                >
                  <p>
                    <strong>BED10 check:</strong>{" "}
                    {bed10.value.kind === "exempt"
                      ? `not applied (${bed10.value.reason})`
                      : bed10.value.message}
                  </p>
                  <ul className="plain">
                    {bed10.value.points.map((p) => (
                      <li key={p.point}>
                        {p.point === "prescription" ? "Prescription point" : "Isocentre"}: BED10{" "}
                        {fmt(p.bed10Gy)} Gy ({fmt(p.fractionation.totalDoseGy)} Gy in{" "}
                        {p.fractionation.fractions} fractions)
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </>
          )}
        </div>
      </div>
    </section>
  );
}

function NumberField({
  id,
  label,
  value,
  onChange,
  error,
  integer = false,
}: {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (v: string) => void;
  readonly error: string | undefined;
  readonly integer?: boolean;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        inputMode={integer ? "numeric" : "decimal"}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error !== undefined}
        aria-describedby={error !== undefined ? `${id}-err` : undefined}
      />
      {error !== undefined && (
        <p className="field-error" id={`${id}-err`}>
          {error}
        </p>
      )}
    </div>
  );
}
