// End-to-end tests of the web app in Chromium (playwright-core driving Debian's chromium) against
// the real server: sign in as each role, open a patient and read the classification reasons,
// edit a lesion (inline validation first) and see the state change, open the cohort curves,
// check the Eclipse prostate plan, use the calculator and the keyboard. Any console error fails
// the test. Screenshots: test-results/e2e/*.png.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { ApiClient } from "../../src/web/api/client.ts";
import { needsSharedData, sharedDataPath } from "../support/shared-data.ts";
import { type LaunchedBrowser, launchChromium, needsChromium, newLaptopContext } from "./support/chromium.ts";
import { cookieFetch, PERSISTENCE_PATIENT } from "./support/fixtures.ts";
import { type ConsoleWatch, screenshot, signIn, watchConsole } from "./support/page-checks.ts";
import { planFilePaths } from "./support/plan-files.ts";
import { ACCOUNTS, startTestServer, type TestServer } from "./support/server.ts";

type StorageState = Exclude<BrowserContextOptions["storageState"], string | undefined>;

let server: TestServer;
let failures = 0;
let chromium: LaunchedBrowser;

type Role = keyof typeof ACCOUNTS;

/**
 * Signed-in browser state (the session cookie) per role, made once through the sign-in form. The
 * server allows 5 login attempts a minute per IP and username, so tests that are not about
 * signing in reuse the session instead of signing in again.
 */
const sessions = new Map<Role, StorageState>();

async function sessionOf(role: Role): Promise<StorageState> {
  const known = sessions.get(role);
  if (known !== undefined) return known;
  const context = await newLaptopContext(chromium.browser);
  try {
    const page = await context.newPage();
    await signIn(page, server.url, ACCOUNTS[role]);
    const state = await context.storageState();
    sessions.set(role, state);
    return state;
  } finally {
    await context.close();
  }
}

/**
 * A fresh context and page for one test (signed in as `role` when given, at the app's start
 * page), with the console watched; closes when `fn` ends.
 */
async function withPage(
  role: Role | undefined,
  fn: (page: Page, watch: ConsoleWatch) => Promise<void>,
): Promise<void> {
  const browser: Browser = chromium.browser;
  const storageState = role === undefined ? undefined : await sessionOf(role);
  const context = await newLaptopContext(browser, storageState);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const watch = watchConsole(page);
  try {
    await fn(page, watch).catch(async (err: unknown) => {
      // the page as it was when the step failed, next to the other artefacts
      failures += 1;
      await screenshot(page, `failed-${failures}`).catch(() => undefined);
      // what the browser reported is often the cause (an uncaught error, a failed request)
      try {
        watch.assertClean();
      } catch (problems) {
        const what = err instanceof Error ? err.message : String(err);
        throw new Error(`${what}\n${(problems as Error).message}`, { cause: err });
      }
      throw err;
    });
    watch.assertClean();
  } finally {
    await context.close();
  }
}

describe("web app in Chromium", { ...needsChromium(), timeout: 300_000 }, () => {
  before(async () => {
    server = await startTestServer();
    // the record the patient tests use, registered through the API as a clinician would
    const api = new ApiClient({ baseUrl: server.url, fetch: cookieFetch() });
    await api.login(ACCOUNTS.clinician.username, ACCOUNTS.clinician.password);
    await api.createPatient(PERSISTENCE_PATIENT);
    chromium = await launchChromium();
  });
  after(async () => {
    await chromium?.close();
    await server?.stop();
  });

  test("each role signs in and sees the pages of its role", async () => {
    const expectations = {
      admin: { landing: "Patients", nav: ["Patients", "Cohort", "Plan check", "BED/EQD2", "Admin"] },
      clinician: { landing: "Patients", nav: ["Patients", "Cohort", "Plan check", "BED/EQD2"] },
      researcher: { landing: "Cohort", nav: ["Cohort", "BED/EQD2"] },
    } as const;
    for (const role of ["admin", "clinician", "researcher"] as const) {
      await withPage(undefined, async (page) => {
        await page.goto(`${server.url}/`);
        await page.getByRole("heading", { name: "Sign in" }).waitFor();
        await screenshot(page, "01-sign-in");
        await signIn(page, server.url, ACCOUNTS[role]);
        await page.getByRole("heading", { level: 1, name: expectations[role].landing }).waitFor();
        const nav = page.getByRole("navigation", { name: "Main" });
        const links = await nav.getByRole("link").allTextContents();
        assert.deepEqual(links, [...expectations[role].nav], `${role} navigation`);
        assert.equal(await page.locator(".user-name").textContent(), ACCOUNTS[role].username);
        assert.match((await page.locator(".user-role").textContent()) ?? "", new RegExp(`^${role}`));
        await screenshot(page, `02-landing-${role}`);
        if (role === "researcher") {
          // a patient link typed by hand: the page explains instead of failing
          await page.goto(`${server.url}/#/patients`);
          await page.getByRole("heading", { name: "Not available for your role" }).waitFor();
        }
        await page.getByRole("button", { name: "Sign out" }).click();
        await page.getByRole("heading", { name: "Sign in" }).waitFor();
      });
    }
  });

  test("a wrong password is refused with a message", async () => {
    await withPage(undefined, async (page, watch) => {
      await page.goto(`${server.url}/`);
      await page.getByLabel("Username").fill(ACCOUNTS.researcher.username);
      await page.getByLabel("Password").fill("wrong-password-123");
      watch.expectHttpError(401);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("alert").getByText("Username or password is not correct.").waitFor();
    });
  });

  test("a clinician finds a patient and reads the classification and its reasons", async () => {
    await withPage("clinician", async (page) => {
      await page.goto(`${server.url}/`);
      await page.getByRole("searchbox", { name: "Search" }).fill("Persistence");
      const row = page.getByRole("row", { name: /Testpatient Persistence/ });
      await row.waitFor();
      await row.getByText("Repeat oligopersistence").waitFor();
      await screenshot(page, "03-patient-list");
      await row.getByRole("link", { name: "Testpatient Persistence" }).click();

      await page.getByRole("heading", { level: 1, name: "Testpatient Persistence" }).waitFor();
      const cls = page.getByRole("region", { name: "ESTRO/EORTC 2020 classification" });
      await cls.getByText("Repeat oligopersistence").first().waitFor();
      const reasons = cls.getByRole("list").first();
      const steps = await reasons.getByRole("listitem").allTextContents();
      assert.ok(
        steps.some((s) => s.startsWith("Q2 history of OMD: yes")),
        steps.join("\n"),
      );
      assert.ok(
        steps.some((s) => s.startsWith("Q5 progression of any metastatic lesion on current imaging: no")),
        steps.join("\n"),
      );
      // first OMD diagnosis shown beside the current state (A3)
      await cls.getByRole("heading", { name: /At the first OMD diagnosis/ }).waitFor();
      await cls.getByText("De-novo synchronous OMD").waitFor();
      // definitions and the swimmer timeline
      await page
        .getByRole("region", { name: "OMD definitions" })
        .getByText("ESTRO-ASTRO", { exact: false })
        .first()
        .waitFor();
      await page.getByRole("img", { name: /Swimmer timeline of Testpatient Persistence/ }).waitFor();
      await screenshot(page, "04-patient-page");

      // reclassify as of an earlier date
      await page.getByLabel("As of", { exact: true }).fill("2023-03-01");
      await page.getByRole("button", { name: "Reclassify" }).click();
      await cls.getByText("De-novo synchronous OMD").first().waitFor();
      await screenshot(page, "05-patient-as-of");
    });
  });

  test("a clinician filters the patient list by state and primary; the address keeps the filters", async () => {
    await withPage("clinician", async (page) => {
      await page.goto(`${server.url}/#/patients`);
      const status = page.getByText(/^Showing 1–\d+ of \d+ patients?$/);
      await status.waitFor();
      const all = Number(/of (\d+)/.exec((await status.textContent()) ?? "")?.[1]);
      await page.getByLabel("ESTRO/EORTC state").selectOption("REPEAT_OLIGOPROGRESSION");
      await page.getByLabel("Primary", { exact: true }).selectOption("prostate");
      await page.waitForURL(/state=REPEAT_OLIGOPROGRESSION/);
      assert.match(page.url(), /primarySite=prostate/);
      // the list reloads with the filters: every row is a site-a prostate patient in that state
      await page.waitForFunction(() => {
        const rows = [...document.querySelectorAll("main table tbody tr")];
        return (
          rows.length > 0 &&
          rows.every(
            (r) =>
              r.textContent?.includes("Repeat oligoprogression") === true &&
              r.textContent.includes("Prostate cancer"),
          )
        );
      });
      const filtered = Number(/of (\d+)/.exec((await status.textContent()) ?? "")?.[1]);
      assert.ok(filtered > 0 && filtered < all, `${filtered} of ${all} patients`);
      const table = page.getByRole("table").first();
      await table.locator("tbody tr").first().waitFor();
      const rows = await table.locator("tbody tr").allInnerTexts();
      assert.ok(
        rows.length > 0,
        "the demo registry has prostate patients in repeat oligoprogression at site-a",
      );
      for (const row of rows) {
        assert.match(row, /Prostate cancer/, row);
        assert.match(row, /Repeat oligoprogression/, row);
        assert.match(row, /site-a/, row);
      }
      await screenshot(page, "03b-patient-list-filtered");
      // the address restores the filters (a shared link, the back button)
      await page.reload();
      assert.equal(await page.getByLabel("ESTRO/EORTC state").inputValue(), "REPEAT_OLIGOPROGRESSION");
      assert.equal(await page.getByLabel("Primary", { exact: true }).inputValue(), "prostate");
    });
  });

  test("an admin verifies the audit log and sees the accounts and the latest entries", async () => {
    await withPage("admin", async (page) => {
      await page.goto(`${server.url}/#/admin`);
      await page.getByRole("heading", { level: 1, name: "Administration" }).waitFor();
      await page.getByText("database: sqlite", { exact: false }).waitFor();
      const users = page.getByRole("table", { name: "User accounts" });
      for (const name of ["admin", "clinician", "researcher"]) {
        await users.getByRole("rowheader", { name, exact: true }).waitFor();
      }
      await page.getByRole("button", { name: "Verify audit log" }).click();
      await page
        .getByRole("status")
        .filter({ hasText: /✓ Intact: \d+ entries verified/ })
        .waitFor();
      const audit = page.getByRole("table", { name: /most recent audit entries/ });
      await audit.getByText("auth.login").first().waitFor();
      await screenshot(page, "13-admin");
    });
  });

  test("editing a lesion shows inline errors, then changes the state", async () => {
    await withPage("clinician", async (page) => {
      page.on("dialog", (d) => void d.accept());
      await page.goto(`${server.url}/#/patients/${PERSISTENCE_PATIENT.id}/edit`);
      await page.getByRole("heading", { level: 1, name: /Edit Testpatient Persistence/ }).waitFor();
      const study = page.getByRole("group", { name: /^Study S2 of 2023-09-01/ });
      const lesion = study.getByRole("group", { name: "Lesion H1 (liver)" });
      const size = lesion.getByLabel("Longest diameter (mm)");
      await size.fill("twenty");
      await size.blur();
      const error = lesion.getByText("must be a number", { exact: false });
      await error.waitFor();
      assert.equal(await size.getAttribute("aria-invalid"), "true");
      await screenshot(page, "06-editor-inline-error");

      // saving with the error shows the summary and does not leave the page
      await page.getByRole("button", { name: "Save changes" }).click();
      const summary = page.getByRole("alert").filter({ hasText: "to correct before saving" });
      await summary.waitFor();
      await summary.getByRole("button", { name: /imagingStudies\[1\]\.lesions\[1\]\.sizeMm/ }).click();
      assert.equal(
        await size.evaluate((el) => el === document.activeElement),
        true,
        "summary focuses the field",
      );

      await size.fill("20");
      await error.waitFor({ state: "detached" });
      await lesion.getByLabel("Status on this study").selectOption("progressing");
      await screenshot(page, "07-editor-fixed");
      await page.getByRole("button", { name: "Save changes" }).click();

      await page.getByRole("heading", { level: 1, name: "Testpatient Persistence" }).waitFor();
      const cls = page.getByRole("region", { name: "ESTRO/EORTC 2020 classification" });
      await cls.getByText("Repeat oligoprogression").first().waitFor();
      const steps = await cls.getByRole("list").first().getByRole("listitem").allTextContents();
      assert.ok(
        steps.some((s) => s.includes("H1 liver") && s.includes("oligoprogression")),
        steps.join("\n"),
      );
      await screenshot(page, "08-patient-after-edit");
    });
  });

  test("a new record is checked before it is sent: every missing required field is listed", async () => {
    await withPage("clinician", async (page) => {
      await page.goto(`${server.url}/#/patients`);
      await page.getByRole("link", { name: "New patient" }).click();
      await page.getByRole("heading", { level: 1, name: "New patient" }).waitFor();
      let posted = false;
      page.on("request", (r) => {
        if (r.method() === "POST" && r.url().endsWith("/api/patients")) posted = true;
      });
      await page.getByRole("button", { name: "Register patient" }).click();
      const summary = page.getByRole("alert").filter({ hasText: "to correct before saving" });
      await summary.waitFor();
      const items = await summary.getByRole("button").allTextContents();
      assert.ok(items.length >= 2, items.join("\n"));
      assert.ok(
        items.some((t) => t.includes("id")),
        items.join("\n"),
      );
      assert.equal(posted, false, "nothing is sent while the form has errors");
      await screenshot(page, "06b-new-patient-errors");
    });
  });

  test("a researcher opens the cohort curves", async () => {
    await withPage("researcher", async (page) => {
      await page.goto(`${server.url}/`);
      await page.getByRole("heading", { level: 1, name: "Cohort" }).waitFor();
      await page.getByRole("img", { name: /Overall survival, Kaplan–Meier estimate/ }).waitFor();
      await page.getByText("Number at risk", { exact: true }).waitFor();
      const legend = await page.getByRole("group", { name: "Groups" }).getByRole("checkbox").count();
      assert.ok(legend >= 5, `curves by ESTRO/EORTC state: ${legend} groups`);
      await page.getByText(/Log-rank test: χ² = /).waitFor();
      await page.getByRole("table", { name: /^Hazard ratios \(Cox model; reference: / }).waitFor();
      await page.getByRole("table", { name: /Median overall survival/ }).waitFor();
      await screenshot(page, "09-cohort-os");
      await page.getByLabel("Endpoint").selectOption("pfs");
      await page.getByRole("img", { name: /Progression-free survival, Kaplan–Meier estimate/ }).waitFor();
      await page.getByLabel("Curves by").selectOption("primarySite");
      await page.getByRole("heading", { name: /Progression-free survival by primary tumour/ }).waitFor();
      await page.getByRole("img", { name: /Progression-free survival, Kaplan–Meier estimate/ }).waitFor();
      await screenshot(page, "10-cohort-pfs-primary");
    });
  });

  test(
    "a clinician checks the Eclipse prostate plan and sees its constraint table",
    needsSharedData("dicom-rt", "eclipse-prostate-slicerrt"),
    async () => {
      const dir = sharedDataPath("dicom-rt", "eclipse-prostate-slicerrt");
      assert.ok(dir);
      const files = planFilePaths(dir);
      await withPage("clinician", async (page) => {
        await page.goto(`${server.url}/`);
        await page
          .getByRole("navigation", { name: "Main" })
          .getByRole("link", { name: "Plan check" })
          .click();
        await page.getByRole("heading", { level: 1, name: "Plan check" }).waitFor();
        await page.getByLabel("RTDOSE").setInputFiles(files.rtdose);
        await page.getByLabel("RTSTRUCT").setInputFiles(files.rtstruct);
        await page.getByLabel("RTPLAN (optional)").setInputFiles(files.rtplan);
        await page.getByLabel("Fractions", { exact: true }).fill("5");
        await page.getByRole("button", { name: "Check plan" }).click();
        const table = page.getByRole("table", { name: "Organ-at-risk constraints" });
        // the result, or the error the page shows instead (fails at once, with the server's words)
        await table.or(page.getByRole("alert")).first().waitFor({ timeout: 120_000 });
        if (!(await table.isVisible())) {
          assert.fail(`plan check failed: ${await page.getByRole("alert").first().textContent()}`);
        }
        const rows = await table.getByRole("row").count();
        assert.ok(rows > 1, "constraint rows");
        await table.getByText("Rectum").first().waitFor();
        // the summary counts what the table shows (a failed mandatory limit counts as failed)
        const failedRows = await table.locator("tbody tr td.status-fail").count();
        const passedRows = await table.locator("tbody tr td.status-pass").count();
        await page.getByText(`✗ ${failedRows} failed`).waitFor();
        await page.getByText(`✓ ${passedRows} passed`).waitFor();
        assert.ok(failedRows + passedRows > 0, "at least one constraint evaluated");
        await page.getByRole("img", { name: "Cumulative dose-volume histograms" }).waitFor();
        await page
          .getByRole("table", { name: "Structures" })
          .getByRole("rowheader", { name: "Bladder", exact: true })
          .waitFor();
        await screenshot(page, "11-plan-check");
      });
    },
  );

  test("the BED/EQD2 calculator gives the clinical-reference values", async () => {
    await withPage("clinician", async (page) => {
      await page.goto(`${server.url}/`);
      await page.goto(`${server.url}/#/calculator`);
      await page.getByLabel("Total dose (Gy)").fill("54");
      await page.getByLabel("Fractions", { exact: true }).fill("3");
      // clinical-reference 3.3: 54 Gy / 3 -> BED10 151.20, EQD2 126.00; iso-effective 65.47 Gy / 5
      await page.getByText("151.20 Gy").first().waitFor();
      await page.getByText("126.00 Gy").first().waitFor();
      await page.getByRole("row", { name: /^5 13\.09 65\.47$/ }).waitFor();
      await page.getByLabel("Fractions", { exact: true }).fill("0");
      await page.getByText("Correct the highlighted fields", { exact: false }).waitFor();
      assert.equal(await page.getByLabel("Fractions", { exact: true }).getAttribute("aria-invalid"), "true");
      await page.getByLabel("Fractions", { exact: true }).fill("5");
      await page.getByLabel("Total dose (Gy)").fill("50");
      // 50 Gy / 5: BED10 = 100.00 exactly, meets the threshold (Onishi 2004)
      await page.getByText("meets the BED10", { exact: false }).waitFor();
      await screenshot(page, "12-calculator");
    });
  });

  test("the app can be used from the keyboard", async () => {
    await withPage(undefined, async (page) => {
      await page.goto(`${server.url}/`);
      // the sign-in form takes the cursor when it appears (after the session check)
      await page.getByRole("heading", { name: "Sign in" }).waitFor();
      await page.waitForFunction(() => document.activeElement?.tagName === "INPUT");
      assert.equal(
        await page.evaluate(() => (document.activeElement as HTMLInputElement).autocomplete),
        "username",
        "the username field has the focus",
      );
      await page.keyboard.type(ACCOUNTS.clinician.username);
      await page.keyboard.press("Tab");
      await page.keyboard.type(ACCOUNTS.clinician.password);
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { level: 1, name: "Patients" }).waitFor();
      assert.equal(
        await page.evaluate(() => document.activeElement?.tagName),
        "H1",
        "focus on the new page's title",
      );
      // on a fresh load the skip link is the first stop and moves focus to the main content
      await page.reload();
      await page.getByRole("heading", { level: 1, name: "Patients" }).waitFor();
      await page.keyboard.press("Tab");
      const first = await page.evaluate(() => document.activeElement?.textContent ?? "");
      assert.equal(first.trim(), "Skip to content");
      await page.keyboard.press("Enter");
      assert.equal(await page.evaluate(() => document.activeElement?.id), "main");
      // search, then a visible focus ring on the result's link
      await page.getByRole("searchbox", { name: "Search" }).focus();
      await page.keyboard.type("Persistence");
      await page.getByRole("row", { name: /Testpatient Persistence/ }).waitFor();
      await page.getByRole("link", { name: "Testpatient Persistence" }).focus();
      const outline = await page.evaluate(
        () => getComputedStyle(document.activeElement as Element).outlineStyle,
      );
      assert.equal(outline, "solid");
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { level: 1, name: "Testpatient Persistence" }).waitFor();
      assert.equal(
        await page.evaluate(() => document.activeElement?.tagName),
        "H1",
        "focus moves to the new page's title",
      );
    });
  });
});
