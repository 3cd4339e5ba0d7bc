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
