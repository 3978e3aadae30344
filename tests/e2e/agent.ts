/** An agent's steps in the back-office, shared by the journeys. */
import { expect, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./helpers";

/** Opens `path` of the back-office, logging in through the local ProConnect as `name`. */
export async function agentLogin(page: Page, name: string, path = "/bureau") {
  await page.goto(path);
  await expect(page).toHaveURL(/\/bureau\/connexion/);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "S’identifier avec ProConnect" }).click();
  await page.getByRole("button", { name: new RegExp(`^${name}`) }).click();
}

/** Finds an application in the queue (in `tab`, if given) by its reference, and opens it. */
export async function openFromQueue(page: Page, reference: string, tab?: string) {
  if (tab) await page.getByRole("link", { name: new RegExp(`^${tab} \\(`) }).click();
  await page.getByLabel(/^Rechercher/).fill(reference);
  await page.getByRole("button", { name: "Filtrer" }).click();
  await page.getByRole("link", { name: reference, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Demande ${reference}`);
}
