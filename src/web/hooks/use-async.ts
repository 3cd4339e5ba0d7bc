// Loads data for a page: {status, data, error, reload}. A newer request wins over an older one
// still in flight (typing in a search box must not show the results of an earlier query).
import { type DependencyList, useCallback, useEffect, useRef, useState } from "react";

export type AsyncState<T> =
  | { readonly status: "loading"; readonly data: T | undefined; readonly error: undefined }
  | { readonly status: "ready"; readonly data: T; readonly error: undefined }
  | { readonly status: "error"; readonly data: T | undefined; readonly error: unknown };

export type AsyncResult<T> = AsyncState<T> & { readonly reload: () => void };

export function useAsync<T>(load: () => Promise<T>, deps: DependencyList): AsyncResult<T> {
  const [state, setState] = useState<AsyncState<T>>({ status: "loading", data: undefined, error: undefined });
  const [nonce, setNonce] = useState(0);
  const latest = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists the inputs of `load` in deps
  useEffect(() => {
    const ticket = ++latest.current;
    setState((s) => ({ status: "loading", data: s.data, error: undefined }));
    load().then(
      (data) => {
        if (ticket === latest.current) setState({ status: "ready", data, error: undefined });
      },
      (error: unknown) => {
        if (ticket === latest.current) setState((s) => ({ status: "error", data: s.data, error }));
      },
    );
  }, [...deps, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { ...state, reload };
}
