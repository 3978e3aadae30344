/**
 * Everything the service holds about a citizen, as one JSON document (RGPD, right of access and
 * portability): identity as FranceConnect certified it, contacts, the certified answers of the
 * DGFiP and of the other providers as received, each application with its messages, and what the
 * audit trail records of their applications, of their logins and of the service's calls to the APIs
 * about them. The agents' private notes are internal documents of the BAJ and are not included (the
 * document says so); the agents are named by their role only.
 */
import { citizenStatusLabel, isDecided } from "~/domain/application/status";
import type { PrismaClient } from "~/generated/prisma/client";
import { actionLabel } from "./agent/application.server";

export async function personalData(prisma: PrismaClient, citizenId: string, now = new Date()) {
  const citizen = await prisma.citizen.findUniqueOrThrow({
    where: { id: citizenId },
    include: {
      taxRecords: { orderBy: { fetchedAt: "asc" } },
      certifiedRecords: { orderBy: { fetchedAt: "asc" } },
      applications: {
        orderBy: { createdAt: "asc" },
        include: {
          court: { select: { name: true, bajName: true } },
          messages: { orderBy: { createdAt: "asc" } },
        },
      },
    },
  });
  const applicationIds = citizen.applications.map((app) => app.id);
  const events = await prisma.auditEvent.findMany({
    where: {
      OR: [
        { applicationId: { in: applicationIds } },
        { actorType: "CITIZEN", actorId: citizenId },
        // What the service did with your data outside any application: the DGFiP's and the other
        // providers' answers, or their failures (tax_record.*, certified_record.*).
        {
          actorType: "SYSTEM",
          applicationId: null,
          data: { path: ["citizenId"], equals: citizenId },
        },
      ],
    },
    orderBy: { sequence: "asc" },
    select: {
      sequence: true,
      occurredAt: true,
      actorType: true,
      action: true,
      applicationId: true,
    },
  });
  const { taxRecords, certifiedRecords, applications, ...identity } = citizen;
  return {
    document: "Données détenues par le service Aide juridictionnelle",
    generatedAt: now.toISOString(),
    notIncluded:
      "Les notes internes des agents du bureau d'aide juridictionnelle (documents internes) ; le détail des agents, désignés par leur rôle.",
    identity,
    taxRecords: taxRecords.map(({ citizenId: _citizen, ...record }) => record),
    /** What other providers certified with your consent (France Travail's payments). */
    certifiedRecords: certifiedRecords.map(({ citizenId: _citizen, ...record }) => record),
    applications: applications.map(({ messages, court, ...app }) => ({
      // Listed one by one: not the agents' draft decision nor who they are, only what concerns you.
      reference: app.reference,
      status: citizenStatusLabel(app.status),
      court,
      createdAt: app.createdAt,
      submittedAt: app.submittedAt,
      // Applying for someone else: for whom, in what capacity.
      representation: {
        forWhom: app.representation,
        capacity: app.representativeCapacity,
        beneficiaryGivenName: app.beneficiaryGivenName,
        beneficiaryFamilyName: app.beneficiaryFamilyName,
        beneficiaryBirthdate: app.beneficiaryBirthdate,
      },
      contact: {
        email: app.contactEmail,
        phone: app.contactPhone,
        correspondenceAddress: app.correspondenceAddress,
      },
      procedure: {
        caseKind: app.caseKind,
        caseSubkind: app.caseSubkind,
        applicantRole: app.applicantRole,
        procedureStage: app.procedureStage,
        adverseParty: app.adverseParty,
        description: app.description,
        lawyerName: app.lawyerName,
        lawyerBar: app.lawyerBar,
        lawyerDesignationRequested: app.lawyerDesignationRequested,
        urgent: app.urgent,
      },
      resources: {
        declaredMovableAssets: app.declaredMovableAssets,
        declaredRealEstateAssets: app.declaredRealEstateAssets,
        seriousCrimeVictim: app.seriousCrimeVictim,
        legalExpensesInsurance: app.legalExpensesInsurance,
        incomeChanged: app.incomeChanged,
        declaredRecentIncome: app.declaredRecentIncome,
        separateResources: app.separateResources,
        declaredReferenceTaxIncome: app.declaredReferenceTaxIncome,
        declaredHouseholdSize: app.declaredHouseholdSize,
      },
      estimate: app.eligibilitySnapshot,
      replyDeadline: app.replyDeadline,
      decision: isDecided(app.status)
        ? {
            outcome: app.decisionOutcome,
            stateShare: app.decisionStateShare,
            reason: app.decisionReason,
            decidedAt: app.decidedAt,
          }
        : null,
      withdrawnAt: app.withdrawnAt,
      lapsedAt: app.lapsedAt,
      messages: messages.map((message) => ({
        from:
          message.author === "AGENT"
            ? "bureau d'aide juridictionnelle"
            : message.author === "CITIZEN"
              ? "vous"
              : "service",
        body: message.body,
        at: message.createdAt.toISOString(),
        readAt: message.readAt?.toISOString() ?? null,
      })),
    })),
    history: events.map((event) => ({
      at: event.occurredAt.toISOString(),
      by:
        event.actorType === "CITIZEN"
          ? "vous"
          : event.actorType === "AGENT"
            ? "un agent du bureau"
            : "le service",
      action: actionLabel(event.action),
      applicationId: event.applicationId,
    })),
  };
}
