// Finds and launches Debian's Chromium for the e2e tests (playwright-core ships no browser).
// Without Chromium the tests skip with a notice, except under CI=true, where they must run.
import { existsSync } from "node:fs";
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium } from "playwright-core";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** Path of the Chromium binary: OLIGOSCOPE_CHROMIUM, else the usual Debian paths. */
export function chromiumPath(): string | undefined {
  const fromEnv = process.env["OLIGOSCOPE_CHROMIUM"];
  if (fromEnv !== undefined && fromEnv !== "") return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

const isCi = (): boolean => process.env["CI"] === "true" || process.env["CI"] === "1";

/**
 * Options for node:test's describe(): skip with a visible notice when Chromium is missing and CI
 * is not set. Under CI a missing Chromium is an error (the suite must not pass by skipping).
 */
export function needsChromium(): { skip: string | false } {
  if (chromiumPath() !== undefined) return { skip: false };
  if (isCi()) {
    throw new Error(
      "CI=true but Chromium was not found (install the Debian package chromium, or set OLIGOSCOPE_CHROMIUM)",
    );
  }
  const msg = "Chromium not found (apt-get install chromium, or set OLIGOSCOPE_CHROMIUM): e2e tests skipped";
  process.stderr.write(`NOTICE: ${msg}\n`);
  return { skip: msg };
}

export type LaunchedBrowser = { readonly browser: Browser; close(): Promise<void> };

/**
 * Headless Chromium (flags of the project brief: no network chatter, no GPU). Playwright starts
 * every launch with a fresh temporary profile and deletes it on close.
 */
export async function launchChromium(): Promise<LaunchedBrowser> {
  const executablePath = chromiumPath();
  if (executablePath === undefined) throw new Error("Chromium not found");
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/** A new isolated context at laptop size (1440 × 900), optionally with a saved session. */
export function newLaptopContext(
  browser: Browser,
  storageState?: BrowserContextOptions["storageState"],
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: "en-GB",
    timezoneId: "Europe/Brussels",
    ...(storageState !== undefined ? { storageState } : {}),
  });
}
