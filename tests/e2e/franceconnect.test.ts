import { expect } from "@playwright/test";
import { expectNoAxeViolations, test } from "./helpers";

test("a citizen logs in with FranceConnect as Angela DUBOIS, sees her name, and logs out", async ({
  page,
  isMobile,
}) => {
  await page.goto("/");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "S’identifier avec FranceConnect" }).click();

  // The local FranceConnect: choose the demo identity, then consent.
  await expect(page).toHaveURL(/\/api\/v2\/interaction\//);
  await page.getByRole("button", { name: "DUBOIS Angela Claire Louise" }).click();
  await expect(page.getByRole("heading", { name: "Transmission de vos données" })).toBeVisible();
  await expect(page.getByText("Revenu fiscal de référence (DGFiP)")).toBeVisible();
  await page.getByRole("button", { name: /^Continuer sur/ }).click();

  // Back on the service, connected.
  await expect(page).toHaveURL(/\/mon-compte$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mon compte");
  await expect(page.getByText("Certifiée par FranceConnect")).toBeVisible();
  await expect(page.getByText("Angela Claire Louise")).toBeVisible();
  await expect(page.getByText("24 août 1962")).toBeVisible();
  // Her income, certified by the DGFiP with the FranceConnect token, and what it gives.
  await expect(page.getByText("Données transmises par la DGFiP")).toBeVisible();
  await expect(page.getByText(/^Revenus 2025, tels que la DGFiP les a transmis/)).toBeVisible();
  await expect(page.getByText(/^9\s800 €$/)).toBeVisible();
  await expect(page.getByText("Célibataire")).toBeVisible();
  await expect(page.getByText("Aide juridictionnelle totale (100 %)")).toBeVisible();
  await expectNoAxeViolations(page);

  if (isMobile) await page.getByRole("button", { name: "Menu" }).click();
  const header = page.getByRole("banner");
  await expect(header.getByRole("link", { name: "Angela DUBOIS" }).first()).toBeVisible();
  await header.getByRole("button", { name: "Se déconnecter" }).filter({ visible: true }).click();

  await expect(page).toHaveURL(/\/deconnexion\/retour\?state=/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vous êtes déconnecté(e)");
  await expectNoAxeViolations(page);

  // The session is gone: the account page sends to the login page, and back after login.
  await page.goto("/mon-compte");
  await expect(page).toHaveURL(/\/connexion\?redirectTo=%2Fmon-compte$/);
  await expectNoAxeViolations(page);
});

test("cancelling at FranceConnect brings the citizen home with a notice", async ({ page }) => {
  await page.goto("/connexion");
  await page.getByRole("button", { name: "S’identifier avec FranceConnect" }).click();
  await page.getByRole("button", { name: "Annuler" }).click();
  await expect(page).toHaveURL(/\/\?connexion=annulee$/);
  await expect(
    page.getByText(
      "La connexion avec FranceConnect n'a pas abouti : vous l'avez annulée, ou FranceConnect n'a pas pu confirmer votre identité.",
    ),
  ).toBeVisible();
  await expectNoAxeViolations(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the FranceConnect login works with the password form", async ({ page }) => {
    await page.goto("/connexion");
    await page.getByRole("button", { name: "S’identifier avec FranceConnect" }).click();
    await page.getByLabel("Identifiant").fill("test");
    await page.getByLabel("Mot de passe").fill("123");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.getByRole("button", { name: /^Continuer sur/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mon compte");
    await expect(page.getByText("Angela Claire Louise")).toBeVisible();
  });
});
