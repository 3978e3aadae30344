/** An agent's steps in the back-office, shared by the journeys. */
import { type Browser, expect, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./helpers";

/** Opens `path` of the back-office, logging in through the local ProConnect as `name`. */
export async function agentLogin(page: Page, name: string, path = "/bureau") {
  await page.goto(path);
  await expect(page).toHaveURL(/\/bureau\/connexion/);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "S’identifier avec ProConnect" }).click();
  await page.getByRole("button", { name: new RegExp(`^${name}`) }).click();
}

/**
 * Finds an application in the queue (in `tab`, if given) by its reference, and opens it.
 *
 * Each step waits for its navigation to end before the next click, as a person would: a click that
 * cuts off a navigation while Remix decodes its answer makes Remix log the « AbortError » to the
 * console (single fetch), which these journeys count as an error.
 */
export async function openFromQueue(page: Page, reference: string, tab?: string) {
  if (tab) {
    const tabLink = page.getByRole("link", { name: new RegExp(`^${tab} \\(`) });
    await tabLink.click();
    await expect(tabLink).toHaveAttribute("aria-current", "page");
  }
  await page.getByLabel(/^Rechercher/).fill(reference);
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${reference}(&|$)`));
  await page.getByRole("link", { name: reference, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Demande ${reference}`);
}

/**
 * The application `reference` as the agent `name` sees it, in a browser context of their own (the
 * citizen's page stays as it is): logs in, opens it from the queue, runs `check` on the agent's page.
 */
export async function asAgentOn(
  browser: Browser,
  name: string,
  reference: string,
  check: (agent: Page) => Promise<void>,
) {
  const context = await browser.newContext();
  try {
    const agent = await context.newPage();
    await agentLogin(agent, name);
    await openFromQueue(agent, reference);
    await check(agent);
  } finally {
    await context.close();
  }
}
