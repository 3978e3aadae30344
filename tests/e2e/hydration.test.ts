import { expect } from "@playwright/test";

import { test } from "./helpers";

/**
 * A click or a key pressed while the page starts hydrating must not break it (see
 * app/entry.client.tsx). With single fetch, the page's data reach the browser as a stream that
 * Remix decodes asynchronously, in the first render of <RemixBrowser>. A click between the call to
 * hydrateRoot and the end of that decoding made React 18 hydrate synchronously, suspend with no
 * Suspense boundary above, and throw « Minified React error #345 »: the page was rendered again
 * from scratch or stayed without JavaScript. Seen a few times in CI, after a test clicked as soon
 * as a page had loaded.
 *
 * The test makes that moment certain: as soon as React listens to clicks on the document (which
 * hydrateRoot does before returning), it clicks the page's heading, before React's first render.
 */
test("a click as hydration starts does not break the page", async ({ page }) => {
  await page.addInitScript(() => {
    const addEventListener = EventTarget.prototype.addEventListener;
    const state = window as unknown as { __clickedAsHydrationStarted?: boolean };
    EventTarget.prototype.addEventListener = function (
      this: EventTarget,
      ...args: Parameters<EventTarget["addEventListener"]>
    ) {
      addEventListener.apply(this, args);
      const [type, , options] = args;
      const capture = options === true || (typeof options === "object" && options.capture);
      if (this === document && type === "click" && capture && !state.__clickedAsHydrationStarted) {
        state.__clickedAsHydrationStarted = true;
        queueMicrotask(() => document.querySelector("h1")?.click());
      }
    };
  });

  await page.goto("/aide");
  // Hydrated: the router exists, the click happened in time, and a link navigates on the client
  // (the same document).
  await page.waitForFunction(() => "__remixRouter" in window);
  expect(
    await page.evaluate(
      () =>
        (window as unknown as { __clickedAsHydrationStarted?: boolean })
          .__clickedAsHydrationStarted,
    ),
  ).toBe(true);
  await page.evaluate(() => {
    (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
  });
  await page.getByRole("link", { name: /^Accessibilité/ }).click();
  await expect(page).toHaveURL(/\/accessibilite$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/accessibilité/i);
  expect(
    await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
  ).toBe(true);
});

/**
 * The page's scripts wait for its first paint (decision 041): the browser asks for them only once
 * the stylesheet, which the first paint needs, has arrived; then they hydrate the page.
 */
test("the scripts are fetched after the stylesheet, then hydrate the page", async ({ page }) => {
  await page.goto("/simulateur");
  await page.waitForFunction(() => "__remixRouter" in window);
  const timings = await page.evaluate(() => {
    const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
    const stylesheet = resources.find((entry) => entry.name.includes("/dsfr/dsfr.app.min.css"));
    const scripts = resources.filter((entry) => /\/build\/.*\.js$/.test(entry.name));
    return {
      stylesheetEnd: stylesheet?.responseEnd,
      scripts: scripts.length,
      firstScriptStart: Math.min(...scripts.map((entry) => entry.startTime)),
    };
  });
  expect(timings.stylesheetEnd).toBeDefined();
  expect(timings.scripts).toBeGreaterThan(3);
  expect(timings.firstScriptStart).toBeGreaterThanOrEqual(timings.stylesheetEnd ?? Infinity);
  // Hydrated: the form's client-side behaviour works (a link navigates in the same document).
  await page.evaluate(() => {
    (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
  });
  await page.getByRole("link", { name: /^Accessibilité/ }).click();
  await expect(page).toHaveURL(/\/accessibilite$/);
  expect(
    await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
  ).toBe(true);
});

/**
 * The page is painted with the color scheme react-dsfr writes as it starts (scripts/dsfr-css.ts,
 * COLOR_SCHEME): its `<style>` then changes no element's style, and the browser does not compute
 * again the style of the whole page while it starts.
 */
test("the page is painted with the color scheme react-dsfr's start writes", async ({ browser }) => {
  const withoutScripts = await browser.newContext({ javaScriptEnabled: false });
  const page = await withoutScripts.newPage();
  await page.goto("/simulateur");
  const painted = await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme);
  await withoutScripts.close();

  const started = await browser.newPage();
  await started.goto("/simulateur");
  await started.waitForFunction(() => document.getElementById("dsfr-root-color-scheme"));
  expect(await started.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe(
    painted,
  );
  expect(painted).toBe("light");
  await started.close();
});
