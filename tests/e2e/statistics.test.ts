/**
 * The statistics of a BAJ in a real browser: charts drawn as SVG with a text alternative, the same
 * figures in tables, filters in the URL, each table as a CSV French spreadsheets open; the national
 * reader sees every court side by side. Axe on each page.
 */
import { expect, type Page } from "@playwright/test";
import { expectNoAxeViolations, test } from "./helpers";

test.describe.configure({ timeout: 120_000 });

async function agentLogin(page: Page, name: string, path: string) {
  await page.goto(path);
  await page.getByRole("button", { name: "S’identifier avec ProConnect" }).click();
  await page.getByRole("button", { name: new RegExp(`^${name}`) }).click();
}

test("a présidente reads her BAJ's statistics and downloads them", async ({ page, isMobile }) => {
  await agentLogin(page, "Camille Martin", "/bureau");
  // On a phone the header's links are behind the menu button: go there directly.
  if (isMobile) await page.goto("/bureau/statistiques");
  else await page.getByRole("link", { name: "Statistiques" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Statistiques");

  // The sample applications of Paris, deposited from September to November 2026.
  await page.getByLabel("Date de début").fill("2026-08-31");
  await page.getByLabel("Date de fin").fill("2026-11-24");
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page).toHaveURL(/du=2026-08-31&au=2026-11-24/);
  await expect(
    page.getByText(/^Tribunal judiciaire de Paris, du 31 août 2026 au 24 novembre 2026/),
  ).toBeVisible();

  // Each chart is an image with a text alternative, followed by its table.
  const charts = page.getByRole("img", { name: /Demandes déposées par semaine/ });
  await expect(charts).toHaveCount(1);
  await expect(page.getByRole("img", { name: /Issue des demandes closes/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /Décisions selon leur délai/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Demandes déposées par semaine" })).toBeVisible();
  const outcomes = page.getByRole("table", { name: "Issue des demandes closes sur la période" });
  await expect(outcomes.getByRole("row", { name: /^Rejet 1 / })).toBeVisible();
  const backlog = page.getByRole("table", { name: /Demandes en cours selon leur ancienneté/ });
  await expect(backlog.getByRole("columnheader", { name: "À signer" })).toHaveCount(0);
  await expect(backlog.getByRole("columnheader", { name: "Décision proposée" })).toBeVisible();
  await expectNoAxeViolations(page);

  // The weekly table as CSV: UTF-8 with a BOM, « ; », the same weeks.
  const download = page.waitForEvent("download");
  await page
    .getByRole("link", { name: "Télécharger ces chiffres (CSV) : Demandes déposées par semaine" })
    .click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("statistiques-depots-2026-08-31-2026-11-24.csv");
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const csv = Buffer.concat(chunks);
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = csv.subarray(3).toString("utf8").trim().split("\r\n");
  expect(lines[0]).toBe("Semaine du;Demandes déposées");
  expect(lines).toHaveLength(1 + 13);
  expect(lines[1]).toMatch(/^31\/08\/2026;\d+$/);
});

test("the national reader sees every court side by side, no personal data", async ({ page }) => {
  await agentLogin(page, "Marc Dupuis", "/bureau/statistiques?du=2026-08-01&au=2026-11-24");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Statistiques");
  await expect(page.getByText(/Tous les bureaux d'aide juridictionnelle/)).toBeVisible();
  const courts = page.getByRole("table", { name: "Par tribunal" });
  await expect(courts.getByRole("rowheader", { name: /Paris/ })).toBeVisible();
  await expect(courts.getByRole("rowheader", { name: /Marseille/ })).toBeVisible();
  await expect(page.getByText("DUBOIS")).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("the présidente sees the lapses to record and checks the audit trail", async ({ page }) => {
  await agentLogin(page, "Camille Martin", "/bureau?onglet=a-signer");
  const lapses = page.getByRole("heading", {
    name: /Délai de réponse dépassé : caducité à constater/,
  });
  await expect(lapses).toBeVisible();
  await expect(page.getByRole("link", { name: "AJ-2026-000009" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto("/bureau/journal");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Journal d'audit");
  await page.getByRole("button", { name: "Vérifier le journal maintenant" }).click();
  await expect(page.getByText(/Vérification terminée : le journal est intègre/)).toBeVisible();
  await expect(
    page.getByText(/Dernière vérification : .*\(à la demande\) — intègre/),
  ).toBeVisible();
  await page.getByLabel("Référence de la demande").fill("aj-2026-000009");
  await page.getByRole("button", { name: "Afficher l'historique" }).click();
  const history = page.getByRole("table", { name: "Historique de la demande AJ-2026-000009" });
  await expect(
    history.getByRole("cell", { name: "Précisions demandées au demandeur" }),
  ).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the présidente signs a batch of proposed decisions", async ({ page, isMobile }) => {
  test.skip(isMobile, "Signs a sample application: once, on the desktop project.");
  await agentLogin(page, "Camille Martin", "/bureau?onglet=a-signer");
  // The signature is confirmed first: the browser asks for the box (RGAA 11.12).
  const confirm = page.getByRole("checkbox", { name: /Je confirme signer les décisions/ });
  await page.getByRole("button", { name: "Signer les décisions sélectionnées" }).click();
  expect(await confirm.evaluate((box: HTMLInputElement) => box.validity.valueMissing)).toBe(true);
  // Confirmed, nothing ticked: the queue says so.
  await page.getByText(/Je confirme signer les décisions sélectionnées/).click();
  await page.getByRole("button", { name: "Signer les décisions sélectionnées" }).click();
  await expect(page.getByText("Cochez au moins une demande avant de valider")).toBeVisible();

  // « All that match the filters »: the number is shown before confirming.
  await page
    .getByRole("link", { name: /Signer toutes celles qui correspondent aux filtres/ })
    .click();
  await expect(page.getByText(/Vous allez signer \d+ décisions? proposées?/)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Annuler" }).click();

  await page.getByRole("checkbox", { name: "Sélectionner AJ-2026-000008" }).check();
  await page.getByText(/Je confirme signer les décisions sélectionnées/).click();
  await page.getByRole("button", { name: "Signer les décisions sélectionnées" }).click();
  await expect(page).toHaveURL(/\/bureau\/lots\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Terminé : 1 décision signée.")).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Avancement" })).toHaveAttribute("value", "1");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Retour à la file" }).click();
  await expect(page.getByRole("link", { name: "AJ-2026-000008" })).toHaveCount(0);
});
