// The one authorisation module: which role may do what, and which sites' patients an actor sees.
// admin: everything, every site. clinician: patients of their own site (read/write), plan check,
// own-site analytics and CSV export. researcher: only de-identified cohort analytics and the
// research export, every site; no patient routes.
import type { Role } from "../store/index.ts";
import type { Actor } from "./app-context.ts";
import { AppError } from "./app-error.ts";

export const PERMISSIONS = {
  "patient.read": ["admin", "clinician"],
  "patient.write": ["admin", "clinician"],
  "patient.delete": ["admin"],
  /** aggregate cohort counts and survival analytics (de-identified) */
  "cohort.analytics": ["admin", "clinician", "researcher"],
  "plan.check": ["admin", "clinician"],
  "export.csv": ["admin", "clinician"],
  "export.research": ["admin", "researcher"],
  "definitions.read": ["admin", "clinician", "researcher"],
  "audit.verify": ["admin"],
  "users.manage": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Actor, permission: Permission): boolean {
  if (actor.kind === "system") return true;
  return (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}

/** Throws `forbidden` unless the actor's role has the permission. */
export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    const role = actor.kind === "user" ? actor.role : "system";
    throw new AppError("forbidden", "role_forbidden", `role ${role} may not perform ${permission}`);
  }
}

/**
 * The sites whose patient rows the actor may see: undefined = every site (admin, researcher,
 * system); a clinician sees only their own site (none if no site is set on the account).
 */
export function siteScope(actor: Actor): readonly string[] | undefined {
  if (actor.kind === "system" || actor.role !== "clinician") return undefined;
  return actor.siteId === null ? [] : [actor.siteId];
}

/** Throws `forbidden` unless the actor has the permission and may see patients of `siteId`. */
export function authorizeSite(actor: Actor, permission: Permission, siteId: string): void {
  authorize(actor, permission);
  const scope = siteScope(actor);
  if (scope !== undefined && !scope.includes(siteId)) {
    throw new AppError("forbidden", "site_forbidden", `this patient belongs to another site (${siteId})`);
  }
}

/** Intersects a requested site filter with the actor's scope (a clinician asking for another site gets 403). */
export function scopedSites(
  actor: Actor,
  requested: readonly string[] | undefined,
): readonly string[] | undefined {
  const scope = siteScope(actor);
  if (scope === undefined) return requested;
  if (requested === undefined) return scope;
  const outside = requested.filter((s) => !scope.includes(s));
  if (outside.length > 0) {
    throw new AppError("forbidden", "site_forbidden", `no access to site(s) ${outside.join(", ")}`);
  }
  return requested;
}
