// Helpers for e2e pages: every console error and uncaught exception fails the test (except HTTP
// error statuses a step expects, e.g. a 400 when saving an invalid record), screenshots go to
// test-results/e2e/ as artefacts, and signing in goes through the real form.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { repoRoot } from "../../../scripts/build-web.ts";
import type { TestAccount } from "./server.ts";

export const SCREENSHOT_DIR = join(repoRoot, "test-results", "e2e");

export type ConsoleWatch = {
  /** allow Chromium's "Failed to load resource: … status of <status>" for the next matching response */
  expectHttpError(status: number): void;
  /** throws when anything unexpected was logged */
  assertClean(): void;
};

/** Collects console errors, page errors and failed requests of a page. */
export function watchConsole(page: Page): ConsoleWatch {
  const problems: string[] = [];
  const allowed: number[] = [];
  page.on("console", (msg) => {
    if (msg.type() !== "error" && msg.type() !== "warning") return;
    const text = msg.text();
    const m = /Failed to load resource: the server responded with a status of (\d{3})/.exec(text);
    if (m !== null) {
      const i = allowed.indexOf(Number(m[1]));
      if (i !== -1) {
        allowed.splice(i, 1);
        return;
      }
    }
    // React's development warnings never reach the production build; anything else is a bug
    problems.push(`console.${msg.type()}: ${text} (${msg.location().url})`);
  });
  page.on("pageerror", (err) => problems.push(`uncaught: ${err.message}`));
  page.on("requestfailed", (req) => {
    const failure = req.failure()?.errorText ?? "";
    // downloads and navigations cancelled by the test are not failures
    if (failure.includes("ERR_ABORTED")) return;
    problems.push(`request failed: ${req.method()} ${req.url()} ${failure}`);
  });
  return {
    expectHttpError: (status) => {
      allowed.push(status);
    },
    assertClean: () => {
      if (problems.length > 0) throw new Error(`browser reported problems:\n${problems.join("\n")}`);
    },
  };
}

/** Full-page screenshot test-results/e2e/<name>.png (kept as a test artefact). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Opens the app and signs in through the form; resolves when the first page's title is shown. */
export async function signIn(page: Page, baseUrl: string, account: TestAccount): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel("Username").fill(account.username);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}
