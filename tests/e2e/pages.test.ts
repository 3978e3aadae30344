import { readFileSync } from "node:fs";
import { expect } from "@playwright/test";
import { expectNoAxeViolations, test } from "./helpers";

const PAGES = [
  { path: "/", h1: "Demander l'aide juridictionnelle", title: /Aide juridictionnelle/ },
  {
    path: "/mentions-legales",
    h1: "Mentions légales",
    title: "Mentions légales - Aide juridictionnelle",
  },
  {
    path: "/donnees-personnelles",
    h1: "Données personnelles",
    title: "Données personnelles - Aide juridictionnelle",
  },
  {
    path: "/accessibilite",
    h1: "Déclaration d'accessibilité",
    title: "Déclaration d'accessibilité - Aide juridictionnelle",
  },
  { path: "/plan-du-site", h1: "Plan du site", title: "Plan du site - Aide juridictionnelle" },
  { path: "/aide", h1: "Aide et contact", title: "Aide et contact - Aide juridictionnelle" },
];

for (const { path, h1, title } of PAGES) {
  test(`${path} is a DSFR page without accessibility violations`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle(title);
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(h1);
    await expect(page.getByRole("banner")).toContainText("Aide juridictionnelle");
    await expect(page.getByRole("contentinfo")).toContainText(
      "Accessibilité : totalement conforme",
    );
    await expectNoAxeViolations(page);
  });
}

test("unknown pages answer a DSFR 404 page", async ({ page, consoleErrors }) => {
  const response = await page.goto("/cette-page-n-existe-pas");
  expect(response?.status()).toBe(404);
  // The browser logs the document's own 404: expected here.
  expect(consoleErrors.splice(0)).toEqual([
    "Failed to load resource: the server responded with a status of 404 (Not Found)",
  ]);
  await expect(page).toHaveTitle("Page non trouvée - Aide juridictionnelle");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page non trouvée");
  await expect(page.getByText("Erreur 404")).toBeVisible();
  await expect(page.getByRole("link", { name: "Page d'accueil" })).toHaveAttribute("href", "/");
  await expectNoAxeViolations(page);

  // Help is one click away from an error: who to contact, the court's BAJ, the common questions.
  await page.getByRole("main").getByRole("link", { name: "Aide et contact" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Aide et contact");
  await page.getByLabel("Votre tribunal").selectOption({ label: "Tribunal judiciaire de Lyon" });
  await page.getByRole("button", { name: "Voir ses coordonnées" }).click();
  await expect(page).toHaveURL(/\/aide\?tribunal=/);
  await expect(
    page.getByRole("heading", {
      name: "Bureau d'aide juridictionnelle du tribunal judiciaire de Lyon",
    }),
  ).toBeVisible();
  // What the courts' data do not hold is said, with where to find it.
  await expect(page.getByText(/Téléphone/)).toBeVisible();
  await expect(
    page.getByText("non renseigné dans nos données : voir l'annuaire de l'administration").first(),
  ).toBeVisible();
  await expect(
    page.getByRole("heading", { name: "Je ne suis pas d'accord avec la décision : que faire ?" }),
  ).toBeVisible();
  await expect(page.getByText(/Vous avez 15 jours pour contester la décision/)).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the first Tab reaches the skip link to the content", async ({ page, isMobile }) => {
  test.skip(isMobile, "no keyboard on the mobile profile");
  // Once the scripts have run (DSFR's and the hydration), as a person would press Tab.
  await page.goto("/", { waitUntil: "networkidle" });
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Contenu" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#contenu$/);
});

test("the footer links lead to every mandatory page", async ({ page }) => {
  await page.goto("/");
  const footer = page.getByRole("contentinfo");
  for (const [name, path] of [
    ["Plan du site", "/plan-du-site"],
    ["Aide et contact", "/aide"],
    ["Accessibilité : totalement conforme", "/accessibilite"],
    ["Mentions légales", "/mentions-legales"],
    ["Données personnelles", "/donnees-personnelles"],
  ]) {
    await expect(footer.getByRole("link", { name: name as string })).toHaveAttribute(
      "href",
      path as string,
    );
  }
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("pages render and links navigate", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Demander l'aide juridictionnelle",
    );
    await page.getByRole("contentinfo").getByRole("link", { name: "Plan du site" }).click();
    await expect(page).toHaveURL(/\/plan-du-site$/);
    await page.getByRole("main").getByRole("link", { name: "Mentions légales" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mentions légales");
  });
});

test("the accessibility declaration states the status and the rate of the audit grid", async ({
  page,
}) => {
  // The grid's total row: « | **Total** | **C** | **NC** | **NA** | **à vérifier** | **106** | ».
  const grid = readFileSync("docs/rgaa/grille-audit-2026-11.md", "utf8");
  const total = grid.match(/^\| \*\*Total\*\* .*$/m)?.[0] ?? "";
  const [compliant = 0, failing = 0, , pending = 0] = [...total.matchAll(/\*\*(\d+)\*\*/g)].map(
    (match) => Number(match[1]),
  );
  expect(compliant, "la ligne « Total » de la grille").toBeGreaterThan(0);
  const applicable = compliant + failing;
  const rate = Math.round((1000 * compliant) / applicable) / 10;
  const status =
    pending > 0
      ? "non conforme"
      : rate === 100
        ? "totalement conforme"
        : rate >= 50
          ? "partiellement conforme"
          : "non conforme";
  await page.goto("/accessibilite");
  const main = page.getByRole("main");
  await expect(main).toContainText(`est ${status}`);
  await expect(main).toContainText(`${String(rate).replace(".", ",")} %`);
  await expect(main).toContainText(`${compliant} critères sur ${applicable}`);
  await expect(page.getByRole("contentinfo")).toContainText(`Accessibilité : ${status}`);
});

test("the words of legal aid link to their plain definition", async ({ page }) => {
  await page.goto("/");
  const word = page.getByRole("link", { name: "revenu fiscal de référence (définition)" });
  await expect(word).toHaveAttribute("href", "/aide#revenu-fiscal-de-reference");
  await word.click();
  await expect(page).toHaveURL(/\/aide#revenu-fiscal-de-reference$/);
  await expect(page.locator("#revenu-fiscal-de-reference")).toHaveText(
    "Revenu fiscal de référence",
  );
  await expect(page.getByText(/C'est lui qui est comparé aux plafonds/)).toBeVisible();
  await expect(page.locator("#plafonds")).toHaveText("Plafonds (barème)");
});
