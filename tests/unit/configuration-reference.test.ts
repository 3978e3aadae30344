/**
 * docs/configuration.md is the reference a team that clones the service deploys from, and the
 * README repeats its table: each lists every variable the server reads, no other, with the default
 * the code applies.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENV_VARIABLES, parseEnv } from "~/server/env.server";

/** The rows of the tables between two headings of a file: variable → its « défaut » cell. */
function tableRows(file: string, from: string, to: string): Map<string, string> {
  const text = readFileSync(path.join(import.meta.dirname, "../..", file), "utf8");
  const start = text.indexOf(from);
  const section = text.slice(start, text.indexOf(to, start));
  return new Map(
    [...section.matchAll(/^\| `([A-Z][A-Z0-9_]*)` *\| *([^|]*?) *\|/gm)].map(
      (match) => [match[1] as string, match[2] as string] as const,
    ),
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

describe.each(Object.entries(references))("%s", (_file, rows) => {
  it("names every variable the server reads, and no other", () => {
    expect(rows.size).toBeGreaterThan(40);
    expect([...rows.keys()].sort()).toEqual([...ENV_VARIABLES].sort());
  });

  it("gives the default the code applies, where it writes one as a value", () => {
    // Outside production, without any variable set: every default, the demo values included.
    const defaults = parseEnv({ NODE_ENV: "development" }) as unknown as Record<string, unknown>;
    const checked: string[] = [];
    for (const [name, cell] of rows) {
      // Only the cells that are one literal value (« (vide) », « démo », prose are not).
      const literal = /^`([^`]*)`$/.exec(cell)?.[1];
      // A default derived from another variable (`DGFIP_API_URL/token`) is applied where it is used.
      if (literal === undefined || ENV_VARIABLES.some((other) => literal.startsWith(other))) {
        continue;
      }
      const value = defaults[name];
      const shown = Array.isArray(value) ? value.join(",") : String(value);
      // Numbers may be written with spaces or underscores for reading.
      const expected = /^[\d\s\u202f_]+$/.test(literal) ? literal.replace(/\D/g, "") : literal;
      // A long value may be shortened with an ellipsis (`Aide juridictionnelle <ne-pas-repondre@…>`).
      const [head, tail] = expected.split("…");
      if (tail === undefined) expect.soft(shown, name).toBe(expected);
      else expect.soft(shown.startsWith(head ?? "") && shown.endsWith(tail), name).toBe(true);
      checked.push(name);
    }
    expect(checked.length).toBeGreaterThan(25);
  });
});
