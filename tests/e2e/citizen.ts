/** A citizen's steps through FranceConnect and the four-step form, shared by the journeys. */
import { expect, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./helpers";

export async function login(page: Page, name: string) {
  await page.goto("/connexion?redirectTo=%2Fdemande");
  await page.getByRole("button", { name: "S’identifier avec FranceConnect" }).click();
  await page.getByRole("button", { name }).click();
  await page.getByRole("button", { name: /^Continuer sur/ }).click();
}

/** DSFR radios are styled labels: choose by clicking the label, as a user does. */
export async function choose(page: Page, group: string | RegExp, option: string) {
  await page.getByRole("group", { name: group }).getByText(option, { exact: true }).click();
}

/** A radio whose label goes on with a hint (what it means): the label begins with the option. */
export async function chooseHinted(page: Page, group: string, option: string) {
  const start = new RegExp(`^${option.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);
  await page.getByRole("group", { name: group }).locator("label", { hasText: start }).click();
}

export async function resourcesStep(page: Page) {
  await expect(page).toHaveURL(/\/demande\/ressources$/);
  await expect(page.getByText("Données transmises par la DGFiP")).toBeVisible();
  await page.getByLabel("Patrimoine mobilier, en euros").fill("1 500");
  await page.getByLabel("Patrimoine immobilier hors résidence principale, en euros").fill("0");
  await choose(page, /victime d'un crime grave \?/, "Non");
  await choose(page, /assurance de protection juridique/, "Non");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Enregistrer et continuer" }).click();
}

export async function procedureStep(page: Page) {
  await expect(page).toHaveURL(/\/demande\/procedure$/);
  await choose(page, "Type d'affaire", "Civile (famille, logement, travail…)");
  await page.getByLabel("Nature de l'affaire").selectOption("Logement");
  // The search narrows the 171 courts, accents and case ignored, and says how many match.
  const search = page.getByLabel(/^Rechercher un tribunal/);
  await search.fill("charleville mezieres");
  await expect(page.getByText("1 tribunal correspond à votre recherche.")).toBeAttached();
  await expect(page.getByLabel(/^Tribunal judiciaire/).locator("option")).toHaveText([
    "Choisir un tribunal",
    "Charleville-Mézières (08)",
  ]);
  await search.fill("zzz");
  await expect(page.getByText("Aucun tribunal ne correspond à votre recherche.")).toBeAttached();
  await search.fill("pAris");
  await search.press("Enter"); // searches; does not submit the step
  await page.getByLabel(/^Tribunal judiciaire/).selectOption({ label: "Paris (75)" });
  await chooseHinted(page, "Votre rôle dans l'affaire", "Défendeur");
  await chooseHinted(page, "Où en est votre affaire ?", "Avant toute procédure");
  await page
    .getByLabel("Décrivez votre affaire")
    .fill("Mon propriétaire me réclame des loyers que j'ai déjà payés.");
  await choose(page, "Avocat", "Je demande qu'un avocat me soit désigné");
  await choose(page, "Votre affaire est-elle urgente ?", "Non");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Enregistrer et continuer" }).click();
}

export async function submit(page: Page) {
  await expect(page).toHaveURL(/\/demande\/recapitulatif$/);
  await page.getByText("Je certifie sur l'honneur que mes réponses sont exactes.").click();
  await page.getByText(/J'accepte que le bureau m'écrive et me remette sa décision/).click();
  await page.getByRole("button", { name: "Déposer ma demande" }).click();
  await expect(page.getByText("Votre demande a été déposée")).toBeVisible();
  // The observatory's « Je donne mon avis », on the récépissé (the démarche of the configuration).
  await expect(page.getByRole("link", { name: "Je donne mon avis" })).toHaveAttribute(
    "href",
    /^https:\/\/jedonnemonavis\.numerique\.gouv\.fr\/Demarches\/\d+$/,
  );
  const title = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
  expect(title).toMatch(/^Demande AJ-\d{4}-\d{6}$/);
  return title.replace("Demande ", "");
}
