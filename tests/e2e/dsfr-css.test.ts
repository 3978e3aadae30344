/**
 * Every DSFR class the pages carry is styled by the one stylesheet they load
 * (`public/dsfr/dsfr.app.min.css`, assembled by scripts/dsfr-css.ts from the core and the components
 * the application uses, decision 028). A component used without being listed there would show
 * unstyled: this test fails on the first page that carries one of its classes, naming the class.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Browser, expect, test } from "@playwright/test";
import { AGENT_COOKIE, agentLogin, CITIZEN_COOKIE, citizenLogin } from "./http-login";

const DSFR = "node_modules/@codegouvfr/react-dsfr/dsfr";

/** The `fr-…` classes a stylesheet has rules for. */
const classesOf = (css: string) =>
  new Set([...css.matchAll(/\.(fr-[\w-]+)/g)].map((match) => match[1] ?? ""));

/** The full DSFR: every component and every icon. */
function fullDsfrClasses(): Set<string> {
  const icons = path.join(DSFR, "utility/icons");
  const iconFiles = readdirSync(icons, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".css"))
    .map((file) => path.join(icons, file));
  return classesOf(
    [path.join(DSFR, "dsfr.min.css"), ...iconFiles].map((f) => readFileSync(f, "utf8")).join(""),
  );
}

const ANONYMOUS = [
  "/",
  "/simulateur",
  "/connexion",
  "/accessibilite",
  "/plan-du-site",
  "/aide",
  "/bureau/connexion",
];
const CITIZEN = ["/mon-compte", "/demande/identite", "/mes-demandes"];
const AGENT = ["/bureau", "/bureau/statistiques", "/bureau/journal", "/bureau/agents"];

test.skip(({ isMobile }) => isMobile, "the classes are the same on a phone");
// Fifteen and twenty page loads: more than the default minute when the pages go through two
// instances and PostgreSQL (the second pass of .ci/run).
test.describe.configure({ timeout: 240_000 });

test("the assembled DSFR stylesheet styles every DSFR class the pages carry", async ({
  browser,
  baseURL,
}) => {
  const base = baseURL ?? "";
  const shipped = classesOf(readFileSync("public/dsfr/dsfr.app.min.css", "utf8"));
  const full = fullDsfrClasses();
  expect(shipped.size, "la feuille assemblée").toBeGreaterThan(500);

  // A generated FranceConnect account of the e2e server that no other test uses.
  const citizen = await citizenLogin(base, "usager-9998", { redirectTo: "/mon-compte" });
  // The president of Paris: every back-office page, the queue full of applications.
  const agent = await agentLogin(base, "camille.martin");
  const queue = await (await agent.get("/bureau")).text();
  const application = queue.match(/\/bureau\/demandes\/[0-9a-f-]{36}/)?.[0];
  expect(application, "une demande dans la file").toBeTruthy();

  const visits = [
    ...ANONYMOUS.map((page) => ({ page, cookie: null })),
    ...CITIZEN.map((page) => ({ page, cookie: [CITIZEN_COOKIE, citizen] as const })),
    ...[...AGENT, application ?? ""].map((page) => ({
      page,
      cookie: [AGENT_COOKIE, agent] as const,
    })),
  ];
  const unstyled: string[] = [];
  let seen = 0;
  for (const { page: pagePath, cookie } of visits) {
    const context = await browser.newContext();
    if (cookie) {
      const [name, client] = cookie;
      await context.addCookies([{ name, value: client.appCookie(name) ?? "", url: base }]);
    }
    const page = await context.newPage();
    const response = await page.goto(pagePath);
    expect(response?.status(), pagePath).toBe(200);
    expect(new URL(page.url()).pathname, `${pagePath} sans redirection`).toBe(pagePath);
    const classes = await page.evaluate(() => [
      ...new Set(
        [...document.querySelectorAll("[class]")].flatMap((element) =>
          [...element.classList].filter((name) => name.startsWith("fr-")),
        ),
      ),
    ]);
    seen += classes.length;
    for (const name of classes) {
      if (full.has(name) && !shipped.has(name)) unstyled.push(`${pagePath} : ${name}`);
    }
    await context.close();
  }
  expect(seen, "des classes du DSFR sur les pages").toBeGreaterThan(100);
  expect(unstyled, "classes du DSFR sans style (scripts/dsfr-css.ts)").toEqual([]);
});

/**
 * Where two screenshots differ: the number of differing pixels and the box around them, in the
 * page's pixels (the browser decodes them: no image library here).
 */
async function pixelDifference(browser: Browser, a: Buffer, b: Buffer): Promise<string> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(
      async ([first = "", second = ""]) => {
        // Written inline: a named function here would carry a helper of the test's compiler.
        const [x, y] = await Promise.all(
          [first, second].map(async (png) => {
            const image = new Image();
            image.src = `data:image/png;base64,${png}`;
            await image.decode();
            const canvas = document.createElement("canvas");
            canvas.width = image.width;
            canvas.height = image.height;
            const context = canvas.getContext("2d");
            context?.drawImage(image, 0, 0);
            const data = context?.getImageData(0, 0, image.width, image.height).data;
            return { width: image.width, height: image.height, data };
          }),
        );
        if (!x || !y) return "images illisibles";
        if (x.width !== y.width || x.height !== y.height || !x.data || !y.data) {
          return `tailles ${x.width}×${x.height} et ${y.width}×${y.height}`;
        }
        let count = 0;
        const box = { left: x.width, top: x.height, right: -1, bottom: -1 };
        for (let i = 0; i < x.data.length; i += 4) {
          if ([0, 1, 2, 3].every((channel) => x.data?.[i + channel] === y.data?.[i + channel])) {
            continue;
          }
          count++;
          const at = i / 4;
          const [left, top] = [at % x.width, Math.floor(at / x.width)];
          box.left = Math.min(box.left, left);
          box.top = Math.min(box.top, top);
          box.right = Math.max(box.right, left);
          box.bottom = Math.max(box.bottom, top);
        }
        return `${count} pixels différents, de (${box.left}, ${box.top}) à (${box.right}, ${box.bottom})`;
      },
      [a.toString("base64"), b.toString("base64")],
    );
  } finally {
    await page.close();
  }
}

test("pages look the same with the assembled stylesheet as with the full DSFR", async ({
  browser,
  baseURL,
}) => {
  const base = baseURL ?? "";
  // The full DSFR as the pages loaded it before (decision 028): dsfr.min.css, then the icons.
  const full =
    readFileSync("public/dsfr/dsfr.min.css", "utf8") +
    readFileSync("public/dsfr/utility/icons/icons.min.css", "utf8").replaceAll("../../", "");
  const citizen = await citizenLogin(base, "usager-9998", { redirectTo: "/mon-compte" });
  const session = citizen.appCookie(CITIZEN_COOKIE) ?? "";
  const different: string[] = [];
  for (const width of [412, 1280]) {
    for (const pagePath of [
      "/",
      "/simulateur",
      "/plan-du-site",
      "/demande/identite",
      "/mes-demandes",
    ]) {
      // A stylesheet's difference shows every time; a page caught mid-change (seen once in CI on
      // /mes-demandes, not reproduced) does not: two tries, and a difference must show in both.
      let same = false;
      let seen = "";
      for (let attempt = 0; attempt < 2 && !same; attempt++) {
        const shots: Buffer[] = [];
        const states: string[] = [];
        for (const stylesheet of ["assembled", "full"]) {
          const context = await browser.newContext({ viewport: { width, height: 900 } });
          await context.addCookies([{ name: CITIZEN_COOKIE, value: session, url: base }]);
          const page = await context.newPage();
          if (stylesheet === "full") {
            await page.route(/\/dsfr\/dsfr\.app\.min\.css/, (route) =>
              route.fulfill({ contentType: "text/css", body: full }),
            );
          }
          await page.goto(pagePath, { waitUntil: "networkidle" });
          await page.evaluate(() => document.fonts.ready);
          shots.push(await page.screenshot({ fullPage: true, animations: "disabled" }));
          // What to tell apart, should they differ: the text, the height, the hydration.
          states.push(
            await page.evaluate(() => {
              const text = (document.querySelector("main")?.textContent ?? "").replace(/\s+/g, " ");
              const hydrated = "__remixRouter" in window ? "hydratée" : "non hydratée";
              return `${document.body.scrollHeight} px, ${hydrated}, « ${text.slice(0, 120)} »`;
            }),
          );
          await context.close();
        }
        const [assembled, reference] = shots;
        same = Boolean(assembled && reference && assembled.equals(reference));
        if (!same && assembled && reference) {
          // What differs, and both images in the test's report, to see it.
          const where = await pixelDifference(browser, assembled, reference);
          seen = `${where} ; assemblée : ${states[0]} ; complète : ${states[1]}`;
          const name = `${pagePath.replaceAll("/", "_")}-${width}-essai-${attempt + 1}`;
          await test.info().attach(`${name}-assemblee.png`, {
            body: assembled,
            contentType: "image/png",
          });
          await test.info().attach(`${name}-complete.png`, {
            body: reference,
            contentType: "image/png",
          });
        }
      }
      if (!same) different.push(`${pagePath} (${width} px) — ${seen}`);
    }
  }
  expect(different, "pages rendues autrement qu'avec le DSFR complet").toEqual([]);
});

test("pages fetch the main part of Marianne only, and no icon; a name in another language brings the rest", async ({
  page,
}) => {
  // Decision 044: each face is cut in two, the extended part declared for the characters French
  // text does not use; the icons are written in the stylesheet.
  const fontAddresses: string[] = [];
  /** A font's file name, without its folder and version. */
  const fileName = (address: string) =>
    new URL(address, "http://x").pathname.split("/").pop() ?? "";
  const fontFiles = () => fontAddresses.map(fileName);
  const images: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith("/dsfr/fonts/")) fontAddresses.push(url.pathname + url.search);
    const favicon = url.pathname.startsWith("/dsfr/favicon/");
    if (!favicon && (request.resourceType() === "image" || url.pathname.endsWith(".svg"))) {
      images.push(url.protocol === "data:" ? "data:" : url.pathname);
    }
  });
  await page.goto("/", { waitUntil: "networkidle" });
  await page.evaluate(() => document.fonts.ready);
  expect(fontFiles()).toContain("Marianne-Regular.main.woff2");
  expect(fontFiles().filter((file) => !file.endsWith(".main.woff2"))).toEqual([]);
  // The preloaded faces (decision 048) are the stylesheet's own: each file is fetched once.
  const preloaded = await page
    .locator('link[rel="preload"][as="font"]')
    .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  expect(preloaded.map(fileName)).toEqual([
    "Marianne-Regular.main.woff2",
    "Marianne-Bold.main.woff2",
  ]);
  for (const href of preloaded) expect(fontAddresses).toContain(href);
  expect(new Set(fontAddresses).size).toBe(fontAddresses.length);
  expect(images.filter((image) => image !== "data:")).toEqual([]);
  // The header's icons are there all the same (drawn as masks of the stylesheet).
  const help = page.getByRole("link", { name: "Aide et contact" }).first();
  expect(await help.evaluate((link) => getComputedStyle(link, "::before").maskImage || "")).toMatch(
    /^url\("data:image\/svg\+xml,/,
  );

  await page.evaluate(() => {
    const paragraph = document.createElement("p");
    paragraph.textContent = "Łukasz Nguyễn";
    document.querySelector("main")?.append(paragraph);
  });
  await expect
    .poll(() => page.evaluate(() => document.fonts.check("16px Marianne", "Łễ")))
    .toBe(true);
  expect(fontFiles()).toContain("Marianne-Regular.extended.woff2");
});
