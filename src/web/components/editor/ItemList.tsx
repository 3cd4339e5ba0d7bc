// A repeated part of the record (imaging studies, lesions, therapies …): each item in a
// fieldset with its own legend and a remove button, and an add button at the end. Issues on the
// list itself (e.g. "must have at least one item") show above the items.
import type { ReactNode } from "react";
import { issueText } from "../../lib/issues.ts";
import { getAt, type Json } from "../../lib/paths.ts";
import { fieldId, useEditor } from "./editor-context.ts";

export function ItemList({
  path,
  title,
  itemTitle,
  addLabel,
  newItem,
  children,
  extraActions,
  level = "h2",
}: {
  readonly path: string;
  readonly title: string;
  readonly itemTitle: (item: Json, index: number) => string;
  readonly addLabel: string;
  readonly newItem: (items: readonly Json[]) => Json;
  readonly children: (index: number, item: Json) => ReactNode;
  readonly extraActions?: ReactNode;
  readonly level?: "h2" | "h3";
}) {
  const { draft, set, visibleIssues } = useEditor();
  const raw = getAt(draft, path);
  const items = Array.isArray(raw) ? raw : [];
  const listIssues = visibleIssues(path);
  const Heading = level;
  return (
    <div className={`item-list item-list-${level}`} id={`${fieldId(path)}-list`}>
      <Heading>
        {title} <span className="count">({items.length})</span>
      </Heading>
      {listIssues.length > 0 && <p className="field-error">{listIssues.map(issueText).join("; ")}</p>}
      {items.map((item, i) => {
        const name = itemTitle(item, i);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: items are addressed by index, as in the model paths
          <fieldset key={i} className="item" id={`${fieldId(`${path}[${i}]`)}-item`}>
            <legend>{name}</legend>
            {children(i, item)}
            <div className="item-actions">
              <button
                type="button"
                className="button-secondary button-small"
                aria-label={`Remove ${name}`}
                onClick={() => {
                  if (window.confirm(`Remove ${name}?`))
                    set(
                      path,
                      items.filter((_, j) => j !== i),
                    );
                }}
              >
                Remove
              </button>
            </div>
          </fieldset>
        );
      })}
      <div className="list-actions">
        <button
          type="button"
          className="button-secondary"
          onClick={() => set(path, [...items, newItem(items)])}
        >
          {addLabel}
        </button>
        {extraActions}
      </div>
    </div>
  );
}

/** String field of an item, "" when absent (for titles). */
export function itemText(item: Json, key: string): string {
  const v = item !== null && typeof item === "object" && !Array.isArray(item) ? item[key] : undefined;
  return typeof v === "string" || typeof v === "number" ? String(v) : "";
}
