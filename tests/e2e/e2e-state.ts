/**
 * What the end-to-end checks read besides the pages: the suite's database (DATABASE_URL, the
 * PostgreSQL pass), its SMTP catcher's inbox, and the audit trail's verification.
 */
import { spawnSync } from "node:child_process";
import { queryOnce } from "../../scripts/lib/pg-once";

const PORT = Number(process.env.E2E_PORT ?? 3100);

/** The local SMTP catcher's messages (maildev's API). */
export const INBOX = `http://localhost:${PORT + 4}/api/email`;

/** One query on the suite's database. */
export function query<Row>(sql: string, values: unknown[] = []): Promise<Row[]> {
  return queryOnce<Row>(process.env.DATABASE_URL ?? "", sql, values);
}

/** `npm run audit:verify` on the suite's database: its exit status and output. */
export function verifyAuditTrail() {
  const verified = spawnSync(process.execPath, ["--import", "tsx", "scripts/audit.ts"], {
    env: { ...process.env, NODE_ENV: "test" },
    encoding: "utf8",
  });
  return { status: verified.status, output: verified.stdout + verified.stderr };
}
