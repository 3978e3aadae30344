/**
 * Who an agent is for authorization: their role and the courts whose BAJ they serve, read from the
 * database at every request and every action (a deactivated agent, or one moved to another court,
 * loses access at once). See docs/decisions/014.
 */
import type { AgentRole } from "~/domain/agent/permissions";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";

export type AgentContext = {
  id: string;
  role: AgentRole;
  givenName: string;
  usualName: string;
  email: string;
  courtIds: string[];
};

/** The agent if provisioned and active, else null. */
export async function loadAgent(
  prisma: PrismaClient | Prisma.TransactionClient,
  agentId: string,
): Promise<AgentContext | null> {
  const agent = await prisma.agent.findUnique({
    where: { id: agentId },
    include: { courts: { select: { courtId: true } } },
  });
  if (!agent?.active) return null;
  return {
    id: agent.id,
    role: agent.role,
    givenName: agent.givenName,
    usualName: agent.usualName,
    email: agent.email,
    courtIds: agent.courts.map((court) => court.courtId),
  };
}

/** What an agent may reach: submitted applications of their courts (anything else is a 404). */
export function agentScope(agent: Pick<AgentContext, "courtIds">): Prisma.ApplicationWhereInput {
  return { courtId: { in: agent.courtIds }, status: { not: "DRAFT" } };
}

export function agentName(agent: { givenName: string; usualName: string }): string {
  return `${agent.givenName} ${agent.usualName}`;
}
