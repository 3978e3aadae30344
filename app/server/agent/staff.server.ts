/**
 * A président manages the agents of the BAJ: adds one by e-mail with a role, changes a role,
 * deactivates (the agent's sessions end at once) or reactivates. Only agents of the président's own
 * courts; never themself (no one locks a bureau out by mistake). Every change is audited.
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

const refused = (message: string, errors: Record<string, string> = {}): StaffResult => ({
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
    return refused("La saisie comporte des erreurs.", {
      email: "Un compte existe déjà pour cette adresse : modifiez-le dans la liste.",
    });
  }
  await prisma.$transaction(async (tx) => {
    const agent = await tx.agent.create({
      data: { email, givenName, usualName, role, courts: { create: { courtId } } },
    });
    await audit(tx, by, "agent.added", { agentId: agent.id, role, courtId });
  });
  return { ok: true };
}

/** The agent, if they serve one of the président's courts and are not the président. */
async function managed(prisma: PrismaClient, by: AgentContext, agentId: string) {
  if (agentId === by.id) return null;
  return prisma.agent.findFirst({
    where: { id: agentId, courts: { some: { courtId: { in: by.courtIds } } } },
  });
}

export async function changeRole(
  prisma: PrismaClient,
  presidentId: string,
  form: unknown,
): Promise<StaffResult> {
  const by = await president(prisma, presidentId);
  if (!by) return refused("Seul le président du bureau peut gérer les agents.");
  const parsed = changeRoleSchema.safeParse(form);
  if (!parsed.success) return refused("Choisissez un rôle.");
  const agent = await managed(prisma, by, parsed.data.agentId);
  if (!agent) return refused("Cet agent ne fait pas partie de votre bureau, ou c'est vous.");
  await prisma.$transaction(async (tx) => {
    await tx.agent.update({ where: { id: agent.id }, data: { role: parsed.data.role } });
    await audit(tx, by, "agent.role_changed", {
      agentId: agent.id,
      from: agent.role,
      to: parsed.data.role,
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
  const by = await president(prisma, presidentId);
  if (!by) return refused("Seul le président du bureau peut gérer les agents.");
  const parsed = agentIdSchema.safeParse(form);
  if (!parsed.success) return refused("Agent inconnu.");
  const agent = await managed(prisma, by, parsed.data.agentId);
  if (!agent) return refused("Cet agent ne fait pas partie de votre bureau, ou c'est vous.");
  await prisma.$transaction(async (tx) => {
    await tx.agent.update({ where: { id: agent.id }, data: { active } });
    // Out at once: every open session of the agent ends now.
    if (!active) await tx.session.deleteMany({ where: { agentId: agent.id } });
    await audit(tx, by, active ? "agent.reactivated" : "agent.deactivated", { agentId: agent.id });
  });
  return { ok: true };
}
