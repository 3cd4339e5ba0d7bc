// Helpers for filter choices kept in the route's query (#/patients?state=...): pick the set
// values, and merge a change into the query with empty values dropped.

export type RouteQuery = Readonly<Record<string, string>>;

/** The entries of `query` named in `keys` whose value is present and not empty. */
export function pickNonEmpty(query: RouteQuery, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const v = query[key];
    if (v !== undefined && v !== "") out[key] = v;
  }
  return out;
}

/** `query` with `changes` applied; a key whose new value is "" is removed. */
export function mergeQuery(query: RouteQuery, changes: RouteQuery): Record<string, string> {
  const next: Record<string, string> = { ...query, ...changes };
  for (const [k, v] of Object.entries(next)) if (v === "") delete next[k];
  return next;
}
