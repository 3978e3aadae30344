/**
 * Opens the database: an embedded PostgreSQL (PGlite, WebAssembly) in a local directory by default,
 * or a real PostgreSQL server when a URL is given. Both speak the same dialect and run the same
 * migrations; the rest of the app only sees a PrismaClient. See docs/decisions/002-database.md.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "~/generated/prisma/client";
import { log } from "../log.server";

export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  /** `dataDir` is a directory, or "memory://" for a throw-away database (tests). */
  | { kind: "embedded"; dataDir: string };

/** A single connection able to run multi-statement scripts (migrations, resets). */
export interface SqlConnection {
  query<Row>(text: string, params?: unknown[]): Promise<Row[]>;
  exec(script: string): Promise<void>;
  release(): Promise<void>;
}

export interface Database {
  target: DatabaseTarget;
  prisma: PrismaClient;
  /** A dedicated connection; release it when done. */
  connect(): Promise<SqlConnection>;
  close(): Promise<void>;
}

export function openDatabase(target: DatabaseTarget): Database {
  return target.kind === "postgres" ? openPostgres(target) : openEmbedded(target);
}

function openPostgres(target: Extract<DatabaseTarget, { kind: "postgres" }>): Database {
  const pool = new pg.Pool({ connectionString: target.url, max: 10 });
  // An idle connection closed by the server (restart, failover, administrator) must not crash the
  // process: the pool drops it and opens another one on the next query.
  pool.on("error", (error) => {
    log().warn({ err: error }, "PostgreSQL : connexion inactive perdue");
  });
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool),
    // Under load every connection of the pool may be busy for a while: a transaction waits for
    // one rather than fail after Prisma's default 2 s (a 500 seen by the load test, P2028).
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
  });
  return {
    target,
    prisma,
    async connect() {
      const client = await pool.connect();
      return {
        async query<Row>(text: string, params?: unknown[]) {
          return (await client.query(text, params)).rows as Row[];
        },
        async exec(script: string) {
          // Without parameters, pg uses the simple query protocol: several statements are allowed.
          await client.query(script);
        },
        async release() {
          client.release();
        },
      };
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/**
 * The embedded database is a directory one process may open at a time (two would corrupt it): a
 * lock file holds the owner's pid. A lock left by a process that died is taken over.
 */
function lockEmbedded(dataDir: string): () => void {
  const lock = path.join(dataDir, "aj.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: "wx" });
      return () => rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSync(lock, "utf8"));
      if (owner === process.pid) {
        throw new Error(`La base embarquée ${dataDir} est déjà ouverte par ce processus.`);
      }
      if (owner && isAlive(owner)) {
        throw new Error(
          `La base embarquée ${dataDir} est ouverte par un autre processus (pid ${owner}, par exemple la démonstration) : arrêtez-le d'abord, ou utilisez DATABASE_URL (PostgreSQL).`,
        );
      }
      rmSync(lock, { force: true });
    }
  }
  throw new Error(`Impossible de verrouiller la base embarquée ${dataDir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function openEmbedded(target: Extract<DatabaseTarget, { kind: "embedded" }>): Database {
  const onDisk = !target.dataDir.includes("://");
  if (onDisk) mkdirSync(target.dataDir, { recursive: true });
  const unlock = onDisk ? lockEmbedded(target.dataDir) : () => {};
  const pglite = new PGlite(target.dataDir);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    target,
    prisma,
    async connect() {
      // PGlite is a single connection: sharing it is what a dedicated connection means here.
      return {
        async query<Row>(text: string, params?: unknown[]) {
          return (await pglite.query<Row>(text, params)).rows;
        },
        async exec(script: string) {
          await pglite.exec(script);
        },
        async release() {},
      };
    },
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      unlock();
    },
  };
}
