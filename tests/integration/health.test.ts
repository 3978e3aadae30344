import { describe, expect, it } from "vitest";
import { checkHealth } from "~/server/health.server";
import { createTestDatabase } from "../helpers/database";

describe("checkHealth", () => {
  it("says ok while the database answers, unreachable once it does not", async () => {
    const db = await createTestDatabase({ migrate: false });
    // The embedded database starts on its first query (seconds on a busy machine, more than the
    // check's 2 s budget): the server always queries it first (migrations), so does this test.
    await db.prisma.$queryRaw`SELECT 1`;
    expect(await checkHealth(db.prisma)).toEqual({ status: "ok", db: "ok" });
    await db.close();
    expect(await checkHealth(db.prisma)).toEqual({ status: "error", db: "unreachable" });
  });
});
