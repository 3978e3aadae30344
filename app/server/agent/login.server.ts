/**
 * What happens when ProConnect sends an agent back. ProConnect lets any public agent log in;
 * authorization is the app's (docs/decisions/014): only an agent provisioned in the database and
 * active gets a session. The first login binds ProConnect's `sub` + `idp_id` to the provisioned
 * e-mail; afterwards `sub` + `idp_id` must match. Every refusal is traced in the audit trail.
 */
import { redirect } from "@remix-run/node";
import type { PrismaClient } from "~/generated/prisma/client";
import { appendAuditEvent } from "../audit.server";
import { describeFailure, type LoginFailure } from "../auth/login-failure.server";
import type { ProConnect, ProConnectIdentity } from "../auth/proconnect.server";
import { clean, log } from "../log.server";
import type { SessionStore } from "../session.server";

export type AgentRefusal = "UNKNOWN" | "INACTIVE" | "SUBJECT_MISMATCH";

export type AgentCallbackOutcome =
  | Response
  | { failure: LoginFailure; headers: Headers }
  | { refused: AgentRefusal; headers: Headers };

type Match =
  | { ok: true; agentId: string; bind: boolean }
  | { ok: false; refusal: AgentRefusal; agentId: string | null };

/** Which provisioned agent this ProConnect identity is, if any. */
export async function matchAgent(
  prisma: PrismaClient,
  identity: Pick<ProConnectIdentity, "sub" | "idp_id" | "email">,
): Promise<Match> {
  const bound = await prisma.agent.findUnique({
    where: { proConnectSub_idpId: { proConnectSub: identity.sub, idpId: identity.idp_id } },
  });
  if (bound) {
    return bound.active
      ? { ok: true, agentId: bound.id, bind: false }
      : { ok: false, refusal: "INACTIVE", agentId: bound.id };
  }
  const byEmail = await prisma.agent.findUnique({
    where: { email: identity.email.trim().toLowerCase() },
  });
  if (!byEmail) return { ok: false, refusal: "UNKNOWN", agentId: null };
  if (byEmail.proConnectSub) {
    // Bound to this very account between the two reads (the same agent's first login in another
    // tab): bound.
    if (byEmail.proConnectSub === identity.sub && byEmail.idpId === identity.idp_id) {
      return byEmail.active
        ? { ok: true, agentId: byEmail.id, bind: false }
        : { ok: false, refusal: "INACTIVE", agentId: byEmail.id };
    }
    // Already bound to another ProConnect account: an e-mail alone never takes it over.
    return { ok: false, refusal: "SUBJECT_MISMATCH", agentId: byEmail.id };
  }
  if (!byEmail.active) return { ok: false, refusal: "INACTIVE", agentId: byEmail.id };
  return { ok: true, agentId: byEmail.id, bind: true };
}

/** A refusal found inside the login's transaction: thrown, so that it rolls back. */
class Refusal extends Error {
  constructor(readonly refusal: AgentRefusal) {
    super(refusal);
  }
}

export async function handleProConnectCallback(
  request: Request,
  deps: { pc: ProConnect; prisma: PrismaClient; sessions: SessionStore },
): Promise<AgentCallbackOutcome> {
  const result = await deps.pc.callback(request);
  const { headers } = result;
  if (!result.ok) {
    if (result.error.kind === "access_denied") {
      return redirect("/bureau/connexion?connexion=annulee", { headers });
    }
    if (result.error.kind !== "unreachable") {
      log().warn(
        { kind: result.error.kind, detail: clean(result.error.message, 200) },
        "connexion ProConnect refusée",
      );
    }
    return { failure: describeFailure(result.error, "ProConnect"), headers };
  }

  const { identity, acr, idToken } = result.login;
  const now = new Date();
  const refuse = async (refusal: AgentRefusal, agentId: string | null) => {
    await deps.prisma.$transaction((tx) =>
      appendAuditEvent(tx, {
        actorType: agentId ? "AGENT" : "SYSTEM",
        actorId: agentId,
        action: "agent.login_refused",
        data: {
          reason: refusal,
          // The domain only: the trail holds no personal data beyond identifiers.
          emailDomain: identity.email.split("@").pop()?.slice(0, 200) ?? null,
          idpId: identity.idp_id.slice(0, 200),
        },
        occurredAt: now,
      }),
    );
    return { refused: refusal, headers };
  };
  const match = await matchAgent(deps.prisma, identity);
  if (!match.ok) return refuse(match.refusal, match.agentId);
  const login = deps.prisma.$transaction(async (tx) => {
    // Names as ProConnect certifies them today; still active (deactivated meanwhile: refused).
    const { count } = await tx.agent.updateMany({
      where: { id: match.agentId, active: true },
      data: { givenName: identity.given_name, usualName: identity.usual_name, lastLoginAt: now },
    });
    if (count === 0) throw new Refusal("INACTIVE");
    if (match.bind) {
      // Bound by this first login, unless another ProConnect account with the same address
      // bound it meanwhile (two first logins at once: one wins).
      const bound = await tx.agent.updateMany({
        where: {
          id: match.agentId,
          OR: [{ proConnectSub: null }, { proConnectSub: identity.sub, idpId: identity.idp_id }],
        },
        data: { proConnectSub: identity.sub, idpId: identity.idp_id },
      });
      if (bound.count === 0) throw new Refusal("SUBJECT_MISMATCH");
    }
    const saved = await tx.agent.findUniqueOrThrow({ where: { id: match.agentId } });
    await appendAuditEvent(tx, {
      actorType: "AGENT",
      actorId: saved.id,
      action: "agent.logged_in",
      data: { provider: "proconnect", acr, idpId: identity.idp_id, firstLogin: match.bind },
      occurredAt: now,
    });
    return saved;
  });
  const agent = await login.catch((error: unknown) => {
    if (error instanceof Refusal) return error.refusal;
    throw error;
  });
  if (typeof agent === "string") return refuse(agent, match.agentId);
  headers.append(
    "Set-Cookie",
    await deps.sessions.create(request, { kind: "AGENT", agentId: agent.id, data: { idToken } }),
  );
  return redirect(result.returnTo.startsWith("/bureau") ? result.returnTo : "/bureau", { headers });
}
