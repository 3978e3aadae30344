/**
 * A submitted application brought through the BAJ's review to a given state, by agents of its
 * court, with the services themselves (test preparation: every step must succeed).
 */
import type { PrismaClient } from "~/generated/prisma/client";
import {
  decide,
  proposeDecision,
  type ReviewResult,
  requestInformation,
  startReview,
} from "~/server/agent/review.server";

export type ReviewState =
  | "SUBMITTED"
  | "IN_REVIEW"
  | "INFORMATION_REQUESTED"
  | "INFORMATION_OVERDUE"
  | "DECISION_PROPOSED"
  | "GRANTED";

export const REVIEW_STATES: ReviewState[] = [
  "SUBMITTED",
  "IN_REVIEW",
  "INFORMATION_REQUESTED",
  "INFORMATION_OVERDUE",
  "DECISION_PROPOSED",
  "GRANTED",
];

export const DECISION = {
  outcome: "FULL",
  reason: "Ressources sous le plafond de l'aide totale.",
};

const DAY = 24 * 60 * 60 * 1000;

export function must(result: ReviewResult) {
  if (!result.ok) throw new Error(`Preparation failed: ${result.message}`);
  return result.application;
}

/**
 * Brings `application` (submitted) to `state`: the président starts the review and asks or
 * decides, the instructeur proposes; « overdue » is a request whose reply deadline has passed.
 */
export async function bringTo(
  prisma: PrismaClient,
  application: { id: string; version: number },
  state: ReviewState,
  agents: { presidentId: string; instructeurId: string },
) {
  if (state === "SUBMITTED") return application;
  const by = (agentId: string, version: number) => ({
    agentId,
    applicationId: application.id,
    version,
  });
  let app = must(await startReview(prisma, by(agents.presidentId, application.version)));
  if (state === "INFORMATION_REQUESTED" || state === "INFORMATION_OVERDUE") {
    app = must(
      await requestInformation(prisma, by(agents.presidentId, app.version), {
        body: "Merci de joindre la convocation à l'audience.",
      }),
    );
    if (state === "INFORMATION_OVERDUE") {
      // Time passed: the reply deadline is behind us (the status and version do not change).
      await prisma.application.update({
        where: { id: app.id },
        data: { replyDeadline: new Date(Date.now() - DAY) },
      });
    }
  }
  if (state === "DECISION_PROPOSED") {
    app = must(await proposeDecision(prisma, by(agents.instructeurId, app.version), DECISION));
  }
  if (state === "GRANTED") {
    app = must(await decide(prisma, by(agents.presidentId, app.version), DECISION));
  }
  return app;
}
