/**
 * One process at a time on an embedded database directory (two would corrupt it): a second opener
 * gets a clear message; a lock left by a dead process is taken over.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/server/db/connection.server";

const dir = mkdtempSync(path.join(tmpdir(), "aj-lock-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the embedded database's lock", () => {
  it("refuses a directory another live process holds, takes over a dead one's", async () => {
    const lock = path.join(dir, "aj.lock");
    // pid 1 (init) is always alive.
    writeFileSync(lock, "1");
    expect(() => openDatabase({ kind: "embedded", dataDir: dir })).toThrow(
      /ouverte par un autre processus \(pid 1/,
    );
    // A pid that does not exist: a crashed process.
    writeFileSync(lock, "4194303");
    const db = openDatabase({ kind: "embedded", dataDir: dir });
    await db.prisma.$queryRaw`SELECT 1`;
    // Twice in the same process: refused too.
    expect(() => openDatabase({ kind: "embedded", dataDir: dir })).toThrow(/déjà ouverte/);
    await db.close();
    // Closed: free again.
    const again = openDatabase({ kind: "embedded", dataDir: dir });
    await again.close();
  }, 60_000);
});
