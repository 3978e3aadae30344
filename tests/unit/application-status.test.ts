import { describe, expect, it } from "vitest";
import {
  APPLICATION_STATUSES,
  assertTransition,
  canTransition,
  isFinal,
  pathTo,
  STATUS_LABELS,
  TransitionError,
} from "~/domain/application/status";
import { ApplicationStatus as PrismaStatus } from "~/generated/prisma/enums";

describe("application statuses", () => {
  it("are exactly the database's", () => {
    expect([...APPLICATION_STATUSES].sort()).toEqual(Object.values(PrismaStatus).sort());
  });

  it("each have a French label", () => {
    for (const status of APPLICATION_STATUSES) expect(STATUS_LABELS[status]).toMatch(/\S/);
  });

  it("let only the citizen submit a draft", () => {
    expect(canTransition("DRAFT", "SUBMITTED", "CITIZEN")).toBe(true);
    expect(canTransition("DRAFT", "SUBMITTED", "AGENT")).toBe(false);
  });

  it("let only an agent decide", () => {
    expect(canTransition("IN_REVIEW", "GRANTED", "AGENT")).toBe(true);
    expect(canTransition("IN_REVIEW", "REJECTED", "AGENT")).toBe(true);
    expect(canTransition("IN_REVIEW", "GRANTED", "CITIZEN")).toBe(false);
    expect(canTransition("SUBMITTED", "GRANTED", "AGENT")).toBe(false);
  });

  it("let the citizen withdraw until the decision, not after", () => {
    for (const from of ["SUBMITTED", "IN_REVIEW", "INFORMATION_REQUESTED"] as const) {
      expect(canTransition(from, "WITHDRAWN", "CITIZEN")).toBe(true);
    }
    for (const from of ["GRANTED", "REJECTED", "DRAFT"] as const) {
      expect(canTransition(from, "WITHDRAWN", "CITIZEN")).toBe(false);
    }
  });

  it("have final states with no way out", () => {
    expect(APPLICATION_STATUSES.filter(isFinal)).toEqual(["GRANTED", "REJECTED", "WITHDRAWN"]);
    for (const to of APPLICATION_STATUSES) {
      expect(canTransition("GRANTED", to, "AGENT")).toBe(false);
    }
  });

  it("explain a refused transition in French", () => {
    expect(() => assertTransition("GRANTED", "IN_REVIEW", "AGENT")).toThrow(TransitionError);
    expect(() => assertTransition("GRANTED", "IN_REVIEW", "AGENT")).toThrow(
      "Une demande « Accordée » ne peut pas passer à « En cours d'instruction » à l'initiative d'un agent.",
    );
  });

  it("reach every status from a draft through allowed steps", () => {
    expect(pathTo("DRAFT")).toEqual([]);
    for (const status of APPLICATION_STATUSES) {
      const steps = pathTo(status);
      let at = "DRAFT";
      for (const step of steps) {
        expect(step.from).toBe(at);
        expect(canTransition(step.from, step.to, step.by)).toBe(true);
        at = step.to;
      }
      expect(at).toBe(status);
    }
    expect(pathTo("INFORMATION_REQUESTED").map((s) => s.to)).toEqual([
      "SUBMITTED",
      "IN_REVIEW",
      "INFORMATION_REQUESTED",
    ]);
  });
});
