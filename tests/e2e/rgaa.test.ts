/**
 * The RGAA criteria a machine can decide, on the audit's sample (docs/rgaa/grille-audit-2026-11.md,
 * 1.2), each page in the state a person sees it:
 * - 8.2 the generated code is valid: html-validate's « standard » rules (the HTML specification
 *   only) on the page as the browser holds it, after its scripts ran;
 * - 10.4 text enlarged to 200 % (the browser's default font size doubled, as a text-only zoom does:
 *   the DSFR sizes text and breakpoints in rem and em), and 10.12 the text spacing of the criterion
 *   (line height 1.5, paragraphs 2, letters 0.12, words 0.16): no text cut by a box that hides its
 *   overflow, no page wider than the window;
 * - 10.11 at 320 px wide: no page wider than the window (tables scroll inside their own frame);
 * - 10.3 and 12.8 the order of the code is the order on the screen, on a phone: each heading,
 *   label, link, button and field comes after the previous one, so that the page read without its
 *   styles (or by a screen reader) tells things in the order seen;
 * - 3.2 and 3.3 the charts (SVG, where axe does not look): texts at 4.5:1 with the page, bars and
 *   the reference line at 3:1.
 * Each check lists every failure with the page and the element, so that the report says what to fix.
 */
import { expect, type Page, test } from "@playwright/test";
import { HtmlValidate } from "html-validate";
import { serveJdmaButtonImage } from "./helpers";
import { fillApplication, submitFields, Visitor } from "./http-journeys";
import { AGENT_COOKIE, CITIZEN_COOKIE } from "./http-login";

test.skip(({ isMobile }) => isMobile, "each check sets its own window size");
// About twenty pages, each loaded four times; more on the second pass of .ci/run (two instances).
test.describe.configure({ timeout: 300_000 });

const validator = new HtmlValidate({ extends: ["html-validate:standard"] });

/** The criterion's text spacing (WCAG 1.4.12), imposed on every element. */
const TEXT_SPACING = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }`;

type Visit = { path: string; cookie: [string, string] | null };

/**
 * Texts cut by a box that hides its overflow (hidden or clip): a rendered piece of text that runs
 * out of the box. Text hidden on purpose (screen-reader only, closed menus, 1-pixel clips) aside.
 */
function cutText(page: Page) {
  return page.evaluate(() => {
    const scrollsWithin = (element: Element, box: Element) => {
      for (let at: Element | null = element; at && at !== box; at = at.parentElement) {
        const { overflowX, overflowY } = getComputedStyle(at);
        if ([overflowX, overflowY].some((value) => value === "auto" || value === "scroll")) {
          return true;
        }
      }
      return false;
    };
    const cut: string[] = [];
    for (const box of document.querySelectorAll<HTMLElement>("body *")) {
      const style = getComputedStyle(box);
      const hidesX = style.overflowX === "hidden" || style.overflowX === "clip";
      const hidesY = style.overflowY === "hidden" || style.overflowY === "clip";
      if (!hidesX && !hidesY) continue;
      const frame = box.getBoundingClientRect();
      // The visually-hidden technique (a 1-pixel box), and boxes not shown.
      if (frame.width <= 2 || frame.height <= 2 || !box.checkVisibility()) continue;
      if (box.closest(".fr-sr-only, [aria-hidden='true']")) continue;
      const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!node.textContent?.trim() || !parent?.checkVisibility({ visibilityProperty: true })) {
          continue;
        }
        if (parent.closest(".fr-sr-only, [aria-hidden='true']")) continue;
        // Hidden on purpose: the label of an icon-only button of the DSFR (« Menu »), drawn as a
        // square (no wider than it is high), the label being its accessible name. A button with a
        // visible label has no such limit (none, or 100 %).
        const button = parent.closest<HTMLElement>(".fr-btn");
        const limit = button ? getComputedStyle(button).maxWidth : "none";
        if (button && limit.endsWith("px") && Number.parseFloat(limit) <= button.offsetHeight + 1) {
          continue;
        }
        // Out of the box but in a frame that scrolls inside it (a wide table): reachable.
        if (scrollsWithin(parent, box)) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        // The last letter's spacing is blank space after it, and a glyph's box is wider than its
        // ink by a pixel or so (side bearings): neither is text cut.
        const spacing = Number.parseFloat(getComputedStyle(parent).letterSpacing) || 0;
        const out = [...range.getClientRects()].find(
          (rect) =>
            rect.width > 0 &&
            ((hidesX && (rect.left < frame.left - 2 || rect.right > frame.right + 2 + spacing)) ||
              (hidesY && (rect.top < frame.top - 2 || rect.bottom > frame.bottom + 2))),
        );
        if (out) {
          const by = Math.max(
            frame.left - out.left,
            out.right - spacing - frame.right,
            frame.top - out.top,
            out.bottom - frame.bottom,
          );
          cut.push(
            `« ${node.textContent.trim().slice(0, 50)} » coupé de ${by.toFixed(1)} px par <${box.tagName.toLowerCase()} class="${box.className}">`,
          );
          break;
        }
      }
    }
    return cut;
  });
}

/** The elements wider than the window, outside any frame that scrolls (none when the page fits). */
function tooWide(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const scrolls = (element: Element | null): boolean => {
      for (let at = element; at && at !== document.body; at = at.parentElement) {
        const overflow = getComputedStyle(at).overflowX;
        if (overflow === "auto" || overflow === "scroll") return true;
      }
      return false;
    };
    const wide = [...document.querySelectorAll<HTMLElement>("body *")].filter(
      (element) =>
        element.getBoundingClientRect().right > width + 1 && !scrolls(element.parentElement),
    );
    return [
      `page de ${document.documentElement.scrollWidth} px pour ${width} px`,
      ...wide
        .slice(0, 5)
        .map((element) => `<${element.tagName.toLowerCase()} class="${element.className}">`),
    ];
  });
}

/**
 * Pairs of elements (headings, labels, legends, links, buttons, fields) whose order on the screen
 * is not the order of the code: the second starts above the first, or on its line but to its left.
 */
function outOfOrder(page: Page) {
  return page.evaluate(() => {
    const items = [
      ...document.querySelectorAll<HTMLElement>(
        "main :is(h1, h2, h3, h4, label, legend, a, button, input, select, textarea)",
      ),
    ].filter((element) => {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) return false;
      // Not shown: hidden, or in a closed <details>.
      if (!element.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) {
        return false;
      }
      if (element.closest(".fr-sr-only, [aria-hidden='true']")) return false;
      // A radio or checkbox input is drawn by its label (the DSFR hides the native box).
      if (element instanceof HTMLInputElement && ["radio", "checkbox"].includes(element.type)) {
        return false;
      }
      return true;
    });
    const wrong: string[] = [];
    const name = (element: HTMLElement) =>
      `<${element.tagName.toLowerCase()}> « ${(element.textContent || element.getAttribute("aria-label") || element.getAttribute("name") || "").trim().slice(0, 40)} »`;
    for (let i = 1; i < items.length; i++) {
      const before = items[i - 1] as HTMLElement;
      const after = items[i] as HTMLElement;
      // Nested (a link in a label, a field in its label): one place.
      if (before.contains(after) || after.contains(before)) continue;
      const a = before.getBoundingClientRect();
      const b = after.getBoundingClientRect();
      // Side by side (two columns of a form, the cells of a row): read left, then right.
      const sameColumn = b.left < a.right - 2 && b.right > a.left + 2;
      const sameLine = b.top < a.bottom - 2 && b.bottom > a.top + 2;
      if (sameLine ? b.left < a.left - 2 : sameColumn && b.bottom <= a.top + 2) {
        wrong.push(`${name(after)} avant ${name(before)} à l'écran`);
      }
    }
    return wrong;
  });
}

/**
 * The charts' colours against the page (SVG, where axe does not look): texts at 4.5:1 (3.2), bars
 * and the reference line at 3:1 (3.3; the line is drawn in the gap between two bars, and its label
 * has a halo of the page's colour).
 */
function lowContrastCharts(page: Page) {
  return page.evaluate(() => {
    const luminance = (rgb: number[]) => {
      const [r, g, b] = rgb.map((value) => {
        const c = value / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    /** rgb(…) or rgba(…) to its three channels; none for a colour that is not opaque. */
    const parse = (color: string) => {
      const channels = (color.match(/\d+(\.\d+)?/g) ?? []).map(Number);
      const opaque = /^rgb\(/.test(color) || channels[3] === 1;
      return channels.length >= 3 && opaque ? channels.slice(0, 3) : [Number.NaN];
    };
    const background = luminance(parse(getComputedStyle(document.body).backgroundColor));
    // A paint that is not an opaque colour (none, a gradient, transparency) gives NaN: reported.
    const ratio = (color: string) => {
      const own = luminance(parse(color));
      return (Math.max(own, background) + 0.05) / (Math.min(own, background) + 0.05);
    };
    const texts = [...document.querySelectorAll<SVGTextElement>("svg text")];
    const shapes = [
      ...document.querySelectorAll<SVGElement>("svg rect, svg line[stroke-dasharray]"),
    ];
    const low: { criterion: string; what: string }[] = [];
    for (const text of texts) {
      const value = ratio(getComputedStyle(text).fill);
      if (!(value >= 4.5))
        low.push({ criterion: "3.2", what: `« ${text.textContent} » : ${value.toFixed(2)}:1` });
    }
    for (const shape of shapes) {
      const style = getComputedStyle(shape);
      const value = ratio(shape.tagName === "rect" ? style.fill : style.stroke);
      if (!(value >= 3))
        low.push({ criterion: "3.3", what: `<${shape.tagName}> : ${value.toFixed(2)}:1` });
    }
    return { count: texts.length + shapes.length, low };
  });
}

test("the sample's pages pass the RGAA criteria a machine can decide", async ({
  browser,
  baseURL,
}) => {
  const base = baseURL ?? "";
  // A citizen with a draft up to the summary (the four steps), then submitted; an agent of Paris.
  const citizen = await new Visitor(base).asCitizen("usager-9997");
  const draft = await fillApplication(citizen, "usager-9997@yopmail.com");
  const citizenCookie: [string, string] = [CITIZEN_COOKIE, citizen.appCookie(CITIZEN_COOKIE) ?? ""];
  const agent = await new Visitor(base).asAgent("camille.martin");
  const agentCookie: [string, string] = [AGENT_COOKIE, agent.appCookie(AGENT_COOKIE) ?? ""];
  const links = (html: string) => [
    ...new Set(html.match(/\/bureau\/demandes\/[0-9a-f-]{36}/g) ?? []),
  ];
  const queue = await agent.page("/bureau");
  let decided: string | undefined;
  for (const link of links((await agent.page("/bureau?onglet=traitees")).body)) {
    if ((await agent.page(link)).body.includes(`${link}/document/decision`)) {
      decided = link;
      break;
    }
  }
  expect(decided, "une demande décidée dans « Traitées »").toBeTruthy();

  const anonymous = [
    "/",
    "/simulateur",
    "/simulateur?referenceTaxIncome=12000&householdSize=1",
    "/aide",
  ];
  const steps = [
    "/demande/identite",
    "/demande/ressources",
    "/demande/procedure",
    "/demande/recapitulatif",
  ];
  const visitsBefore: Visit[] = [
    ...anonymous.map((path) => ({ path, cookie: null })),
    ...steps.map((path) => ({ path, cookie: citizenCookie })),
    ...[
      "/bureau",
      links(queue.body)[0] ?? "/bureau/demandes/aucune-dans-la-file",
      "/bureau/statistiques",
      `${decided}/document/decision`,
    ].map((path) => ({ path, cookie: agentCookie })),
  ];

  const failures: string[] = [];
  let validated = 0;
  let charts = 0;
  const check = async (visit: Visit) => {
    const open = async (
      viewport: { width: number; height: number },
      { css, fontSize }: { css?: string; fontSize?: number } = {},
    ) => {
      const context = await browser.newContext({ viewport });
      // The tests run offline: the observatory's button image is served here.
      await serveJdmaButtonImage(context);
      if (visit.cookie) {
        await context.addCookies([{ name: visit.cookie[0], value: visit.cookie[1], url: base }]);
      }
      const page = await context.newPage();
      if (fontSize) {
        const cdp = await context.newCDPSession(page);
        await cdp.send("Page.setFontSizes", { fontSizes: { standard: fontSize, fixed: fontSize } });
      }
      const response = await page.goto(visit.path, { waitUntil: "networkidle" });
      expect(response?.status(), visit.path).toBe(200);
      if (css) await page.addStyleTag({ content: css });
      await page.evaluate(() => document.fonts.ready);
      return page;
    };
    const report = (criterion: string, found: string[]) => {
      for (const each of found) failures.push(`${criterion} ${visit.path} : ${each}`);
    };

    // 8.2 and 3.2, on a desktop window.
    let page = await open({ width: 1280, height: 800 });
    const report82 = await validator.validateString(await page.content());
    validated++;
    report(
      "8.2",
      report82.results.flatMap((result) =>
        result.messages.map(
          (message) => `${message.ruleId} : ${message.message} (${message.selector})`,
        ),
      ),
    );
    const chart = await lowContrastCharts(page);
    charts += chart.count;
    for (const { criterion, what } of chart.low) report(criterion, [what]);
    await page.context().close();

    // 10.4: text at 200 %.
    page = await open({ width: 1280, height: 800 }, { fontSize: 32 });
    expect(
      await page.evaluate(() => getComputedStyle(document.documentElement).fontSize),
      "texte à 200 %",
    ).toBe("32px");
    report("10.4", [...(await cutText(page)), ...(await tooWide(page))]);
    await page.context().close();

    // 10.12: text spacing.
    page = await open({ width: 1280, height: 800 }, { css: TEXT_SPACING });
    report("10.12", [...(await cutText(page)), ...(await tooWide(page))]);
    await page.context().close();

    // 10.11: 320 px wide (1 280 px at 400 %); 10.3 and 12.8: the order on that narrow screen.
    page = await open({ width: 320, height: 256 });
    report("10.11", await tooWide(page));
    report("10.3", await outOfOrder(page));
    await page.context().close();
  };

  for (const visit of visitsBefore) await check(visit);
  // Submitted: the récépissé, « Mes demandes », the application and its récépissé as a page.
  const deposited = await citizen.submit("/demande/recapitulatif", submitFields(draft));
  const own = new URL(deposited.url).pathname;
  for (const path of [`${own}?depot=ok`, "/mes-demandes", own, `${own}/document/recepisse`]) {
    await check({ path, cookie: citizenCookie });
  }

  expect(validated).toBeGreaterThan(15);
  expect(charts, "des textes et des barres de graphiques mesurés").toBeGreaterThan(20);
  expect(failures).toEqual([]);
});

test("each check reports the defect it looks for", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 256 });
  await page.setContent(`<!doctype html><html lang="fr"><head><title>Défauts</title></head>
    <body style="background: #fff; margin: 0">
      <main>
        <div style="width: 60px; overflow: hidden; white-space: nowrap">Un texte trop long pour sa boîte</div>
        <div style="display: flex; flex-direction: column-reverse"><a href="#a">Premier</a><a href="#b">Second</a></div>
        <div style="width: 600px">Plus large que l'écran</div>
        <svg viewBox="0 0 100 40" width="100"><text x="0" y="12" fill="#bbb">Pâle</text>
          <rect x="0" y="20" width="10" height="10" fill="#eee"></rect>
          <rect x="20" y="20" width="10" height="10" fill="rgba(0, 0, 145, 0.2)"></rect></svg>
      </main>
    </body></html>`);
  expect((await cutText(page)).join()).toContain("Un texte trop long");
  expect((await tooWide(page)).join()).toContain("page de");
  expect((await outOfOrder(page)).join()).toContain("« Second » avant <a> « Premier »");
  const charts = await lowContrastCharts(page);
  expect(charts.low.map(({ criterion }) => criterion)).toEqual(["3.2", "3.3", "3.3"]);
  const invalid = await validator.validateString(
    '<!doctype html><html lang="fr"><head><title>x</title></head><body><p><div>x</div></p><input autocomplete="street-address"></body></html>',
  );
  expect(invalid.valid).toBe(false);
});
