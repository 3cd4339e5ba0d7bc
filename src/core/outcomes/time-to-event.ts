// Time-to-event endpoints of one patient, for survival analysis (clinical-reference 8.1 "Outcomes
// derived"). Pure: the origin and the as-of date are parameters.
//
// Definitions [D, documented in docs/api.md "Outcomes"]:
// - Origin (time 0) = the index date of the patient's ESTRO/EORTC classification, i.e. the date of
//   the OMD diagnosis the registry entry is about (clinical-reference 1.4.1). OligoCare analyses OS
//   after radical treatment of that diagnosis (8.1); CtE counts from the start of SABR; here the
//   imaging date is used so untreated patients are comparable.
// - OS: event = death; otherwise censored at the last contact.
// - PFS: event = the first progression after the origin (a date in outcomes.progressionDates, or an
//   imaging study after the origin reading a distant lesion as "new" or "progressing") or death,
//   whichever comes first; otherwise censored at the last contact.
// - Last contact = the latest of outcomes.lastFollowUpDate and every other dated fact in the record
//   (imaging, therapy dates, labs, judgements, progression dates): a fact dated after the recorded
//   follow-up date proves later contact. Everything after `asOf` is ignored (administrative
//   censoring at asOf).
import { daysBetween, type IsoDate, maxDate } from "../dates/calendar.ts";
import type { Patient } from "../model/patient-schema.ts";

export type TimeToEvent = {
  /** days from origin to event or censoring (>= 0) */
  readonly days: number;
  /** true = event observed, false = censored */
  readonly event: boolean;
  /** date of the event or of censoring */
  readonly endDate: IsoDate;
};

export type PatientOutcomes = {
  readonly origin: IsoDate;
  readonly os: TimeToEvent | null;
  readonly pfs: TimeToEvent | null;
  /** why an endpoint is null or was adjusted */
  readonly warnings: readonly string[];
};

/** Latest date recorded anywhere in the patient record up to asOf (last contact when no follow-up date). */
export function lastRecordedDate(p: Patient, asOf: IsoDate): IsoDate | undefined {
  let latest: IsoDate | undefined;
  const see = (d: IsoDate | undefined) => {
    if (d !== undefined && d <= asOf) latest = latest === undefined ? d : maxDate(latest, d);
  };
  see(p.primary.diagnosisDate);
  see(p.primary.definitiveTreatmentDate);
  for (const s of p.imagingStudies) see(s.date);
  for (const t of p.systemicTherapies) {
    see(t.start);
    see(t.stop);
  }
  for (const t of p.localTherapies) {
    see(t.start);
    see(t.end);
  }
  for (const l of p.labs) see(l.date);
  for (const j of p.judgements) see(j.date);
  for (const d of p.outcomes?.progressionDates ?? []) see(d);
  see(p.outcomes?.lastFollowUpDate);
  return latest;
}

/** First progression strictly after the origin and on or before asOf, from recorded dates and imaging reads. */
export function firstProgressionAfter(p: Patient, origin: IsoDate, asOf: IsoDate): IsoDate | undefined {
  let first: IsoDate | undefined;
  const see = (d: IsoDate) => {
    if (d > origin && d <= asOf && (first === undefined || d < first)) first = d;
  };
  for (const d of p.outcomes?.progressionDates ?? []) see(d);
  for (const s of p.imagingStudies) {
    if (
      s.lesions.some((l) => l.location === "distant" && (l.status === "new" || l.status === "progressing"))
    ) {
      see(s.date);
    }
  }
  return first;
}

export function deriveOutcomes(p: Patient, origin: IsoDate, asOf: IsoDate): PatientOutcomes {
  const warnings: string[] = [];
  if (origin > asOf) {
    return { origin, os: null, pfs: null, warnings: [`origin ${origin} is after the as-of date ${asOf}`] };
  }
  const death = p.outcomes?.death?.date;
  const deathSeen = death !== undefined && death <= asOf ? death : undefined;
  const lastContact = lastRecordedDate(p, asOf);

  let os: TimeToEvent | null = null;
  if (deathSeen !== undefined) {
    if (deathSeen < origin) {
      warnings.push(`death ${deathSeen} is before the origin ${origin}: OS not computed`);
    } else {
      os = { days: daysBetween(origin, deathSeen), event: true, endDate: deathSeen };
    }
  } else if (lastContact === undefined || lastContact <= origin) {
    // no follow-up beyond the origin: censored at time 0 contributes nothing but keeps the patient counted
    os = { days: 0, event: false, endDate: origin };
    warnings.push(`no follow-up after the origin ${origin}: censored at day 0`);
  } else {
    os = { days: daysBetween(origin, lastContact), event: false, endDate: lastContact };
  }

  let pfs: TimeToEvent | null = null;
  if (os !== null) {
    const progression = firstProgressionAfter(p, origin, asOf);
    if (progression !== undefined && (deathSeen === undefined || progression <= deathSeen)) {
      pfs = { days: daysBetween(origin, progression), event: true, endDate: progression };
    } else {
      pfs = os; // death (event) or censoring at the same last contact
    }
  }
  return { origin, os, pfs, warnings };
}
