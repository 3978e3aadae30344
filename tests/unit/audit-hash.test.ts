import { describe, expect, it } from "vitest";
import { auditHash, canonicalJson } from "~/server/audit.server";

const event = {
  occurredAt: new Date("2026-11-24T10:00:00.000Z"),
  actorType: "AGENT" as const,
  actorId: "agent-1",
  action: "application.status_changed",
  applicationId: "app-1",
  data: { to: "GRANTED", from: "IN_REVIEW" },
  previousHash: null,
};

describe("audit hashing", () => {
  it("writes the same JSON whatever the key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
  });

  it("is stable and changes with any field", () => {
    const hash = auditHash(event);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash({ ...event, data: { from: "IN_REVIEW", to: "GRANTED" } })).toBe(hash);
    expect(auditHash({ ...event, data: { ...event.data, to: "REJECTED" } })).not.toBe(hash);
    expect(auditHash({ ...event, previousHash: "0".repeat(64) })).not.toBe(hash);
    expect(auditHash({ ...event, occurredAt: new Date("2026-11-24T10:00:00.001Z") })).not.toBe(
      hash,
    );
  });
});
