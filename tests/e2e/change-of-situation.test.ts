/**
 * The change of situation (décret 2020-1717 art. 4) in a real browser: a person whose tax notice is
 * above every ceiling lost her job; with her consent, France Travail certifies the payments of the
 * last six months through FranceConnect, and she is granted the aide totale on them. The agent sees
 * the certified payments and the basis retained.
 */
import { expect } from "@playwright/test";
import { asAgentOn } from "./agent";
import { choose, login, procedureStep, submit } from "./citizen";
import { expectNoAxeViolations, test } from "./helpers";

test.describe.configure({ timeout: 120_000 });
test.skip(
  ({ isMobile }) => isMobile,
  "One demo identity lost her job: the journey runs on desktop.",
);

test("a citizen who lost her job gets the aide totale thanks to France Travail's certified payments", async ({
  page,
  browser,
}) => {
  await login(page, "LAMBERT Sophie");
  await expect(page).toHaveURL(/\/demande\/identite$/);
  await page.getByRole("button", { name: "Enregistrer et continuer" }).click();

  // Ressources: her latest tax notice is above every ceiling.
  await expect(page).toHaveURL(/\/demande\/ressources$/);
  await expect(page.getByText(/revenu fiscal de référence de 24\u202f000 €/)).toBeVisible();
  await page.getByLabel("Patrimoine mobilier, en euros").fill("800");
  await page.getByLabel("Patrimoine immobilier hors résidence principale, en euros").fill("0");
  await choose(page, "Êtes-vous victime d'un crime grave ?", "Non");
  await choose(page, /assurance de protection juridique/, "Non");
  await page.getByText("Mes revenus ont changé depuis cet avis d'imposition").click();
  // Ticked without the other income: explained, nothing lost.
  await page.getByRole("button", { name: "Enregistrer et continuer" }).click();
  await expect(page.getByRole("link", { name: /Indiquez vos autres revenus/ })).toBeVisible();
  await expect(page.getByLabel("Patrimoine mobilier, en euros")).toHaveValue("800");
  await page.getByLabel(/^Vos autres revenus imposables des six derniers mois/).fill("0");
  await expectNoAxeViolations(page);

  // Her consent, through FranceConnect: France Travail's payments are asked, and nothing else.
  await page.getByRole("button", { name: "Obtenir mes paiements de France Travail" }).click();
  await page.getByRole("button", { name: "LAMBERT Sophie" }).click();
  await expect(
    page.getByText("Paiements versés par France Travail (France Travail)"),
  ).toBeVisible();
  await expect(page.getByText(/Revenu fiscal de référence/)).toHaveCount(0);
  await page.getByRole("button", { name: /^Continuer sur/ }).click();

  // Back on the step: the payments are certified, her answers kept.
  await expect(page).toHaveURL(/\/demande\/ressources\?donnees=recues$/);
  await expect(page.getByText(/6 paiements, 5\u202f102,40 € au total/)).toBeVisible();
  await expect(page.getByLabel("Patrimoine mobilier, en euros")).toHaveValue("800");
  await expect(
    page.getByRole("checkbox", { name: /Mes revenus ont changé depuis cet avis/ }),
  ).toBeChecked();
  await expect(page.getByLabel(/^Vos autres revenus imposables/)).toHaveValue("0");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Enregistrer et continuer" }).click();

  await procedureStep(page);

  // The récapitulatif: the basis and the calculation.
  await expect(page.getByText("Aide juridictionnelle totale (100 %)")).toBeVisible();
  await expect(
    page.getByText(/Oui : 5\u202f102,40 € versés par France Travail \(certifiés\)/),
  ).toBeVisible();
  await expect(page.getByText(/article 4 du décret n° 2020-1717/)).toBeVisible();
  await expect(page.getByText(/9\u202f184,32 € de ressources retenues/)).toBeVisible();
  await expectNoAxeViolations(page);
  const reference = await submit(page);

  // The instructeur of Paris sees the certified payments and the basis retained.
  await asAgentOn(browser, "Karim Benali", reference, async (agent) => {
    await expect(agent.getByText("Paiements certifiés France Travail")).toBeVisible();
    await expect(agent.getByText(/Total versé par France Travail du/)).toBeVisible();
    await expect(
      agent.getByText(/Ressources comparées aux plafonds : Revenus des six derniers mois/),
    ).toBeVisible();
    await expectNoAxeViolations(agent);
  });
});
