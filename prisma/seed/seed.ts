/**
 * Idempotent seed: courts and their BAJ, agents, and one sample application in every status, each
 * with its certified tax record, messages and a hash-chained audit trail. Running it again changes
 * nothing (courts and agents are upserted; an application is created only if its key is absent).
 */

import { createHash } from "node:crypto";
import { milestonesOf, pathTo, permissionOf } from "~/domain/application/events";
import { isDecided } from "~/domain/application/status";
import { computeEligibility, householdFromTaxData } from "~/domain/eligibility";
import { searchable } from "~/domain/french";
import type { PrismaClient } from "~/generated/prisma/client";
import { resetStatisticsSummary } from "~/server/agent/statistics-summary.server";
import { appendAuditEvent } from "~/server/audit.server";
import { readCourts } from "./courts";
import { AGENTS, APPLICATIONS, type ApplicationSeed } from "./samples";

const DAY = 24 * 60 * 60 * 1000;

/** A FranceConnect-shaped subject (64 hex + "v1"), stable for a fictional citizen. */
export function sampleSubject(citizen: ApplicationSeed["citizen"]): string {
  const key = `${citizen.givenName}|${citizen.familyName}|${citizen.birthdate}`;
  return `${createHash("sha256").update(`seed-citizen:${key}`).digest("hex")}v1`;
}

/** A stable UUID-shaped correlation id for a sample DGFiP call. */
function sampleCorrelationId(seed: string): string {
  const hex = createHash("sha256").update(`seed-correlation:${seed}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export type SeedReport = { courts: number; agents: number; applicationsCreated: number };

export async function seed(prisma: PrismaClient): Promise<SeedReport> {
  const courts = readCourts();
  for (const court of courts) {
    await prisma.court.upsert({ where: { code: court.code }, create: court, update: court });
  }
  const courtIds = new Map(
    (await prisma.court.findMany({ select: { id: true, code: true } })).map((c) => [c.code, c.id]),
  );
  const courtId = (code: string) => {
    const id = courtIds.get(code);
    if (!id) throw new Error(`Tribunal inconnu dans les données d'exemple : ${code}`);
    return id;
  };

  for (const { courtCodes, ...agent } of AGENTS) {
    const courts = courtCodes.map((code) => ({ courtId: courtId(code) }));
    await prisma.agent.upsert({
      where: { email: agent.email },
      create: { ...agent, courts: { create: courts } },
      update: { ...agent, courts: { deleteMany: {}, create: courts } },
    });
  }
  const agents = new Map(
    (
      await prisma.agent.findMany({
        select: { id: true, email: true, givenName: true, usualName: true, role: true },
      })
    ).map((a) => [a.email, a]),
  );
  const agentOf = (email: string) => {
    const agent = agents.get(email);
    if (!agent) throw new Error(`Agent inconnu dans les données d'exemple : ${email}`);
    return agent;
  };
  const agentId = (email: string) => agentOf(email).id;

  let applicationsCreated = 0;
  for (const sample of APPLICATIONS) {
    const fcSub = sampleSubject(sample.citizen);
    const exists = sample.reference
      ? await prisma.application.findUnique({ where: { reference: sample.reference } })
      : await prisma.application.findFirst({ where: { citizen: { fcSub }, status: "DRAFT" } });
    if (exists) continue;
    await prisma.$transaction(async (tx) => {
      const { email, ...identity } = sample.citizen;
      const citizen = await tx.citizen.upsert({
        where: { fcSub },
        create: { ...identity, fcSub, fcEmail: email, contactEmail: email },
        update: {},
      });
      const startedAt = new Date(sample.startedAt);
      const taxRecord = await tx.taxRecord.create({
        data: {
          citizenId: citizen.id,
          source: "DGFIP_IMPOT_PARTICULIER",
          incomeYear: 2025,
          correlationId: sampleCorrelationId(fcSub),
          httpStatus: 200,
          payload: {
            ...sample.tax,
            nmNaiDec1: sample.citizen.familyName.toUpperCase(),
            prnmDec1: sample.citizen.givenName.toUpperCase(),
            annRevenu: 2025,
          },
          fetchedAt: startedAt,
        },
      });
      // Computed by the engine on the scale in force the day the application was made.
      const eligibility = computeEligibility({
        requestDate: sample.startedAt.slice(0, 10),
        referenceTaxIncome: sample.tax.rfr,
        householdSize: householdFromTaxData(sample.tax),
        movableAssets: sample.declaredMovableAssets,
        realEstateAssets: sample.declaredRealEstateAssets,
      });
      const steps = pathTo(sample.status);
      const at = (index: number) => new Date(startedAt.getTime() + index * DAY);
      const submittedAt = steps.length > 0 ? at(1) : null;
      const decided = isDecided(sample.status);
      const decidedAt = decided ? at(steps.length) : null;
      // Who acted: the instructeur who took it, and the président who signed.
      const instructeur = agentId(sample.agentEmail ?? agentForCourt(sample.courtCode));
      const signer = sample.decision ? agentOf(sample.decision.agentEmail) : null;
      const signatory = signer?.id ?? null;
      const signatoryName = signer ? `${signer.givenName} ${signer.usualName}` : null;
      const signatoryRole = signer?.role ?? null;
      const proposed = steps.find((step) => step.event === "proposeDecision");
      const requested = steps.findLast((step) => step.event === "requestInformation");
      const stepAt = (event: string) => at(steps.findIndex((step) => step.event === event) + 1);
      // The same dates a real journey sets (file complete, closed), step by step.
      const milestones = Object.assign(
        {},
        ...steps.map((step, index) => milestonesOf(step.event, step.to, at(index + 1))),
      ) as ReturnType<typeof milestonesOf>;
      const application = await tx.application.create({
        data: {
          reference: sample.reference,
          status: sample.status,
          citizenId: citizen.id,
          courtId: courtId(sample.courtCode),
          currentStep: sample.status === "DRAFT" ? "ressources" : "recapitulatif",
          contactEmail: email,
          ...sample.procedure,
          correspondenceAddress: sample.tax.aft,
          declaredMovableAssets: sample.declaredMovableAssets,
          declaredRealEstateAssets: sample.declaredRealEstateAssets,
          seriousCrimeVictim: false,
          legalExpensesInsurance: false,
          taxRecordId: taxRecord.id,
          eligibilityOutcome: eligibility.outcome,
          eligibilityStateShare: eligibility.stateShare,
          eligibilityScaleYear: eligibility.scaleYear,
          eligibilitySnapshot: eligibility,
          searchName:
            sample.status === "DRAFT"
              ? null
              : searchable(`${sample.citizen.familyName} ${sample.citizen.givenName}`),
          assignedAgentId: steps.some((step) => step.event === "startReview") ? instructeur : null,
          replyDeadline:
            sample.status === "INFORMATION_REQUESTED" && requested
              ? new Date(stepAt("requestInformation").getTime() + 31 * DAY)
              : null,
          proposedOutcome: proposed ? eligibility.outcome : null,
          proposedAt: proposed ? stepAt("proposeDecision") : null,
          proposedById: proposed ? instructeur : null,
          proposedReason: proposed ? sample.decision?.reason || null : null,
          proposedMotif: proposed && eligibility.outcome === "INELIGIBLE" ? "RESOURCES" : null,
          decisionOutcome: decided ? eligibility.outcome : null,
          decisionStateShare: decided ? eligibility.stateShare : null,
          decisionMotif: sample.status === "REJECTED" ? "RESOURCES" : null,
          decisionReason: decided ? sample.decision?.reason || null : null,
          decidedAt,
          decidedById: decided ? signatory : null,
          decidedByName: decided ? signatoryName : null,
          decidedByRole: decided ? signatoryRole : null,
          lapsedAt: sample.status === "LAPSED" ? at(steps.length) : null,
          createdAt: startedAt,
          submittedAt,
          withdrawnAt: sample.status === "WITHDRAWN" ? at(steps.length) : null,
          ...milestones,
          version: 1 + steps.length,
        },
      });

      await appendAuditEvent(tx, {
        actorType: "CITIZEN",
        actorId: citizen.id,
        action: "application.created",
        applicationId: application.id,
        occurredAt: startedAt,
      });
      for (const [index, step] of steps.entries()) {
        await appendAuditEvent(tx, {
          actorType: step.by,
          actorId:
            step.by === "CITIZEN"
              ? citizen.id
              : permissionOf(step.event) === "sign"
                ? (signatory ?? instructeur)
                : instructeur,
          action: step.event,
          applicationId: application.id,
          data: { from: step.from, to: step.to },
          occurredAt: at(index + 1),
        });
      }
      for (const [index, message] of (sample.messages ?? []).entries()) {
        await tx.message.create({
          data: {
            applicationId: application.id,
            author: message.from,
            agentId: message.agentEmail ? agentId(message.agentEmail) : null,
            body: message.body,
            createdAt: new Date(at(steps.length).getTime() + (index + 1) * 60_000),
          },
        });
      }
    });
    applicationsCreated++;
  }

  // New references continue after the sample ones.
  const lastSample = Math.max(
    0,
    ...APPLICATIONS.flatMap((a) => (a.reference ? [Number(a.reference.slice(-6))] : [])),
  );
  await prisma.referenceCounter.upsert({
    where: { year: 2026 },
    create: { year: 2026, last: lastSample },
    update: {},
  });
  const counter = await prisma.referenceCounter.findUniqueOrThrow({ where: { year: 2026 } });
  if (counter.last < lastSample) {
    await prisma.referenceCounter.update({ where: { year: 2026 }, data: { last: lastSample } });
  }

  // Samples written in the past: the statistics' summary is rebuilt from them.
  if (applicationsCreated > 0) await resetStatisticsSummary(prisma);
  return { courts: courts.length, agents: AGENTS.length, applicationsCreated };
}

function agentForCourt(courtCode: string): string {
  const agent = AGENTS.find(
    (a) => a.courtCodes.includes(courtCode) && a.role !== "NATIONAL_READER",
  );
  if (!agent) throw new Error(`Aucun agent d'exemple pour le tribunal ${courtCode}`);
  return agent.email;
}
