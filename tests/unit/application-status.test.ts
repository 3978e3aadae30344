import { describe, expect, it } from "vitest";
import { AGENT_ROLES, type AgentRole, can } from "~/domain/agent/permissions";
import {
  type ApplicationEvent,
  availableEvents,
  checkEvent,
  EVENT_NAMES,
  type EventActor,
  pathTo,
} from "~/domain/application/events";
import {
  APPLICATION_STATUSES,
  type ApplicationStatus,
  citizenStatus,
  citizenStatusLabel,
  isFinal,
  STATUS_LABELS,
} from "~/domain/application/status";
import {
  AgentRole as PrismaRole,
  ApplicationStatus as PrismaStatus,
} from "~/generated/prisma/enums";

const CITIZEN: EventActor = { kind: "CITIZEN" };
const agent = (role: AgentRole): EventActor => ({ kind: "AGENT", role });
const ACTORS: [string, EventActor][] = [
  ["citizen", CITIZEN],
  ...AGENT_ROLES.map((role): [string, EventActor] => [role, agent(role)]),
];

const PAST = new Date("2026-01-01T00:00:00Z");
const NOW = new Date("2026-06-01T00:00:00Z");

/**
 * The whole state machine, written out by hand: for each event, the statuses it leaves from, who
 * may trigger it, and where it leads. The table test below checks every event × status × actor
 * against it, so that any change to the rules must be made here too, on purpose.
 */
const EXPECTED: Record<
  ApplicationEvent,
  { from: ApplicationStatus[]; actors: string[]; to: ApplicationStatus[] }
> = {
  submit: { from: ["DRAFT"], actors: ["citizen"], to: ["SUBMITTED"] },
  withdraw: {
    from: ["SUBMITTED", "IN_REVIEW", "INFORMATION_REQUESTED", "DECISION_PROPOSED"],
    actors: ["citizen"],
    to: ["WITHDRAWN"],
  },
  reply: { from: ["INFORMATION_REQUESTED"], actors: ["citizen"], to: ["IN_REVIEW"] },
  startReview: {
    from: ["SUBMITTED"],
    actors: ["INSTRUCTEUR", "PRESIDENT", "VICE_PRESIDENT"],
    to: ["IN_REVIEW"],
  },
  requestInformation: {
    from: ["IN_REVIEW"],
    actors: ["INSTRUCTEUR", "PRESIDENT", "VICE_PRESIDENT"],
    to: ["INFORMATION_REQUESTED"],
  },
  resumeReview: {
    from: ["INFORMATION_REQUESTED"],
    actors: ["INSTRUCTEUR", "PRESIDENT", "VICE_PRESIDENT"],
    to: ["IN_REVIEW"],
  },
  proposeDecision: {
    from: ["IN_REVIEW"],
    actors: ["INSTRUCTEUR", "PRESIDENT", "VICE_PRESIDENT"],
    to: ["DECISION_PROPOSED"],
  },
  returnToReview: {
    from: ["DECISION_PROPOSED"],
    actors: ["PRESIDENT", "VICE_PRESIDENT"],
    to: ["IN_REVIEW"],
  },
  signDecision: {
    from: ["DECISION_PROPOSED"],
    actors: ["PRESIDENT", "VICE_PRESIDENT"],
    to: ["GRANTED", "REJECTED"],
  },
  decide: {
    from: ["IN_REVIEW"],
    actors: ["PRESIDENT", "VICE_PRESIDENT"],
    to: ["GRANTED", "REJECTED"],
  },
  recordLapse: {
    from: ["INFORMATION_REQUESTED"],
    actors: ["PRESIDENT", "VICE_PRESIDENT"],
    to: ["LAPSED"],
  },
  transfer: {
    from: ["SUBMITTED", "IN_REVIEW"],
    actors: ["INSTRUCTEUR", "PRESIDENT", "VICE_PRESIDENT"],
    to: ["SUBMITTED"],
  },
};

describe("application statuses", () => {
  it("are exactly the database's, each with a French label", () => {
    expect([...APPLICATION_STATUSES].sort()).toEqual(Object.values(PrismaStatus).sort());
    for (const status of APPLICATION_STATUSES) expect(STATUS_LABELS[status]).toMatch(/\S/);
  });

  it("have final states with no event out of them", () => {
    expect(APPLICATION_STATUSES.filter(isFinal)).toEqual([
      "GRANTED",
      "REJECTED",
      "LAPSED",
      "WITHDRAWN",
    ]);
    for (const status of APPLICATION_STATUSES.filter(isFinal)) {
      for (const [, actor] of ACTORS) {
        expect(availableEvents({ status, actor, replyDeadline: PAST, now: NOW })).toEqual([]);
      }
    }
  });

  it("show a proposal not yet signed to the citizen as still under review", () => {
    expect(citizenStatus("DECISION_PROPOSED")).toBe("IN_REVIEW");
    expect(citizenStatus("GRANTED")).toBe("GRANTED");
    expect(citizenStatusLabel("DECISION_PROPOSED")).toBe(citizenStatusLabel("IN_REVIEW"));
  });

  it("read to the citizen in plain words, the agents keeping theirs", () => {
    for (const status of APPLICATION_STATUSES) expect(citizenStatusLabel(status)).toMatch(/\S/);
    expect(citizenStatusLabel("IN_REVIEW")).toBe("En cours d'examen");
    expect(citizenStatusLabel("LAPSED")).toBe("Arrêtée faute de réponse");
    expect(citizenStatusLabel("WITHDRAWN")).toBe("Retirée");
    expect(STATUS_LABELS.LAPSED).toBe("Caduque");
    expect(STATUS_LABELS.WITHDRAWN).toBe("Désistement");
  });
});

describe("the state machine, every event × status × actor", () => {
  it("lists every event in the table", () => {
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const event of EVENT_NAMES) {
    const expected = EXPECTED[event];
    it(`${event}: from ${expected.from.join(", ")} by ${expected.actors.join(", ")}`, () => {
      for (const status of APPLICATION_STATUSES) {
        for (const [name, actor] of ACTORS) {
          for (const to of APPLICATION_STATUSES) {
            const allowed =
              expected.from.includes(status) &&
              expected.actors.includes(name) &&
              expected.to.includes(to);
            const check = checkEvent(event, { status, actor, to, replyDeadline: PAST, now: NOW });
            expect(check.ok, `${event} ${status} → ${to} by ${name}`).toBe(allowed);
            if (!check.ok) expect(check.message).toMatch(/^[«UVL]/);
          }
        }
      }
    });
  }

  it("explains a refusal in French, by its reason", () => {
    expect(
      checkEvent("signDecision", {
        status: "DECISION_PROPOSED",
        actor: agent("INSTRUCTEUR"),
        to: "GRANTED",
      }),
    ).toEqual({
      ok: false,
      reason: "PERMISSION",
      message: "« Décision signée » est réservé au président ou au vice-président du bureau.",
    });
    expect(
      checkEvent("decide", { status: "SUBMITTED", actor: agent("PRESIDENT"), to: "GRANTED" }),
    ).toEqual({
      ok: false,
      reason: "STATUS",
      message: "Une demande « Déposée » ne permet pas : « Décision prise et signée ».",
    });
    expect(
      checkEvent("withdraw", { status: "IN_REVIEW", actor: agent("PRESIDENT") }),
    ).toMatchObject({
      ok: false,
      reason: "ACTOR",
    });
  });

  it("records a lapse only once the reply deadline has passed", () => {
    const base = { status: "INFORMATION_REQUESTED" as const, actor: agent("PRESIDENT"), now: NOW };
    expect(checkEvent("recordLapse", { ...base, replyDeadline: PAST })).toEqual({
      ok: true,
      to: "LAPSED",
    });
    expect(
      checkEvent("recordLapse", { ...base, replyDeadline: new Date("2026-07-01T00:00:00Z") }),
    ).toMatchObject({ ok: false, reason: "GUARD" });
    expect(checkEvent("recordLapse", { ...base, replyDeadline: null })).toMatchObject({
      ok: false,
      reason: "GUARD",
    });
  });

  it("needs the target of a decision", () => {
    expect(
      checkEvent("signDecision", { status: "DECISION_PROPOSED", actor: agent("PRESIDENT") }),
    ).toMatchObject({ ok: false, reason: "STATUS" });
  });

  it("reaches every status from a draft through allowed events", () => {
    expect(pathTo("DRAFT")).toEqual([]);
    for (const status of APPLICATION_STATUSES) {
      let at: ApplicationStatus = "DRAFT";
      for (const step of pathTo(status)) {
        expect(step.from).toBe(at);
        const actor = step.by === "CITIZEN" ? CITIZEN : agent("PRESIDENT");
        expect(
          checkEvent(step.event, { status: at, actor, to: step.to, replyDeadline: PAST, now: NOW })
            .ok,
        ).toBe(true);
        at = step.to;
      }
      expect(at).toBe(status);
    }
    expect(pathTo("GRANTED").map((s) => s.event)).toEqual([
      "submit",
      "startReview",
      "proposeDecision",
      "signDecision",
    ]);
  });
});

describe("roles", () => {
  it("are exactly the database's", () => {
    expect([...AGENT_ROLES].sort()).toEqual(Object.values(PrismaRole).sort());
  });

  it("give each role what décret 2020-1717 gives it", () => {
    const table = Object.fromEntries(
      AGENT_ROLES.map((role) => [
        role,
        (
          ["review", "instruct", "sign", "manageAgents", "nationalStatistics", "audit"] as const
        ).filter((permission) => can(role, permission)),
      ]),
    );
    expect(table).toEqual({
      INSTRUCTEUR: ["review", "instruct"],
      VICE_PRESIDENT: ["review", "instruct", "sign"],
      PRESIDENT: ["review", "instruct", "sign", "manageAgents", "audit"],
      NATIONAL_READER: ["nationalStatistics"],
    });
  });
});
