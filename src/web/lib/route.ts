// Hash routes of the single-page app (`#/patients/P-001`). Hash routing works behind any static
// file server and proxy without a fallback rule, and the back button restores filters because
// they live in the route's query.

export type Route =
  | { readonly page: "home" }
  | { readonly page: "login"; readonly next?: string }
  | { readonly page: "patients"; readonly query: Readonly<Record<string, string>> }
  | { readonly page: "patient-new" }
  | { readonly page: "patient"; readonly id: string; readonly query: Readonly<Record<string, string>> }
  | { readonly page: "patient-edit"; readonly id: string }
  | { readonly page: "cohort"; readonly query: Readonly<Record<string, string>> }
  | { readonly page: "plan-check" }
  | { readonly page: "calculator"; readonly query: Readonly<Record<string, string>> }
  | { readonly page: "admin" }
  | { readonly page: "not-found"; readonly path: string };

function parseQuery(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(s)) if (v !== "") out[k] = v;
  return out;
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Parses `location.hash` (with or without the leading `#`). */
export function parseRoute(hash: string): Route {
  const raw = hash.startsWith("#") ? hash.slice(1) : hash;
  const q = raw.indexOf("?");
  const path = q === -1 ? raw : raw.slice(0, q);
  const query = parseQuery(q === -1 ? "" : raw.slice(q + 1));
  const parts = path.split("/").filter((p) => p !== "");
  const [first, second, third] = parts;
  if (parts.length === 0) return { page: "home" };
  if (first === "login" && parts.length === 1) {
    return query["next"] === undefined ? { page: "login" } : { page: "login", next: query["next"] };
  }
  if (first === "patients") {
    if (parts.length === 1) return { page: "patients", query };
    if (second === "new" && parts.length === 2) return { page: "patient-new" };
    const id = second === undefined ? undefined : decode(second);
    if (id !== undefined && id !== "") {
      if (parts.length === 2) return { page: "patient", id, query };
      if (third === "edit" && parts.length === 3) return { page: "patient-edit", id };
    }
  }
  if (first === "cohort" && parts.length === 1) return { page: "cohort", query };
  if (first === "plan-check" && parts.length === 1) return { page: "plan-check" };
  if (first === "calculator" && parts.length === 1) return { page: "calculator", query };
  if (first === "admin" && parts.length === 1) return { page: "admin" };
  return { page: "not-found", path: `/${parts.join("/")}` };
}

function withQuery(path: string, query: Readonly<Record<string, string | undefined>> | undefined): string {
  if (query === undefined) return `#${path}`;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "") params.set(k, v);
  const s = params.toString();
  return s === "" ? `#${path}` : `#${path}?${s}`;
}

/** The `href` of a route; inverse of parseRoute. */
export function hrefFor(route: Route): string {
  switch (route.page) {
    case "home":
      return "#/";
    case "login":
      return withQuery("/login", { next: route.next });
    case "patients":
      return withQuery("/patients", route.query);
    case "patient-new":
      return "#/patients/new";
    case "patient":
      return withQuery(`/patients/${encodeURIComponent(route.id)}`, route.query);
    case "patient-edit":
      return `#/patients/${encodeURIComponent(route.id)}/edit`;
    case "cohort":
      return withQuery("/cohort", route.query);
    case "plan-check":
      return "#/plan-check";
    case "calculator":
      return withQuery("/calculator", route.query);
    case "admin":
      return "#/admin";
    case "not-found":
      return `#${route.path}`;
  }
}
