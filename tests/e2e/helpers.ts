import AxeBuilder from "@axe-core/playwright";
import { type BrowserContext, test as base, expect, type Page } from "@playwright/test";

/**
 * Waits until React has hydrated the page and run its effects. The scripts start after the first
 * paint (decision 041), a few timers later: a test that moves the page's clock (page.clock) must
 * wait for this first, or the components start their own clocks after the jump. React attaches
 * its fiber to <html> last, in the task that then commits; the effects run one message later.
 */
export async function untilHydrated(page: Page) {
  await page.waitForFunction(() =>
    Object.keys(document.documentElement).some((key) => key.startsWith("__reactFiber$")),
  );
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(null);
      }),
  );
}

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
