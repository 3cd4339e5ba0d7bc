// Sign-in form. Errors (wrong password, rate limit, server down) appear above the form and are
// announced; the username field gets focus first.
import { type FormEvent, useState } from "react";
import type { ApiClient } from "../api/client.ts";
import { ApiError, describeError } from "../api/errors.ts";
import type { Session } from "../api/types.ts";
import { PageTitle } from "../components/PageTitle.tsx";

export function LoginPage({
  api,
  onSignedIn,
}: {
  readonly api: ApiClient;
  readonly onSignedIn: (session: Session) => void;
}) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (username.trim() === "" || password === "") {
      setError("Enter your username and your password.");
      return;
    }
    setBusy(true);
    setError(undefined);
    api.login(username.trim(), password).then(
      (session) => {
        setBusy(false);
        onSignedIn(session);
      },
      (err: unknown) => {
        setBusy(false);
        if (err instanceof ApiError && err.status === 401) setError("Username or password is not correct.");
        else setError(describeError(err));
      },
    );
  };

  return (
    <section className="login" aria-labelledby="login-title">
      <p className="brand brand-large">Oligoscope</p>
      <PageTitle takeFocus={false}>
        <span id="login-title">Sign in</span>
      </PageTitle>
      <p className="muted">Oligometastatic disease registry, classification, plan check and analytics.</p>
      {error !== undefined && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <form onSubmit={submit} noValidate className="form-stack">
        <div className="field">
          <label htmlFor="login-username">Username</label>
          <input
            id="login-username"
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            // biome-ignore lint/a11y/noAutofocus: the sign-in page has one task; focus the first field
            autoFocus
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">Password</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </div>
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </section>
  );
}
