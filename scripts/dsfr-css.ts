/**
 * Assembles the one stylesheet every page loads: the DSFR's core, its dark theme (if
 * `DARK_THEME`), the components this application uses (each as the DSFR publishes it, in the order
 * of its own full build, with its print rules), the icons the code uses (trimmed by react-dsfr's
 * `only-include-used-icons`), the root's color scheme (`COLOR_SCHEME`) and fallback faces drawn to
 * Marianne's measures (`scripts/lib/font-fallbacks.ts`, decision 043), instead of the full
 * `dsfr.min.css` (600 kB, about half of it components no page shows, plus the rules for Internet
 * Explorer 11). Decision 028. Each Marianne face is cut in a main and an extended file
 * (`scripts/lib/font-subsets.ts`) and the SVGs are written in the stylesheet (`inlineSvgs`):
 * decision 044.
 *
 * Writes `public/dsfr/dsfr.app.min.css` (its `url()`s rewritten to stay right from there) and
 * `app/generated/dsfr-css.ts`, the stylesheet's address with a hash of its content, so that a
 * browser fetches it again exactly when it changes, and the addresses of the font files the pages
 * preload. Run by `npm run generate` (at install) and by `npm run build`, after
 * `copy-dsfr-to-public` and `only-include-used-icons`.
 *
 * A component used without being listed in `scripts/lib/dsfr-components.ts` shows unstyled;
 * `tests/e2e/dsfr-css.test.ts` fails when a page carries a DSFR class that the full stylesheet
 * defines and this one does not.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { inlineSvgs, localUrls, relocateUrls } from "./lib/css";
import { componentPath, DARK_THEME, DSFR, DSFR_COMPONENTS } from "./lib/dsfr-components";
import { fallbackFaces, withFallbacks } from "./lib/font-fallbacks";
import {
  marianneFiles,
  type SubsetFace,
  subsetAddress,
  subsetWoff2,
  withSubsets,
} from "./lib/font-subsets";

const FULL = `${DSFR}/dsfr.main.min.css`;
const PUBLIC = "public/dsfr";
const OUTPUT = `${PUBLIC}/dsfr.app.min.css`;
const MODULE = "app/generated/dsfr-css.ts";
/**
 * The faces every page draws on its first paint, relative to the stylesheet: the body text
 * (regular) and the titles, the service's name and strong passages (bold). Their main parts are
 * preloaded (decision 048).
 */
const PRELOADED_FONTS = ["fonts/Marianne-Regular.woff2", "fonts/Marianne-Bold.woff2"];
/** Trimmed to the icons the code uses, in place, by `only-include-used-icons`. */
const ICONS = `${PUBLIC}/utility/icons/icons.min.css`;

/**
 * The color scheme react-dsfr's start writes in a `<style>` of its own (`:root { color-scheme:
 * light; }`), said beforehand by the page's own stylesheet. Without it, the page is painted with
 * the browser's default color scheme and that `<style>`, added as the page starts, changes an
 * inherited property of the root: the browser computes again the style of every element (15 to
 * 20 ms of main thread here, four times more on the phone Lighthouse simulates; one element with
 * this rule). The attribute is the one react-dsfr sets along with its `<style>`.
 */
const COLOR_SCHEME =
  ":root[data-fr-theme=light]{color-scheme:light}:root[data-fr-theme=dark]{color-scheme:dark}";

/** The licence banner each DSFR file starts with; kept once, at the top. */
const BANNER = /\/\*![\s\S]*?\*\//;
/** Some files declare their encoding: allowed only at the very start of a stylesheet. */
const CHARSET = '@charset "UTF-8";';

/** A DSFR file's rules alone. */
const rules = (css: string) => css.replace(CHARSET, "").trim().replace(BANNER, "").trim();

async function part(file: string): Promise<string> {
  const css = await readFile(file, "utf8");
  // public/dsfr mirrors the package's dsfr folder (copy-dsfr-to-public): addresses are resolved there.
  const served = file.startsWith(DSFR)
    ? path.posix.join(PUBLIC, path.posix.relative(DSFR, file))
    : file;
  return relocateUrls(rules(css), served, OUTPUT);
}

/**
 * The components in the order the DSFR's full build puts them (later rules may override earlier
 * ones): found by where each one's first rule sits in `dsfr.main.min.css`.
 */
async function inBuildOrder(components: readonly string[]): Promise<string[]> {
  const full = await readFile(FULL, "utf8");
  const positions = await Promise.all(
    components.map(async (name) => {
      const file = componentFile(name);
      const css = rules(await readFile(file, "utf8"));
      // Addresses as the full build writes them, from the folder above.
      const position = full.indexOf(relocateUrls(css, file, FULL).slice(0, 200));
      if (position < 0) {
        throw new Error(`${name} : composant introuvable dans dsfr.main.min.css`);
      }
      return { name, position };
    }),
  );
  return positions.sort((a, b) => a.position - b.position).map(({ name }) => name);
}

const componentFile = (name: string) => `${DSFR}/${componentPath(name, "main.min.css")}`;
const componentPrintFile = (name: string) => `${DSFR}/${componentPath(name, "print.min.css")}`;

async function main() {
  const banner = (await readFile(FULL, "utf8")).match(BANNER)?.[0] ?? "";
  // A component may have a script and no styles (the DSFR's display settings do).
  const components = await inBuildOrder(
    DSFR_COMPONENTS.filter((name) => existsSync(componentFile(name))),
  );
  // Each part's print rules (`@media print`) last, as in the full build: hidden navigation, the
  // récépissé and the letters printed without the screen's chrome.
  const print = [`${DSFR}/core/core.print.min.css`, ...components.map(componentPrintFile)];
  const files = [
    `${DSFR}/core/core.main.min.css`,
    ...(DARK_THEME ? [`${DSFR}/scheme/scheme.min.css`] : []),
    ...components.map(componentFile),
    ICONS,
    ...print.filter((file) => existsSync(file)),
  ];
  const assembled = [CHARSET + banner, ...(await Promise.all(files.map(part)))].join("\n");
  const subsets = new Map<string, SubsetFace[]>();
  const fonts = marianneFiles(assembled);
  for (const font of PRELOADED_FONTS) {
    if (!fonts.includes(font)) throw new Error(`${font} : absent de la feuille du DSFR`);
  }
  for (const file of fonts) {
    subsets.set(file, await subsetWoff2(path.join(PUBLIC, file)));
  }
  const css = inlineSvgs(
    [withSubsets(withFallbacks(assembled), subsets), COLOR_SCHEME, fallbackFaces()].join("\n"),
    (url) => readFileSync(path.join(PUBLIC, url), "utf8"),
  );
  const missing = localUrls(css).filter((url) => !existsSync(path.join(PUBLIC, url)));
  if (missing.length > 0) {
    throw new Error(`Fichiers introuvables depuis ${OUTPUT} : ${missing.join(", ")}`);
  }
  await writeFile(OUTPUT, css);
  // A compressed copy of a previous assembly would be served instead (npm run build writes new ones).
  await Promise.all([".br", ".gz"].map((suffix) => rm(OUTPUT + suffix, { force: true })));

  const preloaded = PRELOADED_FONTS.map((font) => {
    const main = subsets.get(font)?.find((face) => face.part === "main");
    if (!main) throw new Error(`${font} : pas de partie principale`);
    return `/${path.posix.join(path.posix.relative("public", PUBLIC), subsetAddress(font, main))}`;
  });
  const hash = createHash("sha256").update(css).digest("hex").slice(0, 12);
  await mkdir(path.dirname(MODULE), { recursive: true });
  await writeFile(
    MODULE,
    `// Written by scripts/dsfr-css.ts: the assembled DSFR stylesheet, addressed by its content.\n` +
      `export const DSFR_STYLESHEET = "/${path.posix.relative("public", OUTPUT)}?v=${hash}";\n` +
      `export const PRELOADED_FONTS = ${JSON.stringify(preloaded)};\n`,
  );
  const full = (await readFile(`${DSFR}/dsfr.min.css`)).length;
  console.log(
    `DSFR : ${DSFR_COMPONENTS.length} composants, ${Math.round(css.length / 1000)} ko ` +
      `(dsfr.min.css : ${Math.round(full / 1000)} ko) → ${OUTPUT}`,
  );
}

await main();
