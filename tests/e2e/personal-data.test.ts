/**
 * The citizen's own data (RGPD): from « Mon compte », one JSON file with everything the service
 * holds about them, and the retention periods in force stated in plain French.
 */
import { expect } from "@playwright/test";
import { login } from "./citizen";
import { expectNoAxeViolations, test } from "./helpers";

test("a citizen downloads all the data the service holds about them", async ({ page }) => {
  await login(page, "MERCIER Pierre");
  await page.goto("/mon-compte");
  await expect(page.getByRole("heading", { name: "Vos données" })).toBeVisible();
  await expect(page.getByText(/supprimés 30 jours après leur dernière modification/)).toBeVisible();
  await expectNoAxeViolations(page);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Télécharger mes données (JSON)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("mes-donnees-aide-juridictionnelle.json");
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const data = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  expect(data.identity).toMatchObject({ familyName: "MERCIER", givenName: "Pierre" });
  expect(data.taxRecords.length).toBeGreaterThan(0);
  expect(data.history.map((event: { action: string }) => event.action)).toContain(
    "Connexion avec FranceConnect",
  );

  await page.goto("/donnees-personnelles");
  await expect(page.getByText(/anonymisée/)).toBeVisible();
});
