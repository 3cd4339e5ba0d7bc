// parsePatient: unknown JSON -> validated Patient, or every issue (schema and cross-field).
import { fail, type Issue, issue, ok, type Result } from "../common/result.ts";
import { compileFastParser, REJECT } from "./fast-parse.ts";
import { type Patient, patientSchema } from "./patient-schema.ts";
import { fromZodIssues } from "./zod-issues.ts";

// Accept-path compiled from the same schema: gives exactly Zod's value for a valid record, and
// hands anything else to Zod (fast-parse.ts; equality proven in fast-parse.test.ts).
const fastPatient = compileFastParser(patientSchema);

/** Validates one patient record. Returns every failing field with its path and reason. */
export function parsePatient(input: unknown): Result<Patient> {
  const fast = fastPatient(input);
  if (fast !== REJECT) {
    const issues = crossFieldIssues(fast);
    return issues.length === 0 ? ok(fast) : fail(issues);
  }
  return parsePatientWithZod(input);
}

/** The reference path: Zod's parse and its issues, then the cross-field checks. */
export function parsePatientWithZod(input: unknown): Result<Patient> {
  const parsed = patientSchema.safeParse(input);
  if (!parsed.success) return fail(fromZodIssues(parsed.error.issues, input));
  const issues = crossFieldIssues(parsed.data);
  return issues.length === 0 ? ok(parsed.data) : fail(issues);
}

/** lists up to this long are checked pair by pair (no Map) */
const SMALL_LIST = 16;

function checkUnique(
  items: readonly { readonly id: string }[],
  pathOf: (index: number) => string,
  what: string,
  out: Issue[],
): void {
  const n = items.length;
  if (n < 2) return;
  if (n <= SMALL_LIST) {
    // a short list (the usual record): pairs compared, nothing allocated; the same issues in the
    // same order as below (each later duplicate named with the first item of its id)
    for (let i = 1; i < n; i++) {
      const id = (items[i] as { readonly id: string }).id;
      for (let j = 0; j < i; j++) {
        if ((items[j] as { readonly id: string }).id === id) {
          out.push(
            issue("duplicate_id", `${pathOf(i)}.id`, `${what} id "${id}" is already used by ${pathOf(j)}`),
          );
          break;
        }
      }
    }
    return;
  }
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first === undefined) seen.set(item.id, i);
    else
      out.push(
        issue(
          "duplicate_id",
          `${pathOf(i)}.id`,
          `${what} id "${item.id}" is already used by ${pathOf(first)}`,
        ),
      );
  });
}

/** Checks that Zod cannot express: unique ids, references, date order, conditional fields. */
export function crossFieldIssues(p: Patient): Issue[] {
  const out: Issue[] = [];
  const studies = p.imagingStudies;
  checkUnique(studies, (i) => `imagingStudies[${i}]`, "imaging study", out);
  checkUnique(p.systemicTherapies, (i) => `systemicTherapies[${i}]`, "systemic therapy", out);
  checkUnique(p.localTherapies, (i) => `localTherapies[${i}]`, "local therapy", out);

  // lesion ids, for the local therapies' targets (none to check: not collected)
  const lesionIds = p.localTherapies.length > 0 ? new Set<string>() : undefined;
  studies.forEach((s, si) => {
    const base = `imagingStudies[${si}]`;
    checkUnique(s.lesions, (li) => `${base}.lesions[${li}]`, "lesion (within one study)", out);
    s.lesions.forEach((l, li) => {
      lesionIds?.add(l.id);
      const lp = `${base}.lesions[${li}]`;
      if (l.location === "distant" && l.organ === undefined) {
        out.push(
          issue(
            "required",
            `${lp}.organ`,
            "organ is required for a distant lesion (organ counts, clinical-reference 2.5)",
          ),
        );
      }
      if (l.status === "ablated" && l.viable === true) {
        out.push(
          issue(
            "inconsistent_value",
            `${lp}.viable`,
            'viable is true but status is "ablated"; an ablated lesion without viable tumour has viable false (A9)',
          ),
        );
      }
    });
  });

  p.primary.biomarkers.forEach((b, i) => {
    if (b.name === "other" && (b.label === undefined || b.label === "")) {
      out.push(issue("required", `primary.biomarkers[${i}].label`, 'label is required when name is "other"'));
    }
  });
  p.labs.forEach((l, i) => {
    if (l.name === "other" && (l.label === undefined || l.label === "")) {
      out.push(issue("required", `labs[${i}].label`, 'label is required when name is "other"'));
    }
  });

  p.systemicTherapies.forEach((t, i) => {
    if (t.stop !== undefined && t.stop < t.start) {
      out.push(
        issue("date_order", `systemicTherapies[${i}].stop`, `stop ${t.stop} is before start ${t.start}`),
      );
    }
  });
  p.localTherapies.forEach((t, i) => {
    if (t.end !== undefined && t.end < t.start) {
      out.push(issue("date_order", `localTherapies[${i}].end`, `end ${t.end} is before start ${t.start}`));
    }
    t.targetLesionIds.forEach((lid, j) => {
      if (!lesionIds?.has(lid)) {
        out.push(
          issue(
            "unknown_reference",
            `localTherapies[${i}].targetLesionIds[${j}]`,
            `lesion "${lid}" does not exist in any imaging study`,
          ),
        );
      }
    });
  });

  const dx = p.primary.diagnosisDate;
  if (p.birthYear !== undefined && dx !== undefined && Number(dx.slice(0, 4)) < p.birthYear) {
    out.push(
      issue(
        "date_order",
        "primary.diagnosisDate",
        `diagnosis date ${dx} is before birth year ${p.birthYear}`,
      ),
    );
  }

  const death = p.outcomes?.death?.date;
  if (death !== undefined) {
    if (dx !== undefined && death < dx) {
      out.push(
        issue("date_order", "outcomes.death.date", `death ${death} is before primary diagnosis ${dx}`),
      );
    }
    const lfu = p.outcomes?.lastFollowUpDate;
    if (lfu !== undefined && lfu > death) {
      out.push(
        issue("date_order", "outcomes.lastFollowUpDate", `last follow-up ${lfu} is after death ${death}`),
      );
    }
    studies.forEach((s, i) => {
      if (s.date > death) {
        out.push(
          issue("date_order", `imagingStudies[${i}].date`, `study date ${s.date} is after death ${death}`),
        );
      }
    });
  }

  const indexDate = p.classificationSettings?.indexDate;
  if (indexDate !== undefined && !studies.some((s) => s.date === indexDate)) {
    out.push(
      issue(
        "unknown_reference",
        "classificationSettings.indexDate",
        `no imaging study is dated ${indexDate}; the index date must be the date of an imaging study (1.4.1)`,
      ),
    );
  }
  return out;
}
