import { expect } from "@playwright/test";
import { choose, chooseHinted, login, procedureStep, resourcesStep, submit } from "./citizen";
import { expectNoAxeViolations, test } from "./helpers";

// Desktop and mobile run at the same time on one database: each project has its own citizens.
const CITIZENS = {
  desktop: {
    full: "DUBOIS Angela Claire Louise",
    partial: "DUPONT Paul Louis",
    partialOutcome: "Aide juridictionnelle partielle (55 %)",
    stranger: "HUCHE Anne-Laure",
  },
  mobile: {
    full: "MERCIER Pierre",
    partial: "TROIS-DUPRE Melissandre Juliette",
    partialOutcome: "Aide juridictionnelle partielle (25 %)",
    stranger: "CHAMPION Alice Juliette",
  },
} as const;

const citizens = (projectName: string) => CITIZENS[projectName as keyof typeof CITIZENS];

test("applying in four steps, with a mistake on the way, up to the récépissé (aide totale)", async ({
  page,
}, testInfo) => {
  await login(page, citizens(testInfo.project.name).full);

  // 1. Identité: certified identity, contact prefilled; a mistake is explained, nothing is lost.
  await expect(page).toHaveURL(/\/demande\/identite$/);
  await expect(page.getByText(/identité certifiée par FranceConnect/)).toBeVisible();
  await expect(page.getByLabel("Adresse électronique")).toHaveValue(/@yopmail\.com$/);
  await expect(page.getByLabel("Adresse de correspondance (facultatif)")).not.toHaveValue("");
  await expectNoAxeViolations(page);
  await page.getByLabel("Téléphone (facultatif)").fill("12");
  await page.getByRole("button", { name: "Enregistrer et continuer" }).click();
  await expect(page.getByText("Le formulaire contient des erreurs")).toBeVisible();
  await expect(page.getByRole("link", { name: /numéro de téléphone français/ })).toBeVisible();
  await expect(page.getByLabel("Téléphone (facultatif)")).toHaveValue("12");
  await expectNoAxeViolations(page);
  await page.getByLabel("Téléphone (facultatif)").fill("06 12 34 56 78");
  await page.getByRole("button", { name: "Enregistrer et continuer" }).click();

  await resourcesStep(page);
  await procedureStep(page);

  // 4. Récapitulatif: everything, the outcome, the attestations.
  await expect(page.getByText("Aide juridictionnelle totale (100 %)")).toBeVisible();
  await expect(page.getByText("Tribunal judiciaire de Paris (75)")).toBeVisible();
  await expect(page.getByRole("link", { name: "Modifier : Revenus et patrimoine" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Déposer ma demande" }).click();
  await expect(
    page.getByText("Cochez la case « Je certifie sur l'honneur… »").first(),
  ).toBeVisible();
  const reference = await submit(page);
  await expectNoAxeViolations(page);

  // The récépissé, as a PDF.
  const pdfUrl = await page
    .getByRole("link", { name: "Télécharger le récépissé de dépôt (PDF)" })
    .getAttribute("href");
  const pdf = await page.request.get(pdfUrl as string);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toContain(`recepisse-${reference}.pdf`);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  // … and as a web page, its accessible version (RGAA 13.3).
  await page.getByRole("link", { name: "Lire le récépissé en ligne" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Récépissé de dépôt");
  await expect(page.getByText(`Référence : ${reference}`)).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Et maintenant ?" })).toBeVisible();
  await expect(
    page.getByRole("link", { name: "Télécharger le récépissé de dépôt (PDF)" }),
  ).toHaveAttribute("href", pdfUrl as string);
  await expectNoAxeViolations(page);
  // Back to the application by a link that a phone shows too (the breadcrumb folds there).
  await page.getByRole("link", { name: `Retour à la demande ${reference}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Demande ${reference}`);

  // The accusé de réception, in the local inbox (maildev).
  const inbox = `http://localhost:${Number(process.env.E2E_PORT ?? 3100) + 4}/api/email`;
  await expect
    .poll(async () => {
      const mails = (await (await page.request.get(inbox)).json()) as { subject?: string }[];
      return mails.some((mail) => mail.subject?.includes(reference));
    })
    .toBe(true);

  // The back button, then the list: one application.
  await page.goBack();
  await page.goto("/mes-demandes");
  await expect(page.getByRole("link", { name: reference })).toHaveCount(1);
  await expectNoAxeViolations(page);
});

test("a partial aid, with the resources step done with the keyboard only", async ({
  page,
  isMobile,
}, testInfo) => {
  const who = citizens(testInfo.project.name);
  await login(page, who.partial);
  // From the first step, whatever a previous try of this test saved (a retry resumes the draft).
  await page.goto("/demande/identite");
  await page.getByRole("button", { name: "Enregistrer et continuer" }).click();

  if (isMobile) {
    await resourcesStep(page);
  } else {
    await expect(page).toHaveURL(/\/demande\/ressources$/);
    // Keyboard only: Tab between fields, arrows within a radio group, Enter to submit.
    await page.getByLabel("Patrimoine mobilier, en euros").focus();
    await page.keyboard.type("3000");
    await page.keyboard.press("Tab");
    await expect(
      page.getByLabel("Patrimoine immobilier hors résidence principale, en euros"),
    ).toBeFocused();
    await page.keyboard.type("0");
    await page.keyboard.press("Tab");
    await page.keyboard.press("ArrowRight"); // « Oui » gets the focus and is checked; → « Non »
    await page.keyboard.press("Tab");
    await page.keyboard.press("ArrowRight");
    await expect(
      page.getByRole("group", { name: /assurance de protection juridique/ }).getByLabel("Non"),
    ).toBeChecked();
    await expect(
      page.getByRole("group", { name: "Êtes-vous victime d'un crime grave ?" }).getByLabel("Non"),
    ).toBeChecked();
    await page.keyboard.press("Enter");
  }

  await procedureStep(page);
  await expect(page.getByText(who.partialOutcome)).toBeVisible();
  await submit(page);
  // Loaded as a document (a reload, the link in the e-mail): it hydrates without any mismatch.
  await page.goto(page.url().replace("?depot=ok", ""));
  await expect(page.getByText("Déposée", { exact: true }).first()).toBeVisible();
  const applicationUrl = page.url();

  // The help page knows the court of the application, and leads back to writing to its bureau.
  await page.getByRole("contentinfo").getByRole("link", { name: "Aide et contact" }).click();
  await expect(
    page.getByRole("heading", {
      name: "Bureau d'aide juridictionnelle du tribunal judiciaire de Paris",
    }),
  ).toBeVisible();
  await page.getByRole("link", { name: "écrire au bureau" }).first().click();
  await expect(page).toHaveURL(`${applicationUrl}#messages`);

  // Write to the BAJ, then withdraw.
  await page
    .getByLabel(/^Écrire au bureau d'aide juridictionnelle/)
    .fill("Mon audience est fixée au 12 janvier.");
  await page.getByRole("button", { name: "Envoyer le message" }).click();
  await expect(
    page.getByText("Votre message a été envoyé au bureau d'aide juridictionnelle."),
  ).toBeVisible();
  await expect(page.getByText(/Mon audience est fixée au 12 janvier\./)).toBeVisible();
  await page.getByRole("button", { name: "Retirer ma demande" }).click();
  await expect(
    page.getByText("Cochez la case pour confirmer que vous retirez votre demande."),
  ).toBeVisible();
  await page.getByText("Je confirme retirer ma demande d'aide juridictionnelle.").click();
  await page.getByRole("button", { name: "Retirer ma demande" }).click();
  await expect(page.getByText("Votre demande est retirée")).toBeVisible();
  await expect(page.getByText("Retirée", { exact: true }).first()).toBeVisible();
  await expectNoAxeViolations(page);
});

// The stranger's tests share a citizen and their draft: one after the other.
test.describe("the third citizen", () => {
  test.describe.configure({ mode: "serial" });

  test("a citizen reaches only their own applications (404 otherwise), step by step", async ({
    page,
    consoleErrors,
  }, testInfo) => {
    await login(page, citizens(testInfo.project.name).stranger);
    const response = await page.goto("/mes-demandes/00000000-0000-4000-8000-000000000000");
    expect(response?.status()).toBe(404);
    const pdf = await page.request.get(
      "/mes-demandes/00000000-0000-4000-8000-000000000000/recepisse",
    );
    expect(pdf.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page non trouvée");
    consoleErrors.splice(0);
    // Nor can steps be skipped: the recap of a new draft sends back to its first step.
    await page.goto("/demande/recapitulatif");
    await expect(page).toHaveURL(/\/demande\/identite$/);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("the four steps and the submission work with plain HTML forms", async ({
      page,
    }, testInfo) => {
      await login(page, citizens(testInfo.project.name).stranger);
      await expect(page).toHaveURL(/\/demande\/identite$/);
      await page.getByRole("button", { name: "Enregistrer et continuer" }).click();

      await expect(page).toHaveURL(/\/demande\/ressources$/);
      await page.getByLabel("Patrimoine mobilier, en euros").fill("abc");
      await page.getByLabel("Patrimoine immobilier hors résidence principale, en euros").fill("0");
      await choose(page, "Êtes-vous victime d'un crime grave ?", "Non");
      await choose(page, /assurance de protection juridique/, "Non");
      await page.getByRole("button", { name: "Enregistrer et continuer" }).click();
      // The server answers with the errors, and everything typed.
      await expect(page.getByText("Le formulaire contient des erreurs")).toBeVisible();
      await expect(page.getByLabel("Patrimoine mobilier, en euros")).toHaveValue("abc");
      await page.getByLabel("Patrimoine mobilier, en euros").fill("200");
      await page.getByRole("button", { name: "Enregistrer et continuer" }).click();

      await expect(page).toHaveURL(/\/demande\/procedure$/);
      // No search field without JavaScript: the native list, by city. As the server renders it
      // (what a page with scripts shows until hydrated), it is disabled: Enter in it cannot submit
      // the step before the script that stops Enter runs.
      await expect(page.getByLabel(/^Rechercher un tribunal/)).toBeHidden();
      await expect(page.getByLabel(/^Rechercher un tribunal/)).toBeDisabled();
      await choose(page, "Type d'affaire", "Pénale (victime ou personne poursuivie)");
      await page.getByLabel("Nature de l'affaire").selectOption("Vol ou escroquerie");
      await page.getByLabel(/^Tribunal judiciaire/).selectOption({ label: "Toulouse (31)" });
      await chooseHinted(page, "Votre rôle dans l'affaire", "Partie civile (victime)");
      await chooseHinted(page, "Où en est votre affaire ?", "Avant toute procédure");
      await page.getByLabel("Décrivez votre affaire").fill("On m'a volé ma voiture.");
      await choose(page, "Avocat", "Je demande qu'un avocat me soit désigné");
      await choose(page, "Votre affaire est-elle urgente ?", "Non");
      await page.getByRole("button", { name: "Enregistrer et continuer" }).click();

      await expect(page.getByText("Tribunal judiciaire de Toulouse (31)")).toBeVisible();
      await submit(page);
      // (axe runs in the page's JavaScript: it is checked on these pages by the tests above.)
    });
  });
});
