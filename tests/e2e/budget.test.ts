/**
 * The JavaScript budget of the citizens' pages (docs/performance.md): at most 150 kB compressed on a
 * first visit, as the browser receives it. A size, not a timing: it fails when a page starts
 * shipping a library it does not need (zod, ~100 kB compressed, did until every schema was defined
 * with defineSchema, app/forms/plain.ts).
 */
import { expect, type Page, test } from "@playwright/test";
import { CITIZEN_COOKIE, citizenLogin } from "./http-login";

const JS_BUDGET = 150_000;

const ANONYMOUS = ["/", "/simulateur", "/connexion", "/accessibilite", "/plan-du-site"];
// The form's four steps are one route (one bundle): its first step stands for them.
const LOGGED_IN = ["/mon-compte", "/demande/identite", "/mes-demandes"];

/** Compressed bytes of the app's scripts the page loaded. */
async function scriptBytes(page: Page): Promise<number> {
  return page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .filter((entry) => /\/build\/.*\.js$/.test(new URL(entry.name).pathname))
      .reduce((sum, entry) => sum + (entry as PerformanceResourceTiming).encodedBodySize, 0),
  );
}

test.skip(({ isMobile }) => isMobile, "once is enough: the bundle is the same");

test("every citizen page ships at most 150 kB of JavaScript on a first visit", async ({
  browser,
  baseURL,
}) => {
  const base = baseURL ?? "";
  // A generated FranceConnect account of the e2e server (unknown to the DGFiP): no other test uses it.
  const client = await citizenLogin(base, "usager-9999", { redirectTo: "/mon-compte" });
  const session = client.appCookie(CITIZEN_COOKIE) ?? "";
  const sizes: Record<string, number> = {};
  for (const [path, loggedIn] of [
    ...ANONYMOUS.map((path) => [path, false] as const),
    ...LOGGED_IN.map((path) => [path, true] as const),
  ]) {
    // A new context per page: an empty cache, as on a first visit.
    const context = await browser.newContext();
    if (loggedIn) {
      await context.addCookies([{ name: CITIZEN_COOKIE, value: session, url: base }]);
    }
    const page = await context.newPage();
    const response = await page.goto(path, { waitUntil: "load" });
    expect(response?.status(), path).toBe(200);
    expect(new URL(page.url()).pathname, `${path} sans redirection`).toBe(path);
    // The scripts come after the first paint (decision 041): counted once they have all run, the
    // page hydrated and the DSFR's own script started.
    await page.waitForFunction(
      () =>
        "__remixRouter" in window && document.documentElement.getAttribute("data-fr-js") === "true",
    );
    await page.waitForLoadState("networkidle");
    sizes[path] = await scriptBytes(page);
    await context.close();
  }
  for (const [path, bytes] of Object.entries(sizes)) {
    expect(bytes, `${path} : ${bytes} octets de JavaScript`).toBeGreaterThan(10_000);
    expect(bytes, `${path} : ${bytes} octets de JavaScript`).toBeLessThanOrEqual(JS_BUDGET);
  }
});
