import {
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { handleProConnectCallback } from "~/server/agent/login.server";
import { prisma } from "~/server/db.server";
import { getAgentSessions, getProConnect } from "~/server/services.server";
import { AgentLoginFailure, AgentRefused } from "~/ui/agent/AgentLoginFailure";
import { proConnectLinks } from "~/ui/agent/ProConnectLogin";
import { pageTitle } from "~/ui/site";

export const meta: MetaFunction<typeof loader> = ({ data: result }) => [
  {
    title: pageTitle(
      result && "refused" in result
        ? "Compte non habilité"
        : (result?.failure.title ?? "Connexion des agents"),
    ),
  },
];
export const links: LinksFunction = () => proConnectLinks;

export async function loader({ request }: LoaderFunctionArgs) {
  const outcome = await handleProConnectCallback(request, {
    pc: getProConnect(),
    prisma: prisma(),
    sessions: getAgentSessions(),
  });
  if (outcome instanceof Response) return outcome;
  if ("refused" in outcome) {
    return data({ refused: outcome.refused }, { status: 403, headers: outcome.headers });
  }
  return data(
    { failure: outcome.failure },
    { status: outcome.failure.status, headers: outcome.headers },
  );
}

export default function ProConnectCallback() {
  const result = useLoaderData<typeof loader>();
  if ("refused" in result) return <AgentRefused reason={result.refused} />;
  return <AgentLoginFailure failure={result.failure} returnTo="/bureau" />;
}
