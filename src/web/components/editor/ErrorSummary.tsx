// Every validation issue of the record at the top of the form; each entry moves focus to its
// field (a button, not a link: links would change the hash route). Takes focus after a failed save.
import type { Ref } from "react";
import type { Issue } from "../../../core/index.ts";
import { issueText } from "../../lib/issues.ts";
import { fieldId } from "./editor-context.ts";

/** Focuses the field of a path, or of the nearest enclosing path that has one on the form. */
function focusField(path: string): void {
  const find = (p: string): HTMLElement | null =>
    document.getElementById(fieldId(p)) ??
    document.getElementById(`${fieldId(p)}-item`) ??
    document.getElementById(`${fieldId(p)}-list`);
  let p = path;
  let el = find(p);
  while (el === null) {
    const parent = p.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
    if (parent === p || parent === "") break;
    p = parent;
    el = find(p);
  }
  if (el === null) return;
  const target =
    el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement
      ? el
      : ((el.querySelector("input, select, textarea") as HTMLElement | null) ?? el);
  target.scrollIntoView({ block: "center" });
  target.focus();
}

export function ErrorSummary({
  issues,
  ref,
}: {
  readonly issues: readonly Issue[];
  readonly ref: Ref<HTMLDivElement>;
}) {
  return (
    <div
      className="alert alert-error error-summary"
      role="alert"
      tabIndex={-1}
      ref={ref}
      aria-labelledby="error-summary-title"
    >
      <h2 id="error-summary-title">
        {issues.length} problem{issues.length === 1 ? "" : "s"} to correct before saving
      </h2>
      <ul>
        {issues.map((i) => (
          <li key={`${i.path}|${i.code}|${i.message}`}>
            <button type="button" className="button-link" onClick={() => focusField(i.path)}>
              <code>{i.path || "record"}</code>: {issueText(i)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
