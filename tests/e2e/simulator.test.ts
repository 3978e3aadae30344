import { expect } from "@playwright/test";
import { expectNoAxeViolations, test } from "./helpers";

test("the simulator explains a partial aid, and keeps what was typed", async ({ page }) => {
  await page.goto("/simulateur");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Simulateur d'aide juridictionnelle",
  );
  await expectNoAxeViolations(page);
  await page.getByLabel("Revenu fiscal de référence du foyer").fill("14 100");
  await page.getByLabel("Nombre de personnes du foyer fiscal").fill("1");
  await page.getByLabel("Patrimoine mobilier").fill("2 000");
  await page.getByLabel("Patrimoine immobilier, hors résidence principale").fill("0");
  await page.getByRole("button", { name: "Estimer mon droit" }).click();

  await expect(
    page.getByText("Vous pourriez bénéficier de l'aide juridictionnelle partielle (55 %)"),
  ).toBeVisible();
  await expect(page.getByText(/L'État prendrait en charge 55 %/)).toBeVisible();
  await expect(page.getByRole("table")).toContainText("15 203 €");
  await expect(page.getByLabel("Revenu fiscal de référence du foyer")).toHaveValue("14 100");
  await expect(page.getByRole("region", { name: "Résultat" })).toBeFocused();
  await expectNoAxeViolations(page);
});

test("the simulator shows each mistake, linked from a summary that takes the focus", async ({
  page,
}) => {
  await page.goto("/simulateur");
  await page.getByLabel("Revenu fiscal de référence du foyer").fill("beaucoup");
  await page.getByLabel("Nombre de personnes du foyer fiscal").fill("0");
  await page.getByRole("button", { name: "Estimer mon droit" }).click();

  await expect(page.getByText("Le formulaire contient des erreurs")).toBeVisible();
  await expect(
    page.locator("div[tabindex='-1']").filter({ hasText: "Le formulaire contient des erreurs" }),
  ).toBeFocused();
  const summary = page.getByRole("link", {
    name: /Le revenu fiscal de référence doit être un montant/,
  });
  await expect(summary).toHaveAttribute("href", "#referenceTaxIncome");
  await expect(
    page.getByText("Le foyer compte au moins une personne : vous.").first(),
  ).toBeVisible();
  await expect(page.getByLabel("Revenu fiscal de référence du foyer")).toHaveValue("beaucoup");
  await expect(page).toHaveTitle(/^Erreur - Simulateur/);
  await expectNoAxeViolations(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the simulator works", async ({ page }) => {
    await page.goto("/simulateur");
    await page.getByLabel("Revenu fiscal de référence du foyer").fill("9800");
    await page.getByLabel("Nombre de personnes du foyer fiscal").fill("3");
    await page.getByLabel("Patrimoine mobilier").fill("0");
    await page.getByLabel("Patrimoine immobilier, hors résidence principale").fill("0");
    await page.getByRole("button", { name: "Estimer mon droit" }).click();
    await expect(
      page.getByText("Vous pourriez bénéficier de l'aide juridictionnelle totale"),
    ).toBeVisible();
    await expect(page.getByText(/foyer de 3 personnes/)).toBeVisible();
  });
});
