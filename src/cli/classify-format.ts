// Human-readable output of `oligoscope classify`: a fixed-width table row per patient (so rows can
// stream) and the full explanation block (path of reasons, warnings, timeline, definitions).
import type { ClassifiedRecord } from "../app/index.ts";
import type { Issue, PatientClassification } from "../core/index.ts";

function fit(s: string, width: number): string {
  if (s.length > width) return `${s.slice(0, width - 1)}…`;
  return s.padEnd(width);
}

const COLS = { id: 20, estro: 40, index: 11, first: 28 } as const;

export function tableHeader(gateLabel: string): string {
  return [
    fit("ID", COLS.id),
    fit(`ESTRO/EORTC 2020 (${gateLabel})`, COLS.estro),
    fit("INDEX DATE", COLS.index),
    fit("FIRST OMD DIAGNOSIS", COLS.first),
    "DEFINITIONS MET",
  ]
    .join(" ")
    .trimEnd();
}

function metList(c: PatientClassification): string {
  const met = Object.entries(c.definitions)
    .filter(([, d]) => d.result === "met")
    .map(([id]) => id);
  return met.length > 0 ? met.join(", ") : "none";
}

export function tableRow(c: PatientClassification): string {
  const e = c.estroEortc;
  const label =
    e.code === "INSUFFICIENT_DATA" && e.missing ? `Insufficient data: ${e.missing.join(", ")}` : e.label;
  const first = c.firstOmd === null ? "-" : `${c.firstOmd.indexDate ?? ""} ${c.firstOmd.label}`;
  return [
    fit(c.id, COLS.id),
    fit(label, COLS.estro),
    fit(e.indexDate ?? "-", COLS.index),
    fit(first, COLS.first),
    metList(c),
  ]
    .join(" ")
    .trimEnd();
}

/** The full explanation of one patient's classification, for people reading "why". */
export function explainBlock(c: PatientClassification): string {
  const e = c.estroEortc;
  const lines: string[] = [];
  const basis =
    e.basis === "first_omd_diagnosis"
      ? "at the first OMD diagnosis"
      : e.basis === "index_date"
        ? "at the chosen index date"
        : "at the latest imaging";
  lines.push(`Patient ${c.id}: ${e.label} (${e.code})`);
  lines.push(
    `  index date ${e.indexDate ?? "-"} (${basis}), as of ${c.asOf}, gate ${e.gate.id}: ${e.gate.label}`,
  );
  lines.push("  Why:");
  for (const p of e.path) lines.push(`    ${p}`);
  if (e.missing !== undefined && e.missing.length > 0) lines.push(`  Missing: ${e.missing.join(", ")}`);
  if (e.warnings.length > 0) {
    lines.push("  Warnings:");
    for (const w of e.warnings) lines.push(`    ! ${w}`);
  }
  if (e.progressionPattern.pattern !== "not_applicable") {
    lines.push(
      `  Progression pattern (6.3): ${e.progressionPattern.pattern} (${e.progressionPattern.progressingLesions} progressing, oligoprogression ≤${e.progressionPattern.maxLesions})`,
    );
  }
  if (c.firstOmd !== null && c.firstOmd.indexDate !== e.indexDate) {
    lines.push(`  At the first OMD diagnosis (${c.firstOmd.indexDate ?? "-"}): ${c.firstOmd.label}`);
    for (const p of c.firstOmd.path) lines.push(`    ${p}`);
  }
  if (c.timeline.length > 0) {
    lines.push("  Timeline:");
    for (const t of c.timeline) {
      const burden =
        t.state === "diffuse"
          ? `diffuse: ${t.diffuseFindings.join(", ")}`
          : `${t.lesionCount} ${t.lesionCount === 1 ? "lesion" : "lesions"}, ${t.organCount} ${t.organCount === 1 ? "organ" : "organs"}${t.organs.length > 0 ? ` (${t.organs.join(", ")})` : ""}`;
      lines.push(`    ${t.date}  ${fit(t.label, 42)} ${burden}  [${t.studyIds.join(", ")}]`);
    }
  }
  const defs = Object.entries(c.definitions);
  if (defs.length > 0) {
    lines.push("  Definitions:");
    for (const [id, d] of defs) {
      const result = d.result === "met" ? "met" : d.result === "not_met" ? "not met" : "not applicable";
      const decisive =
        d.result === "not_met"
          ? d.reasons.filter((r) => r.endsWith(": not met") || !r.endsWith(": met"))
          : d.reasons.slice(0, 1);
      lines.push(`    ${fit(id, 17)} ${fit(result, 15)} ${decisive[0] ?? ""}`);
      for (const r of decisive.slice(1)) lines.push(`    ${" ".repeat(33)} ${r}`);
      for (const w of d.warnings) lines.push(`    ${" ".repeat(33)} ! ${w}`);
    }
  }
  const core = c.factors.filter((f) => !f.supplementary);
  const missingFactors = core.filter((f) => !f.known);
  lines.push(
    `  Characterisation factors known: ${core.length - missingFactors.length}/${core.length}${missingFactors.length > 0 ? ` (missing: ${missingFactors.map((f) => `${f.number} ${f.name}`).join("; ")})` : ""}`,
  );
  lines.push(`  (${c.factorsNote})`);
  return lines.join("\n");
}

/** One invalid record on stderr: where it is and every failing field. */
export function invalidRecordText(r: Extract<ClassifiedRecord, { ok: false }>): string {
  const where = `record ${r.index + 1} (line ${r.line}${r.id !== undefined ? `, id "${r.id}"` : ""})`;
  return `${where}: invalid patient record\n${r.issues.map((i: Issue) => `  ${i.path === "" ? "(record)" : i.path}: ${i.message} (${i.code})`).join("\n")}`;
}

// the compact view lives in the app layer: the worker threads write it too
export type { CompactClassification } from "../app/index.ts";
export { compactClassification } from "../app/index.ts";
