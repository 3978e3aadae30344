/**
 * Who is connected on the agents' side. Every back-office loader and action calls `requireAgent`:
 * the session (its own cookie, 30 min idle, 12 h at most) and then the agent as the database says
 * now (active, role, courts). A deactivated agent's session ends at that very request.
 */
import { redirect } from "@remix-run/node";
import { can, type Permission } from "~/domain/agent/permissions";
import { prisma } from "../db.server";
import { oncePerRequest } from "../request-memo.server";
import { getAgentSessions } from "../services.server";
import { type AgentContext, loadAgent } from "./context.server";
import { returnPathOf } from "./downloads.server";

/** The connected agent, or null (no session, expired, deactivated). */
export async function getAgent(request: Request): Promise<AgentContext | null> {
  const session = await getAgentSessions().read(request);
  if (session?.kind !== "AGENT" || !session.agentId) return null;
  return agentOf(request, session.agentId);
}

/** The agent as the database says now, read once per GET request (the root's loader asks too). */
function agentOf(request: Request, agentId: string): Promise<AgentContext | null> {
  return oncePerRequest(request, `agent:${agentId}`, () => loadAgent(prisma(), agentId));
}

/**
 * The connected agent, allowed to `permission`; otherwise to the login page (and back here
 * afterwards), or a 403 when the role does not allow it.
 */
export async function requireAgent(
  request: Request,
  permission?: Permission,
): Promise<AgentContext> {
  const sessions = getAgentSessions();
  const session = await sessions.read(request);
  const url = new URL(request.url);
  // On the way to a download, back to its page: the return from ProConnect comes from another site.
  const back = returnPathOf(url.pathname, url.search);
  const login = `/bureau/connexion?redirectTo=${encodeURIComponent(back)}`;
  if (session?.kind !== "AGENT" || !session.agentId) throw redirect(login);
  const agent = await agentOf(request, session.agentId);
  if (!agent) {
    throw redirect("/bureau/connexion?compte=desactive", {
      headers: { "Set-Cookie": await sessions.destroy(request) },
    });
  }
  if (permission && !can(agent.role, permission)) {
    throw new Response("Accès refusé", { status: 403 });
  }
  return agent;
}
