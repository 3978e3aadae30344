/**
 * The provable audit trail (docs/decisions/017): the full verification finds any edited, deleted,
 * inserted or reordered event, and, against the signed checkpoints, a truncated or rewritten
 * chain and a forged checkpoint; the checkpoint job refuses to sign a broken chain; jobs run once
 * per period whatever the number of instances, and the verification on demand once at a time.
 */
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AgentContext } from "~/server/agent/context.server";
import { verifyNow } from "~/server/agent/journal.server";
import { appendAuditEvent, auditHash } from "~/server/audit.server";
import {
  type AuditKeys,
  auditKeys,
  exportCheckpoints,
  verifyAuditTrail,
  writeCheckpoint,
} from "~/server/audit-checkpoints.server";
import type { Database } from "~/server/db/connection.server";
import { periodOf, runJobOnce } from "~/server/jobs.server";
import { createTestDatabase } from "../helpers/database";

const privateJwk = () =>
  JSON.stringify(generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" }));

let db: Database;
let keys: AuditKeys;
beforeEach(async () => {
  db = await createTestDatabase();
  keys = await auditKeys(privateJwk());
});
afterEach(() => db.close());

async function append(count: number, from = 0) {
  for (let i = from; i < from + count; i++) {
    await db.prisma.$transaction((tx) =>
      appendAuditEvent(tx, { actorType: "SYSTEM", action: "test.event", data: { i } }),
    );
  }
}

const sequences = async () =>
  (
    await db.prisma.auditEvent.findMany({
      orderBy: { sequence: "asc" },
      select: { sequence: true },
    })
  ).map((event) => event.sequence);

/** Ten events, a checkpoint at the 6th, four more. */
async function chain() {
  await append(6);
  const first = await writeCheckpoint(db.prisma, keys);
  expect(first).toMatchObject({ ok: true, verified: 6 });
  await append(4, 6);
  return sequences();
}

describe("the audit trail's verification", () => {
  it("passes on an intact chain, with its checkpoints", async () => {
    await chain();
    const second = await writeCheckpoint(db.prisma, keys);
    expect(second).toMatchObject({ ok: true, verified: 4 });
    // Nothing new: nothing to sign.
    expect(await writeCheckpoint(db.prisma, keys)).toMatchObject({ ok: true, checkpoint: null });
    const report = await verifyAuditTrail(db.prisma, keys);
    expect(report).toMatchObject({ valid: true, events: 10, checkpoints: 2 });
    const exported = await exportCheckpoints(db.prisma, keys);
    expect(exported.checkpoints.map((c) => c.sequence)).toHaveLength(2);
    expect(exported.publicKeys[0]).not.toHaveProperty("d");
  });

  it("names an edited event", async () => {
    const seq = await chain();
    await db.prisma.auditEvent.update({ where: { sequence: seq[7] }, data: { data: { i: 99 } } });
    const report = await verifyAuditTrail(db.prisma, keys);
    expect(report.valid).toBe(false);
    expect(report.problem?.sequence).toBe(seq[7]);
    expect(report.problem?.reason).toMatch(/contenu a été modifié/);
  });

  it("names the event after a deleted one", async () => {
    const seq = await chain();
    await db.prisma.auditEvent.delete({ where: { sequence: seq[3] } });
    const report = await verifyAuditTrail(db.prisma, keys);
    expect(report.problem?.sequence).toBe(seq[4]);
    expect(report.problem?.reason).toMatch(/lien/);
  });

  it("names an inserted event", async () => {
    const seq = await chain();
    // A forged event slipped between the 5th and 6th, with a valid hash of its own.
    const fifth = await db.prisma.auditEvent.findUniqueOrThrow({ where: { sequence: seq[4] } });
    await db.prisma.$executeRawUnsafe(`ALTER SEQUENCE audit_event_sequence_seq RESTART WITH 1000`);
    const forged = {
      occurredAt: new Date(),
      actorType: "SYSTEM" as const,
      actorId: null,
      action: "test.forged",
      applicationId: null,
      data: {},
      previousHash: fifth.hash,
    };
    // Make room: move the later events up by one (as an attacker rewriting positions would).
    await db.prisma.$executeRawUnsafe(
      `UPDATE audit_event SET sequence = sequence + 100 WHERE sequence > ${seq[4]}`,
    );
    await db.prisma.auditEvent.create({
      data: { ...forged, sequence: (seq[4] as bigint) + 1n, hash: auditHash(forged) },
    });
    const report = await verifyAuditTrail(db.prisma, keys);
    expect(report.valid).toBe(false);
    expect(report.problem?.sequence).toBe((seq[5] as bigint) + 100n);
  });

  it("names reordered events", async () => {
    const seq = await chain();
    // Swap the 8th and the 9th (the primary key forbids a direct exchange).
    const move = (from: bigint | undefined, to: bigint | undefined) =>
      db.prisma.$executeRawUnsafe(
        `UPDATE audit_event SET sequence = ${to} WHERE sequence = ${from}`,
      );
    await move(seq[7], -1n);
    await move(seq[8], seq[7]);
    await move(-1n, seq[8]);
    const report = await verifyAuditTrail(db.prisma, keys);
    expect(report.valid).toBe(false);
    expect(report.problem?.sequence).toBe(seq[7]);
  });

  it("detects the removal of the latest events against the last checkpoint", async () => {
    const seq = await chain();
    await writeCheckpoint(db.prisma, keys);
    // Remove the last three events: the chain that is left is consistent in itself…
    await db.prisma.auditEvent.deleteMany({ where: { sequence: { gte: seq[7] } } });
    const report = await verifyAuditTrail(db.prisma, keys);
    // …but the checkpoint signed at the 10th says it existed.
    expect(report.valid).toBe(false);
    expect(report.problem?.sequence).toBe(seq[9]);
    expect(report.problem?.reason).toMatch(/derniers événements ont été supprimés/);
    // And no new checkpoint is signed over it.
    expect(await writeCheckpoint(db.prisma, keys)).toMatchObject({ ok: false });
  });

  it("detects a chain rewritten with fresh hashes, and a forged checkpoint", async () => {
    const seq = await chain();
    // Rewrite from the 3rd event on, recomputing every hash: the links hold…
    const events = await db.prisma.auditEvent.findMany({ orderBy: { sequence: "asc" } });
    let previous = events[1]?.hash ?? null;
    for (const event of events.slice(2)) {
      const fields = {
        occurredAt: event.occurredAt,
        actorType: event.actorType,
        actorId: event.actorId,
        action: event.action,
        applicationId: event.applicationId,
        data: event.sequence === seq[2] ? { i: 42 } : (event.data as { i: number }),
        previousHash: previous,
      };
      const hash = auditHash(fields);
      await db.prisma.auditEvent.update({
        where: { sequence: event.sequence },
        data: { data: fields.data, previousHash: previous, hash: `tmp-${hash}` },
      });
      await db.prisma.auditEvent.update({ where: { sequence: event.sequence }, data: { hash } });
      previous = hash;
    }
    const rewritten = await verifyAuditTrail(db.prisma, keys);
    expect(rewritten.valid).toBe(false);
    expect(rewritten.problem?.sequence).toBe(seq[5]);
    expect(rewritten.problem?.reason).toMatch(/réécrite/);

    // …and a checkpoint re-signed with another key is refused.
    const other = await auditKeys(privateJwk());
    await db.prisma.auditCheckpoint.deleteMany();
    await writeCheckpoint(db.prisma, other);
    const forged = await verifyAuditTrail(db.prisma, keys);
    expect(forged.valid).toBe(false);
    expect(forged.problem?.reason).toMatch(/signature/);
  });

  it("keeps checkpoints of a former key verifiable after a key change", async () => {
    await chain();
    const next = await auditKeys(privateJwk(), JSON.stringify([keys.publicJwk]));
    await writeCheckpoint(db.prisma, next);
    expect(await verifyAuditTrail(db.prisma, next)).toMatchObject({ valid: true, checkpoints: 2 });
  });
});

describe("periodic jobs", () => {
  it("run once per period across instances", async () => {
    let runs = 0;
    const job = {
      name: "test.job",
      schedule: { everyMinutes: 60 },
      run: async () => {
        runs++;
        return { ok: true };
      },
    };
    const at = new Date("2026-11-25T10:15:00Z");
    const outcomes = await Promise.all([
      runJobOnce(db.prisma, job, at),
      runJobOnce(db.prisma, job, at),
    ]);
    expect(outcomes.sort()).toEqual(["ran", "skipped"]);
    expect(await runJobOnce(db.prisma, job, new Date("2026-11-25T10:59:00Z"))).toBe("skipped");
    expect(await runJobOnce(db.prisma, job, new Date("2026-11-25T11:00:00Z"))).toBe("ran");
    expect(runs).toBe(2);
  });

  it("run daily jobs after their hour in France", () => {
    const daily = { dailyAfterHour: 7 };
    expect(periodOf(daily, new Date("2026-11-25T05:59:00Z"))).toBeNull();
    expect(periodOf(daily, new Date("2026-11-25T06:00:00Z"))).toBe("2026-11-25");
    // Half past midnight in France: a new day, but not yet 7 o'clock.
    expect(periodOf(daily, new Date("2026-11-25T23:30:00Z"))).toBeNull();
    expect(periodOf(daily, new Date("2026-11-26T06:30:00Z"))).toBe("2026-11-26");
  });

  it("record a failure and let the next period try again", async () => {
    const job = {
      name: "test.failing",
      schedule: { everyMinutes: 60 },
      run: async (): Promise<Record<string, never>> => {
        throw new Error("panne");
      },
    };
    expect(await runJobOnce(db.prisma, job, new Date("2026-11-25T10:00:00Z"))).toBe("failed");
    const row = await db.prisma.jobRun.findFirstOrThrow({ where: { name: "test.failing" } });
    expect(row.result).toEqual({ error: "panne" });
  });
});

describe("the verification on demand", () => {
  const president: AgentContext = {
    id: randomUUID(),
    role: "PRESIDENT",
    givenName: "Camille",
    usualName: "MARTIN",
    email: "camille.martin@justice.example",
    courtIds: [],
  };
  const lock = (startedAt: Date) =>
    db.prisma.jobRun.create({
      data: { name: "audit.verify.manual", period: "en cours", startedAt },
    });
  const locks = () => db.prisma.jobRun.count({ where: { name: "audit.verify.manual" } });

  it("runs once at a time across instances; a lock left by a crash is stale after an hour", async () => {
    await append(3);
    // Another instance is verifying: nothing is read, nothing recorded.
    await lock(new Date(Date.now() - 50 * 60_000));
    expect(await verifyNow(db.prisma, president)).toEqual({ busy: true });
    expect(await db.prisma.auditEvent.count({ where: { action: "audit.verified" } })).toBe(0);

    await db.prisma.jobRun.deleteMany({ where: { name: "audit.verify.manual" } });
    await lock(new Date(Date.now() - 61 * 60_000));
    expect(await verifyNow(db.prisma, president)).toMatchObject({
      busy: false,
      verified: { valid: true, events: 3 },
    });
    expect(await locks()).toBe(0);
    // Released: the next one runs too, and counts the first one's event.
    expect(await verifyNow(db.prisma, president)).toMatchObject({
      busy: false,
      verified: { valid: true, events: 4 },
    });
    expect(await locks()).toBe(0);
  });
});
