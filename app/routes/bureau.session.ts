import type { LoaderFunctionArgs } from "@remix-run/node";
import { getAgentSessions } from "~/server/services.server";
import type { SessionState } from "~/ui/SessionTimeout";

/**
 * Whether the agent's session is still open; reading it counts as activity (« Rester connecté »).
 * Under /bureau: the agents' cookie is sent there only.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getAgentSessions().read(request);
  return Response.json({ active: session !== null } satisfies SessionState, {
    headers: { "Cache-Control": "no-store" },
  });
}
