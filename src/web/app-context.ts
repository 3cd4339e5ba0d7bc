// What every page needs: the API client and the signed-in user.
import { createContext, useContext } from "react";
import type { ApiClient } from "./api/client.ts";
import type { Role, Session } from "./api/types.ts";

export type AppContextValue = {
  readonly api: ApiClient;
  readonly session: Session;
  readonly signOut: () => void;
};

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (value === null) throw new Error("useApp outside <AppContext.Provider>");
  return value;
}

/** Pages each role may open (the server enforces the same rules; this only hides links). */
export const PAGE_ROLES = {
  patients: ["admin", "clinician"],
  cohort: ["admin", "clinician", "researcher"],
  "plan-check": ["admin", "clinician"],
  calculator: ["admin", "clinician", "researcher"],
  admin: ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export function canOpen(role: Role, page: keyof typeof PAGE_ROLES): boolean {
  return (PAGE_ROLES[page] as readonly Role[]).includes(role);
}
