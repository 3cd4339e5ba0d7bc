// Short, readable text of an audit entry's details for the admin page: `key: value` pairs, long
// id lists cut to their first items and a count, nested objects as compact JSON.

const MAX_LIST_ITEMS = 3;

function valueText(value: unknown): string {
  if (Array.isArray(value)) {
    const items = value.map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
    if (items.length <= MAX_LIST_ITEMS) return items.join(", ");
    return `${items.slice(0, MAX_LIST_ITEMS).join(", ")}, … (${items.length} in all)`;
  }
  if (value !== null && typeof value === "object") {
    const inner = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}=${valueText(v)}`);
    return inner.length === 0 ? "none" : inner.join("; ");
  }
  return String(value);
}

/** `{"ids":["a","b","c","d"],"total":4}` -> `ids: a, b, c, … (4 in all) · total: 4`; `{}` -> `—`. */
export function auditDetailsText(details: Readonly<Record<string, unknown>>): string {
  const parts = Object.entries(details).map(([k, v]) => `${k}: ${valueText(v)}`);
  return parts.length === 0 ? "—" : parts.join(" · ");
}
