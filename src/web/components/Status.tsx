// Loading, error and empty states shown the same way on every page.

import type { ReactNode } from "react";
import { ApiError, describeError } from "../api/errors.ts";

export function Loading({ what }: { readonly what: string }) {
  return (
    <p className="status" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function ErrorAlert({ error, onRetry }: { readonly error: unknown; readonly onRetry?: () => void }) {
  const issues = error instanceof ApiError ? error.issues : [];
  return (
    <div className="alert alert-error" role="alert">
      <p>{describeError(error)}</p>
      {issues.length > 0 && (
        <ul>
          {issues.map((i) => (
            <li key={`${i.path}:${i.code}:${i.message}`}>
              {i.path === "" ? "" : <code>{i.path}</code>} {i.message}
            </li>
          ))}
        </ul>
      )}
      {onRetry !== undefined && (
        <button type="button" className="button-secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { readonly children: ReactNode }) {
  return <p className="empty">{children}</p>;
}
