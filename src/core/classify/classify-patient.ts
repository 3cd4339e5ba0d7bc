// classifyPatient: one validated patient -> ESTRO/EORTC 2020 classification with the path of
// reasons, the state at every imaging time point, the classification at the first OMD diagnosis,
// the OMD definitions and the 17 characterisation factors. Pure: asOf is a parameter.
import { IssuesError, type Result } from "../common/result.ts";
import type { Patient } from "../model/patient-schema.ts";
import {
  assessTimePoints,
  type EstroEortcResult,
  explainAssessment,
  insufficientResult,
  type TimePointAssessment,
} from "./assessment.ts";
import { ESTRO_EORTC_LABELS, isOmdCategory } from "./codes.ts";
import { DEFINITION_IDS, DEFINITION_PRESETS } from "./definitions/registry.ts";
import type { DefinitionContext, DefinitionResult } from "./definitions/types.ts";
import { type CharacterisationFactor, characterisationFactors, FACTORS_NOTE } from "./factors.ts";
import { type ClassifyOptions, type ResolvedOptions, resolveClassifyOptions } from "./options.ts";
import { buildTimePoints, type StateKind } from "./time-points.ts";

export type IndexBasis = "latest_imaging" | "index_date" | "first_omd_diagnosis";

export type TimelineEntry = {
  readonly date: string;
  readonly workupStartDate: string;
  readonly studyIds: readonly string[];
  readonly code: EstroEortcResult["code"];
  readonly label: string;
  readonly state: StateKind;
  readonly lesionCount: number;
  readonly organCount: number;
  readonly organs: readonly string[];
  readonly diffuseFindings: readonly string[];
};

export type PatientClassification = {
  readonly id: string;
  readonly asOf: string;
  /** the main result: at the latest imaging up to asOf, unless an index date or the first-OMD
   * setting chose another (with detail "compact": `lesions` and `warnings` empty: not built) */
  readonly estroEortc: EstroEortcResult & { readonly basis: IndexBasis };
  /** the classification at the first oligometastatic time point; null when never OMD (and always
   * null with detail "compact", which does not build it) */
  readonly firstOmd: EstroEortcResult | null;
  /** the state at every imaging time point up to asOf, in date order (empty with detail "compact") */
  readonly timeline: readonly TimelineEntry[];
  readonly definitions: Readonly<Record<string, DefinitionResult>>;
  /** the 17 characterisation factors (empty with detail "compact") */
  readonly factors: readonly CharacterisationFactor[];
  readonly factorsNote: string;
};

const resolvedOptions = new WeakSet<object>();

/** Validates options once (returns every invalid option); pass the result to classifyPatient for speed. */
export function prepareClassifyOptions(o: ClassifyOptions): Result<ResolvedOptions> {
  const r = resolveClassifyOptions(o, DEFINITION_IDS);
  if (r.ok) resolvedOptions.add(r.value);
  return r;
}

function resolve(o: ClassifyOptions | ResolvedOptions): ResolvedOptions {
  if (resolvedOptions.has(o)) return o as ResolvedOptions;
  const r = prepareClassifyOptions(o as ClassifyOptions);
  if (!r.ok) throw new IssuesError(r.issues);
  return r.value;
}

function timelineEntry(a: TimePointAssessment): TimelineEntry {
  const s = a.tp.state;
  return {
    date: a.tp.date,
    workupStartDate: a.tp.startDate,
    studyIds: a.tp.studies.map((st) => st.id),
    code: a.code,
    label: ESTRO_EORTC_LABELS[a.code],
    state: s.kind,
    lesionCount: s.countable.length,
    organCount: s.organs.length,
    organs: s.organs,
    diffuseFindings: s.diffuseFindings,
  };
}

/**
 * Classifies one validated patient. Options are validated on first use; invalid options throw an
 * IssuesError (adapters call prepareClassifyOptions first and report the issues).
 */
export function classifyPatient(
  patient: Patient,
  options: ClassifyOptions | ResolvedOptions,
): PatientClassification {
  const o = resolve(options);
  const timePoints = buildTimePoints(patient.imagingStudies, o.asOf, o.workupWindowDays, o.gate);
  const assessments = assessTimePoints(patient, timePoints, o);
  const firstOmdAssessment = assessments.find((a) => a.tp.state.kind === "oligometastatic");

  // detail "compact" builds no warnings (its output carries none)
  const full = o.detail === "full";
  const globalWarnings: string[] = [];
  const ignored = full ? patient.imagingStudies.filter((s) => s.date > o.asOf).length : 0;
  if (ignored > 0) {
    globalWarnings.push(
      `${ignored} imaging ${ignored === 1 ? "study" : "studies"} dated after the as-of date ${o.asOf} ignored`,
    );
  }

  const settings = patient.classificationSettings;
  const indexDate = o.indexDate ?? settings?.indexDate;
  const atFirst = o.classifyAtFirstOmdDiagnosis ?? settings?.classifyAtFirstOmdDiagnosis ?? false;
  let index: TimePointAssessment | undefined;
  let basis: IndexBasis = "latest_imaging";
  let main: EstroEortcResult;
  if (assessments.length === 0) {
    main = insufficientResult(
      o,
      `no imaging study dated on or before ${o.asOf}: the metastatic state cannot be assessed`,
      ["imagingStudies"],
      globalWarnings,
    );
  } else if (indexDate !== undefined) {
    basis = "index_date";
    index = assessments.find((a) => a.tp.studies.some((s) => s.date === indexDate));
    main =
      index === undefined
        ? insufficientResult(
            o,
            `no imaging study dated ${indexDate} on or before ${o.asOf}: the chosen index date has no work-up`,
            ["imagingStudies (a study dated the index date)"],
            globalWarnings,
          )
        : explainAssessment(patient, index, o);
  } else if (atFirst && firstOmdAssessment !== undefined) {
    basis = "first_omd_diagnosis";
    index = firstOmdAssessment;
    main = explainAssessment(patient, index, o);
  } else {
    index = assessments[assessments.length - 1] as TimePointAssessment;
    main = explainAssessment(patient, index, o);
    if (atFirst && full)
      globalWarnings.push(
        "classification at the first OMD diagnosis requested, but no time point was oligometastatic: latest imaging used",
      );
  }
  // the result at the index before the patient-level warnings join it (reused for the first OMD)
  const atIndex = main;
  if (globalWarnings.length > 0 && main.code !== "INSUFFICIENT_DATA") {
    main = { ...main, warnings: [...main.warnings, ...globalWarnings] };
  }

  const history = index === undefined ? [] : assessments.slice(0, index.tp.seq + 1);
  const ctx: DefinitionContext = { patient, options: o, index, history };
  const definitions: Record<string, DefinitionResult> = {};
  for (const d of DEFINITION_PRESETS) {
    if (o.definitions !== undefined && !o.definitions.includes(d.id)) continue;
    const e = d.evaluate(ctx);
    // one fixed object shape (a rest/spread copy here cost more than the evaluation itself)
    definitions[d.id] = {
      result: e.result,
      reasons: e.reasons,
      warnings: e.warnings,
      name: d.name,
      version: d.version,
      source: d.source,
      evaluatedAt: e.at,
    };
  }

  // the first OMD diagnosis: an OMD category, or INSUFFICIENT_DATA when Q3 could not be answered
  // (not explained with detail "compact": its output does not carry it)
  const firstOmd =
    firstOmdAssessment === undefined || !full
      ? null
      : firstOmdAssessment === index
        ? atIndex
        : explainAssessment(patient, firstOmdAssessment, o);
  // written out instead of `{ ...main, basis }`: the spread copy was the costliest line of the
  // classifier (CPU profile of an esbuild bundle); same keys in the same order
  const m = main;
  const estroEortc: PatientClassification["estroEortc"] =
    m.missing === undefined
      ? {
          code: m.code,
          label: m.label,
          path: m.path,
          gate: m.gate,
          indexDate: m.indexDate,
          workupStartDate: m.workupStartDate,
          studyIds: m.studyIds,
          inputsUsed: m.inputsUsed,
          lesions: m.lesions,
          progressionPattern: m.progressionPattern,
          warnings: m.warnings,
          basis,
        }
      : {
          code: m.code,
          label: m.label,
          path: m.path,
          gate: m.gate,
          indexDate: m.indexDate,
          workupStartDate: m.workupStartDate,
          studyIds: m.studyIds,
          inputsUsed: m.inputsUsed,
          lesions: m.lesions,
          progressionPattern: m.progressionPattern,
          warnings: m.warnings,
          missing: m.missing,
          basis,
        };
  return {
    id: patient.id,
    asOf: o.asOf,
    estroEortc,
    firstOmd:
      firstOmd !== null && (isOmdCategory(firstOmd.code) || firstOmd.code === "INSUFFICIENT_DATA")
        ? firstOmd
        : null,
    timeline: full ? assessments.map(timelineEntry) : [],
    definitions,
    factors: full ? characterisationFactors(patient, index, history) : [],
    factorsNote: FACTORS_NOTE,
  };
}
