/**
 * Applying for someone else (issue 14): a mother applies for her son. Her foyer's tax notice,
 * certified by the DGFiP, is the one assessed (the child is part of it); the application, the
 * récépissé, the agent's page and the decision letter name both.
 */
import { expect } from "@playwright/test";
import { asAgentOn } from "./agent";
import { choose, login, procedureStep, resourcesStep, submit } from "./citizen";
import { expectNoAxeViolations, test } from "./helpers";

test.skip(({ isMobile }) => isMobile, "one parent, one journey: the desktop project runs it");
test.describe.configure({ timeout: 120_000 });

test("a mother applies for her minor son, and the BAJ sees for whom and by whom", async ({
  page,
  browser,
}) => {
  await login(page, "ROUSSEL Nadia");
  await expect(page).toHaveURL(/\/demande\/identite$/);
  const forWhom = page.getByRole("group", { name: /Pour qui faites-vous cette demande/ });
  await expect(forWhom.getByLabel("Pour moi")).toBeChecked();
  await choose(
    page,
    /Pour qui faites-vous cette demande/,
    "Pour un enfant mineur (mon enfant, ou un mineur dont je suis le tuteur)",
  );
  // Saved without the child: each missing piece is asked for, nothing typed is lost.
  await page.getByRole("button", { name: "Enregistrer et continuer" }).click();
  await expect(page.getByRole("link", { name: "Indiquez les prénoms de l'enfant." })).toBeVisible();
  await expect(forWhom.getByLabel(/Pour un enfant mineur/)).toBeChecked();
  await expectNoAxeViolations(page);

  await page
    .getByLabel("Votre qualité")
    .selectOption({ label: "Parent de l'enfant (autorité parentale)" });
  await page.getByLabel("Ses prénoms").fill("Hugo");
  await page.getByLabel("Son nom").fill("ROUSSEL");
  await page.getByLabel("Sa date de naissance").fill("2014-06-21");
  await page.getByRole("button", { name: "Enregistrer et continuer" }).click();

  // Her foyer's tax notice counts (the child is part of it), unless the procedure opposes them.
  await expect(
    page.getByText(/Pour votre enfant, ce sont les revenus de votre foyer qui comptent/),
  ).toBeVisible();
  await expect(
    page.getByLabel("La procédure oppose l'enfant à ses parents, ou leurs intérêts divergent"),
  ).not.toBeChecked();
  await resourcesStep(page);
  await procedureStep(page);

  await expect(
    page.getByText("Pour un enfant mineur (mon enfant, ou un mineur dont je suis le tuteur)"),
  ).toBeVisible();
  await expect(page.getByText("Hugo ROUSSEL, né(e) le 21 juin 2014")).toBeVisible();
  await expect(page.getByText("Aide juridictionnelle totale (100 %)")).toBeVisible();
  const reference = await submit(page);

  // The agent reads for whom, by whom, and whose resources.
  await asAgentOn(browser, "Karim Benali", reference, async (agent) => {
    await expect(
      agent.getByText(
        "Demande présentée pour Hugo ROUSSEL (personne mineure) par Nadia ROUSSEL, en qualité de parent exerçant l'autorité parentale.",
      ),
    ).toBeVisible();
    await expect(
      agent.getByText("Celles du foyer du représentant, dont l'enfant fait partie"),
    ).toBeVisible();
    await expect(agent.getByText("Données certifiées DGFiP")).toBeVisible();
    await expectNoAxeViolations(agent);
    // Found by the child's name too.
    await agent.goto("/bureau");
    await agent.getByLabel(/^Rechercher/).fill("roussel hug");
    await agent.getByRole("button", { name: "Filtrer" }).click();
    await expect(agent.getByRole("link", { name: reference, exact: true })).toBeVisible();
  });
});

test("a tutor applies for a protected adult: his own resources, declared, for the BAJ to check", async ({
  page,
  browser,
}) => {
  await login(page, "ROUSSEL Nadia");
  await expect(page).toHaveURL(/\/demande\/identite$/);
  await choose(
    page,
    /Pour qui faites-vous cette demande/,
    "Pour un majeur protégé (tutelle, curatelle ou habilitation familiale)",
  );
  // A parent's capacity is not one for an adult; and the age must match.
  await page
    .getByLabel("Votre qualité")
    .selectOption({ label: "Parent de l'enfant (autorité parentale)" });
  await page.getByLabel("Ses prénoms").fill("Marcel");
  await page.getByLabel("Son nom").fill("ROUSSEL");
  await page.getByLabel("Sa date de naissance").fill("1940-02-11");
  await page.getByRole("button", { name: "Enregistrer et continuer" }).click();
  await expect(
    page.getByRole("link", {
      name: "Indiquez si vous êtes son tuteur, son curateur ou la personne habilitée.",
    }),
  ).toBeVisible();
  await page.getByLabel("Votre qualité").selectOption({ label: "Tuteur ou tutrice" });
  await page.getByRole("button", { name: "Enregistrer et continuer" }).click();

  // His resources are not hers: the DGFiP cannot give them; declared, every missing field at once.
  await expect(page).toHaveURL(/\/demande\/ressources$/);
  await expect(page.getByText("Les ressources de la personne protégée")).toBeVisible();
  await expect(
    page.getByRole("button", { name: "Obtenir mes paiements de France Travail" }),
  ).toHaveCount(0);
  await page.getByRole("button", { name: "Enregistrer et continuer" }).click();
  await expect(
    page.getByRole("link", {
      name: "Indiquez ses revenus de l'année, en euros (0 si la personne n'en a pas).",
    }),
  ).toBeVisible();
  await expect(
    page.getByRole("link", { name: /Indiquez le nombre de personnes de son foyer/ }),
  ).toBeVisible();
  await page
    .getByLabel("Revenu fiscal de référence de la personne protégée, en euros")
    .fill("9 000");
  await page.getByLabel("Nombre de personnes de son foyer").fill("1");
  await page.getByLabel("Patrimoine mobilier, en euros").fill("2 000");
  await page.getByLabel("Patrimoine immobilier hors résidence principale, en euros").fill("0");
  await choose(page, "La personne concernée est-elle victime d'un crime grave ?", "Non");
  await choose(page, /assurance de protection juridique/, "Non");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Enregistrer et continuer" }).click();
  await procedureStep(page);

  await expect(page.getByText("Marcel ROUSSEL, né(e) le 11 février 1940")).toBeVisible();
  await expect(
    page.getByText(/Revenu fiscal de référence déclaré \(à vérifier par le bureau\)/),
  ).toBeVisible();
  await expect(page.getByText("Aide juridictionnelle totale (100 %)")).toBeVisible();
  const reference = await submit(page);

  await asAgentOn(browser, "Karim Benali", reference, async (agent) => {
    await expect(
      agent.getByText(
        "Demande présentée pour Marcel ROUSSEL (majeur protégé) par Nadia ROUSSEL, en qualité de tuteur ou tutrice.",
      ),
    ).toBeVisible();
    await expect(agent.getByText("Déclarées, à vérifier")).toBeVisible();
    await expect(agent.getByText("Celles de la personne protégée")).toBeVisible();
    // Her own tax notice is not his: none is shown as his resources.
    await expect(agent.getByText("Données certifiées DGFiP")).toHaveCount(0);
    await expectNoAxeViolations(agent);
  });
});
