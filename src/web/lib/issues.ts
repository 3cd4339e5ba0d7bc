// Validation issues grouped by field path, for inline errors next to each field. An issue on a
// path nobody shows (e.g. "" for the whole record) must still reach the user: see unshownIssues.
import type { Issue } from "../../core/index.ts";

export function issuesByPath(issues: readonly Issue[]): Map<string, Issue[]> {
  const map = new Map<string, Issue[]>();
  for (const i of issues) {
    const list = map.get(i.path);
    if (list === undefined) map.set(i.path, [i]);
    else list.push(i);
  }
  return map;
}

/** Issues whose path is not one of the fields shown on the form (listed in the summary instead). */
export function unshownIssues(issues: readonly Issue[], shownPaths: ReadonlySet<string>): Issue[] {
  return issues.filter((i) => !shownPaths.has(i.path));
}

/** Issues at `prefix` or below it (`imagingStudies[0]` covers `imagingStudies[0].lesions[1].sizeMm`). */
export function issuesUnder(issues: readonly Issue[], prefix: string): Issue[] {
  return issues.filter(
    (i) => i.path === prefix || i.path.startsWith(`${prefix}.`) || i.path.startsWith(`${prefix}[`),
  );
}

/**
 * The message of an issue as shown next to its field: the model's own words, except two generic
 * Zod phrasings that read badly on a form ("must be at least 1 characters" for an empty required
 * text, "<path> is required" repeating the field's own path).
 */
export function issueText(issue: Issue): string {
  const m = issue.message.trim();
  if (
    /^must be at least 1 characters?$/i.test(m) ||
    /^too small: expected string to have >=1 characters?$/i.test(m)
  )
    return "Required: enter a value.";
  if (issue.path !== "" && m === `${issue.path} is required`) return "Required.";
  return m;
}
