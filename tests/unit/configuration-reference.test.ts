/**
 * docs/configuration.md is the reference a team that clones the service deploys from, and the
 * README repeats its table: each lists every variable the server reads, once, no other, with the
 * default the code applies.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_PROVIDER_VALUES, DEMO_SECRETS, ENV_VARIABLES, parseEnv } from "~/server/env.server";

/** The rows of the tables between two headings of a file: [variable, its « défaut » cell]. */
function tableRows(file: string, from: string, to: string): [string, string][] {
  const text = readFileSync(path.join(import.meta.dirname, "../..", file), "utf8");
  const start = text.indexOf(from);
  const end = text.indexOf(to, start);
  if (start < 0 || end < 0) throw new Error(`${file} : « ${from} » ou « ${to} » introuvable`);
  return [...text.slice(start, end).matchAll(/^\| `([A-Z][A-Z0-9_]*)` *\| *([^|]*?) *\|/gm)].map(
    (match) => [match[1] as string, match[2] as string],
  );
}

const references = {
  "docs/configuration.md": tableRows(
    "docs/configuration.md",
    "## 1. Les variables de l'application",
    "## 2. Les règles de production",
  ),
  "README.md": tableRows("README.md", "## Configuration", "## Production"),
};

// Outside production, without any variable set: every default, the demo values included.
const defaults = parseEnv({ NODE_ENV: "development" }) as unknown as Record<string, unknown>;
const demoValues: Record<string, string> = { ...DEMO_SECRETS, ...DEMO_PROVIDER_VALUES };

describe.each(Object.entries(references))("%s", (_file, rows) => {
  it("names every variable the server reads, once, and no other", () => {
    const names = rows.map(([name]) => name);
    expect(names.length).toBeGreaterThan(40);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
    expect([...names].sort()).toEqual([...ENV_VARIABLES].sort());
  });

  it("gives the default the code applies", () => {
    const checked: string[] = [];
    for (const [name, cell] of rows) {
      // « démo » (« démo* », « démo** (`…`) »…): outside production, a published demo value.
      if (cell.startsWith("démo")) {
        expect.soft(demoValues[name], name).toBeDefined();
        expect.soft(defaults[name], name).toBe(demoValues[name]);
        const example = /\(`([^`]*)`/.exec(cell)?.[1];
        if (example) expect.soft(demoValues[name], name).toBe(example);
        checked.push(name);
        continue;
      }
      // « (vide) », « aucun »: nothing by default.
      if (cell === "(vide)" || cell === "aucun") {
        expect.soft(defaults[name], name).toBeUndefined();
        checked.push(name);
        continue;
      }
      // One literal value; a default derived from another variable (`DGFIP_API_URL/token`) is
      // applied where it is used, prose is not checked.
      const literal = /^`([^`]*)`$/.exec(cell)?.[1];
      if (literal === undefined || /^[A-Z][A-Z0-9_]*\//.test(literal)) continue;
      // Numbers may be written with spaces or underscores for reading.
      const expected = /^[\d\s\u202f_]+$/.test(literal) ? literal.replace(/\D/g, "") : literal;
      // A long value may be shortened with an ellipsis (`Aide juridictionnelle <ne-pas-repondre@…>`).
      const [head, tail] = expected.split("…");
      const value = shownList(defaults[name]);
      if (tail === undefined) expect.soft(value, name).toBe(expected);
      else expect.soft(value.startsWith(head ?? "") && value.endsWith(tail), name).toBe(true);
      checked.push(name);
    }
    expect(checked.length).toBeGreaterThan(45);
  });

  it("gives DATA_PROVIDERS its two defaults, in and out of production", () => {
    const cell = rows.find(([name]) => name === "DATA_PROVIDERS")?.[1] ?? "";
    const [outside, production] = [...cell.matchAll(/`([^`]*)`/g)].map((match) => match[1]);
    expect(outside).toBe(shownList(defaults.DATA_PROVIDERS));
    const inProduction = parseEnv({
      NODE_ENV: "production",
      DEMO_MODE: "true",
      APP_URL: "https://aj.example.gouv.fr",
      ...DEMO_SECRETS,
    });
    expect(production).toBe(shownList(inProduction.DATA_PROVIDERS));
  });
});

function shownList(value: unknown): string {
  return Array.isArray(value) ? value.join(",") : String(value);
}
