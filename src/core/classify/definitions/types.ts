// OMD definitions as named, versioned presets (clinical-reference 2.1–2.3). Each is data (id,
// name, version, source) plus one pure evaluate function; all return met / not_met /
// not_applicable with per-criterion reasons and warnings.
import type { Patient } from "../../model/patient-schema.ts";
import type { TimePointAssessment } from "../assessment.ts";
import type { ResolvedOptions } from "../options.ts";

export type DefinitionOutcome = "met" | "not_met" | "not_applicable";

export type DefinitionEvaluation = {
  readonly result: DefinitionOutcome;
  /** one line per criterion checked, in order, each with the fact that decided it */
  readonly reasons: readonly string[];
  /** do not change the result (e.g. "no brain MRI in the staging work-up") */
  readonly warnings: readonly string[];
};

export type DefinitionResult = DefinitionEvaluation & {
  readonly name: string;
  readonly version: string;
  readonly source: string;
  /** date of the work-up the definition was evaluated at (index or presentation); null when none */
  readonly evaluatedAt: string | null;
};

export type DefinitionContext = {
  readonly patient: Patient;
  readonly options: ResolvedOptions;
  /** the index time point (null when there is no imaging up to asOf) */
  readonly index: TimePointAssessment | undefined;
  /** every time point up to and including the index, in date order */
  readonly history: readonly TimePointAssessment[];
};

export type DefinitionPreset = {
  readonly id: string;
  readonly name: string;
  /** "<source year>.<platform rule revision>" */
  readonly version: string;
  readonly source: string;
  /** one-line summary of the computable rule */
  readonly summary: string;
  /** which time point it is evaluated at */
  readonly evaluatedAt: "index" | "presentation";
  readonly evaluate: (ctx: DefinitionContext) => DefinitionEvaluation & { readonly at: string | null };
};
