// A "signed in" hint in localStorage (no secret: the session itself is an HttpOnly cookie).
// Without it the app shows the sign-in form at once instead of asking /api/auth/me for a
// session that cannot exist, which would only produce a 401.
const KEY = "oligoscope.signedIn";

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage disabled by the browser
  }
}

export function hasSignedInHint(): boolean {
  return storage()?.getItem(KEY) === "1";
}

export function setSignedInHint(): void {
  storage()?.setItem(KEY, "1");
}

export function clearSignedInHint(): void {
  storage()?.removeItem(KEY);
}
