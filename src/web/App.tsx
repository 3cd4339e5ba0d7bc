// The application shell: session check, sign-in, the top navigation and the page for the route.
// Heavy pages (editor, cohort analytics, plan check, calculator, admin) load on demand.
import { lazy, type ReactNode, Suspense, useCallback, useEffect, useMemo, useState } from "react";
import type { ApiClient } from "./api/client.ts";
import type { Session } from "./api/types.ts";
import { AppContext, type AppContextValue, canOpen, type PAGE_ROLES } from "./app-context.ts";
import { ErrorAlert, Loading } from "./components/Status.tsx";
import { navigate, useRoute } from "./hooks/use-route.ts";
import { hrefFor, type Route } from "./lib/route.ts";
import { clearSignedInHint, hasSignedInHint, setSignedInHint } from "./lib/session-hint.ts";
import { LoginPage } from "./pages/LoginPage.tsx";
import { NotFoundPage } from "./pages/NotFoundPage.tsx";
import { PatientListPage } from "./pages/PatientListPage.tsx";
import { PatientPage } from "./pages/PatientPage.tsx";

const PatientEditPage = lazy(() =>
  import("./pages/PatientEditPage.tsx").then((m) => ({ default: m.PatientEditPage })),
);
const CohortPage = lazy(() => import("./pages/CohortPage.tsx").then((m) => ({ default: m.CohortPage })));
const PlanCheckPage = lazy(() =>
  import("./pages/PlanCheckPage.tsx").then((m) => ({ default: m.PlanCheckPage })),
);
const CalculatorPage = lazy(() =>
  import("./pages/CalculatorPage.tsx").then((m) => ({ default: m.CalculatorPage })),
);
const AdminPage = lazy(() => import("./pages/AdminPage.tsx").then((m) => ({ default: m.AdminPage })));

/** Fired by the API client on a 401, so any page can return to the sign-in form. */
export const UNAUTHORIZED_EVENT = "oligoscope:unauthorized";

type NavItem = { readonly label: string; readonly page: keyof typeof PAGE_ROLES; readonly route: Route };

const NAV: readonly NavItem[] = [
  { label: "Patients", page: "patients", route: { page: "patients", query: {} } },
  { label: "Cohort", page: "cohort", route: { page: "cohort", query: {} } },
  { label: "Plan check", page: "plan-check", route: { page: "plan-check" } },
  { label: "BED/EQD2", page: "calculator", route: { page: "calculator", query: {} } },
  { label: "Admin", page: "admin", route: { page: "admin" } },
];

function navPageOf(route: Route): NavItem["page"] | undefined {
  switch (route.page) {
    case "patients":
    case "patient":
    case "patient-new":
    case "patient-edit":
      return "patients";
    case "cohort":
    case "plan-check":
    case "calculator":
    case "admin":
      return route.page;
    default:
      return undefined;
  }
}

export function App({ api }: { readonly api: ApiClient }) {
  // undefined while the session is being checked, null when signed out
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [bootError, setBootError] = useState<unknown>(undefined);
  const route = useRoute();

  useEffect(() => {
    // Without the hint there is no session to resume: skip the request (it would only 401).
    if (!hasSignedInHint()) {
      setSession(null);
      return;
    }
    api.me().then(
      (s) => {
        if (s === null) clearSignedInHint();
        setSession(s);
      },
      (err: unknown) => {
        setBootError(err);
        setSession(null);
      },
    );
  }, [api]);

  useEffect(() => {
    const onUnauthorized = (): void => {
      clearSignedInHint();
      setSession(null);
    };
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, []);

  const signOut = useCallback(() => {
    clearSignedInHint();
    api.logout().finally(() => {
      setSession(null);
      navigate({ page: "login" });
    });
  }, [api]);

  const onSignedIn = useCallback(
    (s: Session) => {
      setSignedInHint();
      setBootError(undefined);
      setSession(s);
      if (route.page === "login") {
        const next = route.next?.startsWith("/") ? `#${route.next}` : "#/";
        window.location.hash = next;
      }
    },
    [route],
  );

  const context = useMemo<AppContextValue | null>(
    () => (session ? { api, session, signOut } : null),
    [api, session, signOut],
  );

  if (session === undefined) {
    return (
      <main id="main" className="main">
        <Loading what="your session" />
      </main>
    );
  }
  if (session === null || context === null) {
    return (
      <main id="main" className="main main-narrow">
        {bootError !== undefined && <ErrorAlert error={bootError} />}
        <LoginPage api={api} onSignedIn={onSignedIn} />
      </main>
    );
  }
  return (
    <AppContext.Provider value={context}>
      <Shell session={session} route={route} onSignOut={signOut}>
        <Suspense fallback={<Loading what="the page" />}>
          <PageFor route={route} session={session} />
        </Suspense>
      </Shell>
    </AppContext.Provider>
  );
}

function Shell({
  session,
  route,
  onSignOut,
  children,
}: {
  readonly session: Session;
  readonly route: Route;
  readonly onSignOut: () => void;
  readonly children: ReactNode;
}) {
  const current = navPageOf(route);
  const { user } = session;
  return (
    <>
      {/* a button, not a link to #main: a hash link would change the route */}
      <button type="button" className="skip-link" onClick={() => document.getElementById("main")?.focus()}>
        Skip to content
      </button>
      <header className="topbar">
        <a className="brand" href="#/">
          Oligoscope
        </a>
        <nav aria-label="Main">
          <ul className="nav-list">
            {NAV.filter((item) => canOpen(user.role, item.page)).map((item) => (
              <li key={item.page}>
                <a href={hrefFor(item.route)} aria-current={current === item.page ? "page" : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="user-box">
          <span className="user-name">{user.username}</span>
          <span className="user-role">
            {user.role}
            {user.siteId !== null ? ` · site ${user.siteId}` : ""}
          </span>
          <button type="button" className="button-secondary button-small" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">
        Oligoscope 0.1 — research and decision-support software; every classification shows its reasons and
        must be checked by the treating team.
      </footer>
    </>
  );
}

function PageFor({ route, session }: { readonly route: Route; readonly session: Session }) {
  const role = session.user.role;
  useEffect(() => {
    if (route.page === "home" || route.page === "login") {
      const target: Route = canOpen(role, "patients")
        ? { page: "patients", query: {} }
        : { page: "cohort", query: {} };
      navigate(target, { replace: true });
    }
  }, [route, role]);

  switch (route.page) {
    case "home":
    case "login":
      return <Loading what="the start page" />;
    case "patients":
      return canOpen(role, "patients") ? (
        <PatientListPage query={route.query} />
      ) : (
        <ForbiddenPage role={role} what="The patient list" />
      );
    case "patient":
      return canOpen(role, "patients") ? (
        <PatientPage id={route.id} query={route.query} />
      ) : (
        <ForbiddenPage role={role} what="Patient records" />
      );
    case "patient-new":
      return canOpen(role, "patients") ? (
        <PatientEditPage id={undefined} />
      ) : (
        <ForbiddenPage role={role} what="Patient records" />
      );
    case "patient-edit":
      return canOpen(role, "patients") ? (
        <PatientEditPage id={route.id} />
      ) : (
        <ForbiddenPage role={role} what="Patient records" />
      );
    case "cohort":
      return <CohortPage query={route.query} />;
    case "plan-check":
      return canOpen(role, "plan-check") ? (
        <PlanCheckPage />
      ) : (
        <ForbiddenPage role={role} what="The plan check" />
      );
    case "calculator":
      return <CalculatorPage query={route.query} />;
    case "admin":
      return canOpen(role, "admin") ? <AdminPage /> : <ForbiddenPage role={role} what="Administration" />;
    case "not-found":
      return <NotFoundPage path={route.path} />;
  }
}

function ForbiddenPage({ role, what }: { readonly role: string; readonly what: string }) {
  return (
    <section>
      <h1 className="page-title">Not available for your role</h1>
      <p>
        {what} cannot be opened with the role <strong>{role}</strong>. Researchers see de-identified cohort
        analytics only; ask an administrator if you need another role.
      </p>
    </section>
  );
}
