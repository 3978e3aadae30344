/**
 * Run after every journey, when the suite ran through two instances of the app behind a
 * round-robin proxy (E2E_INSTANCES=2, CI's PostgreSQL pass: scripts/e2e-server.ts). The journeys
 * themselves proved that sessions, login states and drafts hold when each request meets the other
 * process; here, what the instances share besides:
 * - both served the suite, and started at once on an empty database: one applied the migrations
 *   while the other waited on the lock, each migration recorded once;
 * - the outbox: every mail sent once, whichever instance's dispatcher took it;
 * - the audit trail: one valid chain although both instances appended to it;
 * - the rate limits: counted once for both (a session's exports, alternately on each instance).
 */
import { readdirSync, readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { INBOX, query, verifyAuditTrail } from "./e2e-state";
import { serverLogFiles } from "./log-file";

const instances = Number(process.env.E2E_INSTANCES || 1);

test.skip(instances < 2, "one instance: nothing shared to check (E2E_INSTANCES)");

function logEntries(file: string) {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

test("both instances served the journeys, and migrated the database once between them", async () => {
  const files = serverLogFiles();
  expect(files).toHaveLength(instances);
  const logs = files.map(logEntries);
  for (const entries of logs) {
    expect(entries.filter((entry) => entry.message === "requête").length).toBeGreaterThan(100);
  }
  // Started at once on an empty database: one applied every migration, the other found none left.
  const migrations = readdirSync("prisma/migrations", { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const applied = logs.map((entries) =>
    entries
      .filter((entry) => entry.message === "migrations appliquées")
      .flatMap((entry) => entry.migrations as string[]),
  );
  expect(applied.flat().sort()).toEqual(migrations);
  expect(applied.filter((names) => names.length > 0)).toHaveLength(1);
  const recorded = await query<{ migration_name: string; finished: boolean }>(
    `SELECT migration_name, finished_at IS NOT NULL AS finished FROM "_prisma_migrations"`,
  );
  expect(recorded.map((row) => row.migration_name).sort()).toEqual(migrations);
  expect(recorded.every((row) => row.finished)).toBe(true);
});

test("each mail of the outbox was sent once", async ({ request }) => {
  const sent = await query<{ id: string }>(`SELECT id FROM notification WHERE state = 'SENT'`);
  expect(sent.length).toBeGreaterThan(5);
  const mails = (await (await request.get(INBOX)).json()) as {
    headers?: Record<string, string>;
  }[];
  const ids = mails.map(
    (mail) => /^<([0-9a-f-]{36})@/.exec(mail.headers?.["message-id"] ?? "")?.[1],
  );
  // Every mail of the suite came from the outbox, none twice, and every sent one arrived.
  expect(ids.every(Boolean)).toBe(true);
  expect(new Set(ids).size).toBe(ids.length);
  expect(new Set(ids)).toEqual(new Set(sent.map((row) => row.id)));
});

test("the audit trail is one valid chain", () => {
  const verified = verifyAuditTrail();
  expect(verified.status, verified.output).toBe(0);
});

test("a session's exports are counted once for both instances", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/bureau");
  await page.getByRole("button", { name: "S’identifier avec ProConnect" }).click();
  await page.getByRole("button", { name: /^Julie Petit/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^File des demandes/);
  // 30 exports per session in 10 minutes (server/rate-limits.ts), the proxy alternating instances:
  // counted per instance, none would be refused.
  const statuses: number[] = [];
  for (let index = 0; index < 31; index++) {
    const response = await context.request.get("/bureau/export.csv");
    statuses.push(response.status());
  }
  expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true);
  expect(statuses[30]).toBe(429);
  await context.close();
});
