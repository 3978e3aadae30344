/**
 * docs/configuration.md is the reference a team that clones the service deploys from: its section 1
 * lists every variable the server reads, no other, with the default the code applies.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENV_VARIABLES, parseEnv } from "~/server/env.server";

const reference = readFileSync(
  path.join(import.meta.dirname, "../../docs/configuration.md"),
  "utf8",
);
const section = reference.slice(
  reference.indexOf("## 1. Les variables de l'application"),
  reference.indexOf("## 2. Les règles de production"),
);
/** The rows of the section's tables: variable → its « défaut » cell. */
const rows = new Map(
  [...section.matchAll(/^\| `([A-Z][A-Z0-9_]*)` *\| *([^|]*?) *\|/gm)].map(
    (match) => [match[1] as string, match[2] as string] as const,
  ),
);

describe("docs/configuration.md", () => {
  it("documents every variable the server reads, and no other", () => {
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
      expect.soft(shown, name).toBe(expected);
      checked.push(name);
    }
    expect(checked.length).toBeGreaterThan(25);
  });
});
