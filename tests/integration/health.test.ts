import { describe, expect, it } from "vitest";
import { checkHealth } from "~/server/health.server";
import { createTestDatabase } from "../helpers/database";

describe("checkHealth", () => {
  it("says ok while the database answers, unreachable once it does not", async () => {
    const db = await createTestDatabase({ migrate: false });
    expect(await checkHealth(db.prisma)).toEqual({ status: "ok", db: "ok" });
    await db.close();
    expect(await checkHealth(db.prisma)).toEqual({ status: "error", db: "unreachable" });
  });
});
