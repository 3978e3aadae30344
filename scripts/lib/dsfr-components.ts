/**
 * The DSFR components this application uses, and the browser script made of their parts.
 *
 * The stylesheet (`scripts/dsfr-css.ts`, decision 028) and the script (decision 047) are both
 * assembled from this one list: a component added here gets its rules and, if it has one, its
 * behaviour.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";

/** The package's copy of the DSFR. */
export const DSFR = "node_modules/@codegouvfr/react-dsfr/dsfr";

/** The DSFR components the pages use (folder names of `dsfr/component/`), in any order. */
export const DSFR_COMPONENTS = [
  "alert",
  "badge",
  "breadcrumb",
  "button",
  "callout",
  "card",
  "checkbox",
  "connect",
  "footer",
  "form",
  "header",
  "input",
  "link",
  "logo",
  "modal",
  "navigation",
  "notice",
  "radio",
  "select",
  "skiplink",
  "stepper",
  "table",
  "tag",
  "tile",
] as const;

/**
 * A component's file, relative to the DSFR's folder (`suffix`: `main.min.css`, `module.js`…);
 * throws on a name the DSFR does not have, a misspelling that would otherwise go unnoticed.
 */
export function componentPath(name: string, suffix: string): string {
  if (!existsSync(`${DSFR}/component/${name}`)) {
    throw new Error(
      `${name} : composant inconnu du DSFR (dossier ${DSFR}/component/${name} absent)`,
    );
  }
  return `component/${name}/${name}.${suffix}`;
}

/**
 * Whether the pages may show the DSFR's dark theme. This service shows the light one only (no
 * « Paramètres d'affichage » dialog, decision 044): the dark theme's rules (12 kB, 3 kB
 * compressed) are left out of the stylesheet. A clone that offers the dark theme sets this to
 * true, and adds `"display"` to `DSFR_COMPONENTS` (docs/cloner-ce-modele.md).
 */
export const DARK_THEME = false;

/** The DSFR's full script, which react-dsfr's start imports: the order of its parts comes from it. */
const FULL_SCRIPT = `${DSFR}/dsfr.module.js`;

/**
 * The modules of the script every page loads, relative to the DSFR's folder: the core, the color
 * schemes and each listed component that has a script of its own, in the order of the DSFR's full
 * script. The full script is made of these same files (each declares `api.<name> = {…}` in it);
 * a part it does not contain stops the build rather than being guessed at.
 */
export async function dsfrScriptModules(
  components: readonly string[] = DSFR_COMPONENTS,
  fullScript = FULL_SCRIPT,
): Promise<string[]> {
  const full = await readFile(fullScript, "utf8");
  const parts = [
    { name: "scheme", file: "scheme/scheme.module.js" },
    ...components
      .map((name) => ({ name, file: componentPath(name, "module.js") }))
      .filter(({ file }) => existsSync(`${DSFR}/${file}`)),
  ].map(({ name, file }) => {
    const position = full.indexOf(`\napi.${name} = {`);
    if (position < 0) throw new Error(`${name} : partie introuvable dans ${fullScript}`);
    return { file, position };
  });
  parts.sort((a, b) => a.position - b.position);
  return ["core/core.module.js", ...parts.map(({ file }) => file)];
}
