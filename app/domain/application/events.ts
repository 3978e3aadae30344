/**
 * The application's state machine as named events: each says from which statuses it may happen,
 * to which status it leads, who triggers it (the citizen or an agent with a given permission) and
 * any extra guard. Pure: no framework, no I/O. The server's `applyTransition` is the only code that
 * changes a status, and it asks `checkEvent` first (docs/decisions/013).
 */
import { type AgentRole, can, type Permission } from "../agent/permissions";
import { type ApplicationStatus, isFinal, STATUS_LABELS } from "./status";

type EventRule = {
  from: readonly ApplicationStatus[];
  /** Several targets when the payload chooses (a decision grants or rejects). */
  to: readonly ApplicationStatus[];
  actor: "CITIZEN" | "AGENT";
  /** For agents' events: what the agent's role must allow. */
  permission?: Permission;
  /** French label for the history (the agents' words). */
  label: string;
  /** What the citizen's timeline says, to them, in plain words (the label when absent). */
  citizenLabel?: string;
  /**
   * The file is complete once this event happened (submission, answer to a request): the ministry's
   * delay to a decision counts from the last such event (docs/decisions/016).
   */
  completesFile?: true;
  /**
   * An agent's act with legal effect: what they confirm, ticking a box, before it is done (RGAA
   * 11.12: a decision, its signature, a lapse, a transfer cannot be undone by the agent).
   */
  confirmation?: string;
};

export const EVENTS = {
  submit: {
    from: ["DRAFT"],
    to: ["SUBMITTED"],
    actor: "CITIZEN",
    label: "Demande déposée",
    citizenLabel: "Vous avez déposé votre demande",
    completesFile: true,
  },
  startReview: {
    from: ["SUBMITTED"],
    to: ["IN_REVIEW"],
    actor: "AGENT",
    permission: "instruct",
    label: "Prise en charge",
    citizenLabel: "Le bureau a commencé l'examen de votre demande",
  },
  requestInformation: {
    from: ["IN_REVIEW"],
    to: ["INFORMATION_REQUESTED"],
    actor: "AGENT",
    permission: "instruct",
    label: "Précisions demandées au demandeur",
    citizenLabel: "Le bureau vous a posé une question",
  },
  reply: {
    from: ["INFORMATION_REQUESTED"],
    to: ["IN_REVIEW"],
    actor: "CITIZEN",
    label: "Réponse du demandeur",
    citizenLabel: "Vous avez répondu",
    completesFile: true,
  },
  resumeReview: {
    from: ["INFORMATION_REQUESTED"],
    to: ["IN_REVIEW"],
    actor: "AGENT",
    permission: "instruct",
    label: "Instruction reprise sans attendre la réponse",
    citizenLabel: "Le bureau a repris l'examen sans attendre votre réponse",
    completesFile: true,
  },
  proposeDecision: {
    from: ["IN_REVIEW"],
    to: ["DECISION_PROPOSED"],
    actor: "AGENT",
    permission: "instruct",
    label: "Décision proposée",
  },
  returnToReview: {
    from: ["DECISION_PROPOSED"],
    to: ["IN_REVIEW"],
    actor: "AGENT",
    permission: "sign",
    label: "Proposition renvoyée en instruction",
  },
  signDecision: {
    from: ["DECISION_PROPOSED"],
    to: ["GRANTED", "REJECTED"],
    actor: "AGENT",
    permission: "sign",
    label: "Décision signée",
    citizenLabel: "Le bureau a pris sa décision",
    confirmation: "Je confirme signer cette décision : elle sera notifiée au demandeur.",
  },
  decide: {
    from: ["IN_REVIEW"],
    to: ["GRANTED", "REJECTED"],
    actor: "AGENT",
    permission: "sign",
    label: "Décision prise et signée",
    citizenLabel: "Le bureau a pris sa décision",
    confirmation: "Je confirme prendre et signer cette décision : elle sera notifiée au demandeur.",
  },
  recordLapse: {
    from: ["INFORMATION_REQUESTED"],
    to: ["LAPSED"],
    actor: "AGENT",
    permission: "sign",
    label: "Caducité constatée",
    citizenLabel: "Demande arrêtée : pas de réponse avant la date limite",
    confirmation: "Je confirme constater la caducité : elle met fin à la demande.",
  },
  transfer: {
    from: ["SUBMITTED", "IN_REVIEW"],
    to: ["SUBMITTED"],
    actor: "AGENT",
    permission: "instruct",
    label: "Transmise au BAJ compétent",
    citizenLabel: "Demande envoyée au bureau d'aide juridictionnelle qui doit l'examiner",
    confirmation:
      "Je confirme transmettre la demande : elle quittera ce bureau et je ne la verrai plus.",
  },
  withdraw: {
    from: ["SUBMITTED", "IN_REVIEW", "INFORMATION_REQUESTED", "DECISION_PROPOSED"],
    to: ["WITHDRAWN"],
    actor: "CITIZEN",
    label: "Désistement du demandeur",
    citizenLabel: "Vous avez retiré votre demande",
  },
} as const satisfies Record<string, EventRule>;

export type ApplicationEvent = keyof typeof EVENTS;
export const EVENT_NAMES = Object.keys(EVENTS) as ApplicationEvent[];

/** What an agent's role must allow for this event (null: a citizen's event). */
export function permissionOf(event: ApplicationEvent): Permission | null {
  const rule: EventRule = EVENTS[event];
  return rule.permission ?? null;
}

export type EventActor = { kind: "CITIZEN" } | { kind: "AGENT"; role: AgentRole };

export type EventContext = {
  status: ApplicationStatus;
  actor: EventActor;
  /** The status the payload chooses, for events with several targets. */
  to?: ApplicationStatus;
  /** Reply deadline of a request for information (caducité only after it). */
  replyDeadline?: Date | null;
  now?: Date;
};

export type EventCheck =
  | { ok: true; to: ApplicationStatus }
  | { ok: false; reason: "STATUS" | "ACTOR" | "PERMISSION" | "GUARD"; message: string };

/** May this actor trigger this event on an application in this status, and to which status? */
export function checkEvent(event: ApplicationEvent, context: EventContext): EventCheck {
  const rule: EventRule = EVENTS[event];
  const { actor, status } = context;
  if (rule.actor !== actor.kind) {
    return {
      ok: false,
      reason: "ACTOR",
      message: `« ${rule.label} » est réservé ${rule.actor === "CITIZEN" ? "au demandeur" : "aux agents du bureau"}.`,
    };
  }
  if (actor.kind === "AGENT" && rule.permission && !can(actor.role, rule.permission)) {
    return {
      ok: false,
      reason: "PERMISSION",
      message:
        rule.permission === "sign"
          ? `« ${rule.label} » est réservé au président ou au vice-président du bureau.`
          : `Votre rôle ne permet pas : « ${rule.label} ».`,
    };
  }
  if (!rule.from.includes(status)) {
    return {
      ok: false,
      reason: "STATUS",
      message: `Une demande « ${STATUS_LABELS[status]} » ne permet pas : « ${rule.label} ».`,
    };
  }
  const to = context.to ?? (rule.to.length === 1 ? rule.to[0] : undefined);
  if (!to || !rule.to.includes(to)) {
    return {
      ok: false,
      reason: "STATUS",
      message: `« ${rule.label} » ne peut pas mener à « ${to ? STATUS_LABELS[to] : "?"} ».`,
    };
  }
  if (event === "recordLapse") {
    const now = context.now ?? new Date();
    if (!context.replyDeadline || context.replyDeadline > now) {
      return {
        ok: false,
        reason: "GUARD",
        message:
          "La caducité ne peut être constatée qu'après la date limite de réponse du demandeur.",
      };
    }
  }
  return { ok: true, to };
}

/**
 * The dates an event sets besides the status: when the file became complete, when the application
 * was closed (a final status). What the statistics count from (docs/decisions/016).
 */
export function milestonesOf(
  event: ApplicationEvent,
  to: ApplicationStatus,
  now: Date,
): { completeAt?: Date; closedAt?: Date } {
  const rule: EventRule = EVENTS[event];
  return {
    ...(rule.completesFile ? { completeAt: now } : {}),
    ...(isFinal(to) ? { closedAt: now } : {}),
  };
}

/** The events this actor may trigger now (the actions a page shows). */
export function availableEvents(context: Omit<EventContext, "to">): ApplicationEvent[] {
  return EVENT_NAMES.filter((event) => {
    const targets: readonly ApplicationStatus[] = EVENTS[event].to;
    return targets.some((to) => checkEvent(event, { ...context, to }).ok);
  });
}

export class TransitionError extends Error {
  override name = "TransitionError";
  constructor(
    readonly event: ApplicationEvent,
    readonly check: Extract<EventCheck, { ok: false }>,
  ) {
    super(check.message);
  }
}

export type Step = {
  event: ApplicationEvent;
  from: ApplicationStatus;
  to: ApplicationStatus;
  by: "CITIZEN" | "AGENT";
};

/**
 * The shortest sequence of events from DRAFT to `status` (sample data), as a président would go:
 * decisions through a proposal and its signature.
 */
export function pathTo(status: ApplicationStatus): Step[] {
  const queue: { at: ApplicationStatus; steps: Step[] }[] = [{ at: "DRAFT", steps: [] }];
  const seen = new Set<ApplicationStatus>(["DRAFT"]);
  for (let item = queue.shift(); item; item = queue.shift()) {
    if (item.at === status) return item.steps;
    for (const event of EVENT_NAMES) {
      if (event === "decide") continue;
      const rule: EventRule = EVENTS[event];
      if (!rule.from.includes(item.at)) continue;
      for (const to of rule.to) {
        if (seen.has(to)) continue;
        seen.add(to);
        queue.push({
          at: to,
          steps: [...item.steps, { event, from: item.at, to, by: rule.actor }],
        });
      }
    }
  }
  throw new Error(`Statut inaccessible depuis le brouillon : ${status}`);
}

/** What an agent confirms before this event, when it has legal effect (RGAA 11.12). */
export function confirmationOf(event: string): string | undefined {
  return event in EVENTS
    ? (EVENTS[event as keyof typeof EVENTS] as EventRule).confirmation
    : undefined;
}

/** What the citizen's timeline says of an event, in plain words. */
export function citizenLabelOf(event: ApplicationEvent): string {
  const rule: EventRule = EVENTS[event];
  return rule.citizenLabel ?? rule.label;
}
