// De-identification of one patient for research export (HIPAA Safe Harbor style, 45 CFR
// 164.514(b)(2)): no names, MRNs or record ids (a keyed pseudonym instead), no free text, no exact
// dates (every date shifted by the same secret per-patient offset, so intervals are kept), and age
// instead of birth year, with ages over 89 reported as 90 (164.514(b)(2)(i)(C)).
import { createHmac } from "node:crypto";
import { addDays, type IsoDate } from "../core/index.ts";
import type { PatientRecord } from "../store/index.ts";

/** Dates move by up to this many days either way [D]. */
export const MAX_DATE_SHIFT_DAYS = 365;
/** Safe Harbor: ages over 89 are aggregated into one category (reported as 90). */
export const AGE_CAP_YEARS = 90;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** free-text fields that may hold identifying details; dropped */
const FREE_TEXT_KEYS = new Set(["note", "cause"]);

export type DeidentifiedRecord = {
  readonly pseudoId: string;
  readonly site: string;
  readonly ageAtIndexYears: number | null;
  readonly sex: string | null;
  readonly primarySite: string;
  readonly stateCode: string;
  readonly stateLabel: string;
  readonly firstOmdCode: string | null;
  /** shifted */
  readonly indexDate: string | null;
  readonly osDays: number | null;
  readonly osEvent: boolean;
  readonly pfsDays: number | null;
  readonly pfsEvent: boolean;
  readonly localTherapy: string;
  /** the patient document without identifiers, free text or exact dates */
  readonly patient: Record<string, unknown>;
};

const hmac = (secret: string, message: string): Buffer =>
  createHmac("sha256", secret).update(message).digest();

export const pseudonym = (secret: string, kind: string, id: string, prefix: string): string =>
  `${prefix}${hmac(secret, `${kind}:${id}`).toString("hex").slice(0, 16)}`;

/** The patient's secret date offset in days, in [-MAX_DATE_SHIFT_DAYS, +MAX_DATE_SHIFT_DAYS]. */
export function dateShiftDays(secret: string, patientId: string): number {
  const n = hmac(secret, `shift:${patientId}`).readUInt32BE(0);
  return (n % (2 * MAX_DATE_SHIFT_DAYS + 1)) - MAX_DATE_SHIFT_DAYS;
}

export function ageAtIndex(birthYear: number | null, indexDate: IsoDate | null): number | null {
  if (birthYear === null || indexDate === null) return null;
  return Math.min(AGE_CAP_YEARS, Number(indexDate.slice(0, 4)) - birthYear);
}

export function deidentifyRecord(record: PatientRecord, secret: string): DeidentifiedRecord {
  const shift = dateShiftDays(secret, record.id);
  const doc = JSON.parse(record.document) as Record<string, unknown>;
  const ids = new Map<string, string>();
  const counters = new Map<string, number>();
  const mapId = (kind: string, id: string, prefix: string): string => {
    const key = `${kind}:${id}`;
    let v = ids.get(key);
    if (v === undefined) {
      const n = (counters.get(kind) ?? 0) + 1;
      counters.set(kind, n);
      v = `${prefix}${n}`;
      ids.set(key, v);
    }
    return v;
  };
  const site = pseudonym(secret, "site", record.siteId, "site-");
  const pseudoId = pseudonym(secret, "patient", record.id, "R-");

  const walk = (value: unknown, key: string, parent: string): unknown => {
    if (typeof value === "string") {
      if (DATE.test(value)) return addDays(value, shift);
      if (key === "id") {
        if (parent === "imagingStudies") return mapId("study", value, "S");
        if (parent === "lesions") return mapId("lesion", value, "L");
        if (parent === "systemicTherapies") return mapId("systemic", value, "T");
        if (parent === "localTherapies") return mapId("local", value, "R");
      }
      if (key === "workup") return mapId("workup", value, "W");
      if (parent === "targetLesionIds") return mapId("lesion", value, "L");
      return value;
    }
    if (Array.isArray(value)) return value.map((v) => walk(v, "", key));
    if (value !== null && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (FREE_TEXT_KEYS.has(k)) continue;
        out[k] = walk(v, k, parent);
      }
      return out;
    }
    return value;
  };
  // one id map per patient: a lesion keeps its pseudonymous id across studies and therapy targets
  const { id: _id, name: _n, mrn: _m, birthYear: _b, siteId: _s, ...rest } = doc;
  const patient = walk(rest, "", "") as Record<string, unknown>;
  const d = record.derived;
  return {
    pseudoId,
    site,
    ageAtIndexYears: ageAtIndex(d.birthYear, d.indexDate),
    sex: d.sex,
    primarySite: d.primarySite,
    stateCode: d.stateCode,
    stateLabel: d.stateLabel,
    firstOmdCode: d.firstOmdCode,
    indexDate: d.indexDate === null ? null : addDays(d.indexDate, shift),
    osDays: d.osDays,
    osEvent: d.osEvent,
    pfsDays: d.pfsDays,
    pfsEvent: d.pfsEvent,
    localTherapy: d.localTherapy,
    patient: { pseudoId, site, ...patient },
  };
}
