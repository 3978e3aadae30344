/**
 * A président manages the agents of the BAJ: adds one by e-mail with a role, changes a role,
 * deactivates (the agent's sessions end at once) or reactivates. Only agents of the président's own
 * courts; never themself (no one locks a bureau out by mistake). An agent who also serves a court of
 * another bureau has one role and one account for all their courts: a président who does not
 * preside over all of them may not change those, only take the agent off their own courts. Every
 * change is audited.
 */
import { can } from "~/domain/agent/permissions";
import { addAgentSchema, agentIdSchema, changeRoleSchema } from "~/forms/agents";
import { firstErrorPerField } from "~/forms/fields";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { appendAuditEvent } from "../audit.server";
import { type AgentContext, loadAgent } from "./context.server";

export type StaffResult =
  | { ok: true }
  | { ok: false; message: string; errors: Record<string, string> };

const refused = (
  message: string,
  errors: Record<string, string> = {},
): Extract<StaffResult, { ok: false }> => ({
  ok: false,
  message,
  errors,
});

/** The agents serving at least one of the président's courts. */
export function listStaff(prisma: PrismaClient, president: AgentContext) {
  return prisma.agent.findMany({
    where: { courts: { some: { courtId: { in: president.courtIds } } } },
    include: { courts: { include: { court: { select: { city: true } } } } },
    orderBy: [{ active: "desc" }, { usualName: "asc" }, { givenName: "asc" }],
  });
}

async function president(prisma: PrismaClient, presidentId: string) {
  const agent = await loadAgent(prisma, presidentId);
  return agent && can(agent.role, "manageAgents") ? agent : null;
}

function audit(
  tx: Prisma.TransactionClient,
  by: AgentContext,
  action: string,
  data: Record<string, string>,
) {
  return appendAuditEvent(tx, { actorType: "AGENT", actorId: by.id, action, data });
}

const emailTaken = () =>
  refused("La saisie comporte des erreurs.", {
    email: "Un compte existe déjà pour cette adresse : modifiez-le dans la liste.",
  });

export async function addAgent(
  prisma: PrismaClient,
  presidentId: string,
  form: unknown,
): Promise<StaffResult> {
  const by = await president(prisma, presidentId);
  if (!by) return refused("Seul le président du bureau peut gérer les agents.");
  const parsed = addAgentSchema.safeParse(form);
  if (!parsed.success) {
    return refused("La saisie comporte des erreurs.", firstErrorPerField(parsed.error.issues));
  }
  const { email, givenName, usualName, role, courtId } = parsed.data;
  if (!by.courtIds.includes(courtId)) {
    return refused("La saisie comporte des erreurs.", {
      courtId: "Choisissez un de vos tribunaux.",
    });
  }
  const existing = await prisma.agent.findUnique({ where: { email } });
  if (existing) {
    return emailTaken();
  }
  try {
    await prisma.$transaction(async (tx) => {
      const agent = await tx.agent.create({
        data: { email, givenName, usualName, role, courts: { create: { courtId } } },
      });
      await audit(tx, by, "agent.added", { agentId: agent.id, role, courtId });
    });
  } catch (error) {
    // Added at the same moment by someone else (the unique e-mail).
    if ((error as { code?: string }).code === "P2002") {
      return emailTaken();
    }
    throw error;
  }
  return { ok: true };
}

/**
 * The agent, if they serve one of the président's courts and are not the président; `shared` when
 * they also serve a court the président does not preside over.
 */
async function managed(prisma: PrismaClient, by: AgentContext, agentId: string) {
  if (agentId === by.id) return null;
  const agent = await prisma.agent.findFirst({
    where: { id: agentId, courts: { some: { courtId: { in: by.courtIds } } } },
    include: { courts: { select: { courtId: true } } },
  });
  if (!agent) return null;
  return { ...agent, shared: isShared(agent, by) };
}

/** Whether `agent` serves a court outside the président's. */
export function isShared(
  agent: { courts: { courtId: string }[] },
  by: Pick<AgentContext, "courtIds">,
) {
  return agent.courts.some((link) => !by.courtIds.includes(link.courtId));
}

const SHARED =
  "Cet agent sert aussi un tribunal d'un autre bureau : son rôle et son compte valent pour tous ses tribunaux, et seul un président de tous ces tribunaux peut les changer. Vous pouvez le retirer de votre bureau.";
const ONLY_YOURS = "Cet agent ne sert que votre bureau : désactivez-le plutôt.";

/**
 * What changing an agent needs first: the président, a form that parses, and an agent of their
 * courts other than themselves, serving only their courts (`own`: a role, an account) or also
 * another bureau's (`shared`: taken off theirs); otherwise the refusal to show.
 */
async function managedTarget<T extends { agentId: string }>(
  prisma: PrismaClient,
  presidentId: string,
  parsed: { success: true; data: T } | { success: false },
  invalid: string,
  courts: "own" | "shared",
) {
  const by = await president(prisma, presidentId);
  if (!by) return refused("Seul le président du bureau peut gérer les agents.");
  if (!parsed.success) return refused(invalid);
  const agent = await managed(prisma, by, parsed.data.agentId);
  if (!agent) return refused("Cet agent ne fait pas partie de votre bureau, ou c'est vous.");
  if (courts === "own" && agent.shared) return refused(SHARED);
  if (courts === "shared" && !agent.shared) return refused(ONLY_YOURS);
  return { ok: true as const, by, agent, data: parsed.data };
}

export async function changeRole(
  prisma: PrismaClient,
  presidentId: string,
  form: unknown,
): Promise<StaffResult> {
  const target = await managedTarget(
    prisma,
    presidentId,
    changeRoleSchema.safeParse(form),
    "Choisissez un rôle.",
    "own",
  );
  if (!target.ok) return target;
  const { by, agent, data } = target;
  await prisma.$transaction(async (tx) => {
    await tx.agent.update({ where: { id: agent.id }, data: { role: data.role } });
    await audit(tx, by, "agent.role_changed", {
      agentId: agent.id,
      from: agent.role,
      to: data.role,
    });
  });
  return { ok: true };
}

export async function setActive(
  prisma: PrismaClient,
  presidentId: string,
  form: unknown,
  active: boolean,
): Promise<StaffResult> {
  const target = await managedTarget(
    prisma,
    presidentId,
    agentIdSchema.safeParse(form),
    "Agent inconnu.",
    "own",
  );
  if (!target.ok) return target;
  const { by, agent } = target;
  await prisma.$transaction(async (tx) => {
    await tx.agent.update({ where: { id: agent.id }, data: { active } });
    // Out at once: every open session of the agent ends now.
    if (!active) await tx.session.deleteMany({ where: { agentId: agent.id } });
    await audit(tx, by, active ? "agent.reactivated" : "agent.deactivated", { agentId: agent.id });
  });
  return { ok: true };
}

/**
 * Takes an agent who also serves another bureau off the président's courts: they keep their other
 * courts, their role and their account, and lose the applications of these courts at their next
 * request (docs/decisions/014). An agent of the président's courts only is deactivated instead.
 */
export async function removeFromCourts(
  prisma: PrismaClient,
  presidentId: string,
  form: unknown,
): Promise<StaffResult> {
  const target = await managedTarget(
    prisma,
    presidentId,
    agentIdSchema.safeParse(form),
    "Agent inconnu.",
    "shared",
  );
  if (!target.ok) return target;
  const { by, agent } = target;
  const removed = await prisma.$transaction(async (tx) => {
    // One change of the agent's courts at a time: two présidents taking the agent off their own
    // courts at once must not leave an account with no court, that nobody could manage.
    await tx.$queryRaw`SELECT id FROM agent WHERE id = ${agent.id} FOR UPDATE`;
    const courts = await tx.agentCourt.findMany({ where: { agentId: agent.id } });
    const courtIds = courts.map((link) => link.courtId).filter((id) => by.courtIds.includes(id));
    if (courtIds.length === 0 || courtIds.length === courts.length) return false;
    await tx.agentCourt.deleteMany({ where: { agentId: agent.id, courtId: { in: courtIds } } });
    await audit(tx, by, "agent.removed", { agentId: agent.id, courtIds: courtIds.join(",") });
    return true;
  });
  return removed ? { ok: true } : refused(ONLY_YOURS);
}
