import AxeBuilder from "@axe-core/playwright";
import { type BrowserContext, test as base, expect, type Page } from "@playwright/test";

/** Fails with the list of violations, so that the report says what to fix. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(summary).toEqual([]);
}

/**
 * The image of the observatory's « Je donne mon avis » button, served here: the tests run
 * offline, and a picture the browser cannot load logs an error.
 */
export const JDMA_BUTTON_IMAGE =
  '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><rect width="200" height="60" fill="#000091"/></svg>';

/** Serves the observatory's button image to a page or a whole browser context (offline). */
export function serveJdmaButtonImage(target: Page | BrowserContext) {
  return target.route("https://jedonnemonavis.numerique.gouv.fr/static/**", (route) =>
    route.fulfill({ contentType: "image/svg+xml", body: JDMA_BUTTON_IMAGE }),
  );
}

/** A test whose page must not log any error (hydration mismatches included). */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      await serveJdmaButtonImage(page);
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      await use(errors);
      expect(errors, "errors in the browser console").toEqual([]);
    },
    { auto: true },
  ],
});
