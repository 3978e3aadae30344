/**
 * The layering of docs/decisions/012, checked on the sources: the domain imports no framework and
 * does no I/O; the route modules query no database themselves (they call a server function).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function sources(folder: string): { file: string; text: string }[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => ({ file, text: readFileSync(path.join(folder, file), "utf8") }));
}

describe("layering", () => {
  it("the domain is pure: no framework, no database, no server module", () => {
    const domain = sources("app/domain");
    expect(domain.length).toBeGreaterThan(5);
    const impure = domain.filter(({ text }) =>
      /from "(@remix-run\/|react|react-dom|~\/generated\/prisma|node:|~\/server\/|[^"]*\.server)/.test(
        text,
      ),
    );
    expect(impure.map(({ file }) => file)).toEqual([]);
  });

  it("the routes query no database: `prisma()` is only handed to a server function", () => {
    const routes = sources("app/routes");
    expect(routes.length).toBeGreaterThan(40);
    // `prisma().x`, or a client kept in a variable (`db.application.count(…)`), or raw SQL.
    const querying = routes.filter(({ text }) =>
      /prisma\(\)\s*\.|\.\$(queryRaw|executeRaw|transaction)|\.(findMany|findFirst|findUnique|findFirstOrThrow|findUniqueOrThrow|count|aggregate|groupBy|create|createMany|update|updateMany|upsert|deleteMany)\(/.test(
        text,
      ),
    );
    expect(querying.map(({ file }) => file)).toEqual([]);
  });
});
