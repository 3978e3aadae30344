/**
 * What happens when FranceConnect sends the citizen back: on a verified identity, the Citizen is
 * upserted by its FranceConnect subject, the login is traced and a new session opens; otherwise no
 * session, and a French explanation of what went wrong.
 */
import { redirect } from "@remix-run/node";
import type { PrismaClient } from "~/generated/prisma/client";
import { appendAuditEvent } from "../audit.server";
import type { DgfipClient } from "../dgfip.server";
import { clean, log } from "../log.server";
import type { SessionStore } from "../session.server";
import { refreshTaxData, retryTaxDataInBackground, type TaxFetchStatus } from "../tax.server";
import type { FranceConnect } from "./franceconnect.server";
import { describeFailure, type LoginFailure } from "./login-failure.server";

export type CallbackOutcome = Response | { failure: LoginFailure; headers: Headers };

export async function handleFranceConnectCallback(
  request: Request,
  deps: {
    fc: FranceConnect;
    prisma: PrismaClient;
    sessions: SessionStore;
    dgfip: DgfipClient;
    /** Pauses between the background tries of the DGFiP (default: while the token lives). */
    taxRetryPauses?: number[];
  },
): Promise<CallbackOutcome> {
  const result = await deps.fc.callback(request);
  const { headers } = result;
  if (!result.ok) {
    if (result.error.kind === "access_denied") {
      return redirect("/?connexion=annulee", { headers });
    }
    if (result.error.kind !== "unreachable") {
      log().warn(
        {
          kind: result.error.kind,
          providerCode: clean(result.error.providerCode ?? "", 60),
          detail: clean(result.error.message, 200),
        },
        "connexion FranceConnect refusée",
      );
    }
    return { failure: describeFailure(result.error), headers };
  }

  const { identity, idToken, accessToken } = result.login;
  const certified = {
    givenName: identity.given_name,
    familyName: identity.family_name,
    preferredUsername: identity.preferred_username || null,
    birthdate: identity.birthdate,
    gender: identity.gender,
    birthplace: identity.birthplace,
    birthcountry: identity.birthcountry,
    fcEmail: identity.email ?? null,
  };
  const now = new Date();
  const citizen = await deps.prisma.$transaction(async (tx) => {
    const saved = await tx.citizen.upsert({
      where: { fcSub: identity.sub },
      create: { fcSub: identity.sub, ...certified, contactEmail: identity.email, lastLoginAt: now },
      update: { ...certified, lastLoginAt: now },
    });
    await appendAuditEvent(tx, {
      actorType: "CITIZEN",
      actorId: saved.id,
      action: "citizen.logged_in",
      data: { provider: "franceconnect", acr: "eidas1" },
      occurredAt: now,
    });
    return saved;
  });
  // Right away: the FranceConnect access token lives 60 s. The citizen waits a few seconds at most
  // (DGFIP_BUDGET_MS); when the DGFiP is unavailable meanwhile, they are let in and the fetch goes
  // on in the background while the token lives. A failure never blocks the login.
  const tokenObtainedAt = Date.now();
  const first = await refreshTaxData(deps, citizen.id, accessToken);
  let taxFetch: TaxFetchStatus = first;
  if (first.status === "failed" && first.reason === "unavailable") {
    taxFetch = { status: "pending", since: new Date().toISOString() };
    const retry = retryTaxDataInBackground(
      deps,
      citizen.id,
      accessToken,
      tokenObtainedAt,
      deps.taxRetryPauses,
    );
    void retry.catch((error) =>
      log().error({ err: error }, "DGFiP : nouvel essai en arrière-plan impossible"),
    );
  }
  headers.append(
    "Set-Cookie",
    await deps.sessions.create(request, {
      kind: "CITIZEN",
      citizenId: citizen.id,
      data: { idToken, taxFetch },
    }),
  );
  return redirect(result.returnTo === "/" ? "/mon-compte" : result.returnTo, { headers });
}
