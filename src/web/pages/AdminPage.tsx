// Administration: server health, audit-log verification and user accounts.
import { type FormEvent, type ReactElement, useId, useState } from "react";
import { ApiError, describeError } from "../api/errors.ts";
import type { AuditVerification, Role } from "../api/types.ts";
import { useApp } from "../app-context.ts";
import { PageTitle } from "../components/PageTitle.tsx";
import { ErrorAlert, Loading } from "../components/Status.tsx";
import { useAsync } from "../hooks/use-async.ts";
import { auditDetailsText } from "../lib/audit-details.ts";
import { fmtTimestamp } from "../lib/format.ts";

const ROLES: readonly Role[] = ["clinician", "researcher", "admin"];

export function AdminPage() {
  const { api } = useApp();
  const health = useAsync(() => api.health(), []);
  const users = useAsync(() => api.users(), []);
  const [audit, setAudit] = useState<AuditVerification | undefined>();
  const [auditError, setAuditError] = useState<unknown>(undefined);
  const [auditBusy, setAuditBusy] = useState(false);

  return (
    <section>
      <PageTitle>Administration</PageTitle>
      <div className="two-col">
        <section className="card" aria-labelledby="adm-health">
          <h2 id="adm-health">Server</h2>
          {health.status === "error" && <ErrorAlert error={health.error} onRetry={health.reload} />}
          {health.data === undefined && health.status === "loading" && <Loading what="server health" />}
          {health.data !== undefined && (
            <p>
              {health.data.ok ? "Running" : "Not healthy"}; database: <strong>{health.data.database}</strong>
            </p>
          )}
          <h3>Audit log</h3>
          <p className="muted">
            Checks the hash chain of every audit entry (a changed or removed entry breaks it).
          </p>
          <button
            type="button"
            className="button-secondary"
            disabled={auditBusy}
            onClick={() => {
              setAuditBusy(true);
              setAuditError(undefined);
              api.verifyAudit().then(
                (r) => {
                  setAuditBusy(false);
                  setAudit(r);
                },
                (err: unknown) => {
                  setAuditBusy(false);
                  setAuditError(err);
                },
              );
            }}
          >
            {auditBusy ? "Verifying…" : "Verify audit log"}
          </button>
          {auditError !== undefined && <ErrorAlert error={auditError} />}
          {audit !== undefined && (
            <p role="status" className={audit.ok ? "status-pass" : "status-fail"}>
              {audit.ok
                ? `✓ Intact: ${audit.entries} entries verified.`
                : `✗ Broken at entry ${audit.firstBadEntry ?? "?"} of ${audit.entries}${audit.reason ? `: ${audit.reason}` : ""}.`}
            </p>
          )}
        </section>
        <section className="card" aria-labelledby="adm-users">
          <h2 id="adm-users">Users</h2>
          {users.status === "error" && <ErrorAlert error={users.error} onRetry={users.reload} />}
          {users.data === undefined && users.status === "loading" && <Loading what="users" />}
          {users.data !== undefined && (
            <table className="data-table compact">
              <caption className="visually-hidden">User accounts</caption>
              <thead>
                <tr>
                  <th scope="col">Username</th>
                  <th scope="col">Role</th>
                  <th scope="col">Site</th>
                  <th scope="col">Created</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {users.data.map((u) => (
                  <tr key={u.username}>
                    <th scope="row">{u.username}</th>
                    <td>{u.role}</td>
                    <td>{u.siteId ?? "—"}</td>
                    <td>{fmtTimestamp(u.createdAt)}</td>
                    <td>{u.disabled ? "disabled" : "active"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <NewUserForm onCreated={users.reload} />
        </section>
      </div>
      <RecentAudit />
    </section>
  );
}

/** The latest audit entries (who did what to which record), newest first. */
function RecentAudit() {
  const { api } = useApp();
  const entries = useAsync(() => api.auditEntries({ limit: 50 }), []);
  return (
    <section className="card audit-card" aria-labelledby="adm-audit">
      <h2 id="adm-audit">Recent audit entries</h2>
      {entries.status === "error" && <ErrorAlert error={entries.error} onRetry={entries.reload} />}
      {entries.data === undefined && entries.status === "loading" && <Loading what="audit entries" />}
      {entries.data !== undefined && (
        <>
          <button type="button" className="button-secondary" onClick={entries.reload}>
            Refresh
          </button>
          <table className="data-table compact">
            <caption className="visually-hidden">The 50 most recent audit entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Time</th>
                <th scope="col">User</th>
                <th scope="col">Action</th>
                <th scope="col">Resource</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {entries.data.map((e) => (
                <tr key={e.seq}>
                  <th scope="row">{e.seq}</th>
                  <td>{fmtTimestamp(e.at)}</td>
                  <td>
                    {e.actor}
                    {e.role !== null && <span className="muted"> ({e.role})</span>}
                  </td>
                  <td>{e.action}</td>
                  <td>{e.resource ?? "—"}</td>
                  <td className="audit-details">{auditDetailsText(e.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function NewUserForm({ onCreated }: { readonly onCreated: () => void }) {
  const { api } = useApp();
  const id = useId();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>("clinician");
  const [siteId, setSiteId] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | undefined>(undefined);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (username.trim() === "") found["username"] = "Enter a username.";
    if (password.length < 12) found["password"] = "Use at least 12 characters.";
    if (role === "clinician" && siteId.trim() === "") found["siteId"] = "A clinician needs a site.";
    setErrors(found);
    setMessage(undefined);
    if (Object.keys(found).length > 0) return;
    api
      .createUser({
        username: username.trim(),
        password,
        role,
        siteId: siteId.trim() === "" ? null : siteId.trim(),
      })
      .then(
        (u) => {
          setMessage(`Created ${u.username} (${u.role}).`);
          setUsername("");
          setPassword("");
          onCreated();
        },
        (err: unknown) => {
          if (err instanceof ApiError && err.issues.length > 0) {
            setErrors(Object.fromEntries(err.issues.map((i) => [i.path, i.message])));
          } else {
            setMessage(`Could not create the user: ${describeError(err)}`);
          }
        },
      );
  };

  const field = (key: string, label: string, input: ReactElement) => (
    <div className={`field ${errors[key] !== undefined ? "field-invalid" : ""}`}>
      <label htmlFor={`${id}-${key}`}>{label}</label>
      {input}
      {errors[key] !== undefined && (
        <p className="field-error" id={`${id}-${key}-err`}>
          {errors[key]}
        </p>
      )}
    </div>
  );
  const a11y = (key: string) => ({
    id: `${id}-${key}`,
    "aria-invalid": errors[key] !== undefined,
    "aria-describedby": errors[key] !== undefined ? `${id}-${key}-err` : undefined,
  });

  return (
    <form onSubmit={submit} noValidate className="form-stack subsection" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>New user</h3>
      <div className="field-grid">
        {field(
          "username",
          "Username",
          <input
            {...a11y("username")}
            autoComplete="off"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />,
        )}
        {field(
          "password",
          "Initial password",
          <input
            {...a11y("password")}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />,
        )}
        {field(
          "role",
          "Role",
          <select {...a11y("role")} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>,
        )}
        {field(
          "siteId",
          "Site",
          <input {...a11y("siteId")} value={siteId} onChange={(e) => setSiteId(e.target.value)} />,
        )}
      </div>
      <div>
        <button type="submit" className="button-primary">
          Create user
        </button>
        {message !== undefined && (
          <span role="status" className="status">
            {" "}
            {message}
          </span>
        )}
      </div>
    </form>
  );
}
