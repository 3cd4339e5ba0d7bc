// The current hash route, updated on navigation (links, back/forward, navigate()).
import { useEffect, useState } from "react";
import { hrefFor, parseRoute, type Route } from "../lib/route.ts";

export function currentRoute(): Route {
  return parseRoute(window.location.hash);
}

export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(currentRoute);
  useEffect(() => {
    const onChange = (): void => setRoute(currentRoute());
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}

/** Goes to a route; `replace` keeps the history entry (filter changes, redirects). */
export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const href = hrefFor(route);
  if (options.replace === true) {
    const url = `${window.location.pathname}${window.location.search}${href}`;
    window.history.replaceState(null, "", url);
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  } else if (window.location.hash !== href) {
    window.location.hash = href;
  }
}
