import type { LoaderFunctionArgs } from "@remix-run/node";
import { getSessions } from "~/server/services.server";
import type { SessionState } from "~/ui/SessionTimeout";

/** Whether the citizen's session is still open; reading it counts as activity (« Rester connecté »). */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSessions().read(request);
  return Response.json({ active: session !== null } satisfies SessionState, {
    headers: { "Cache-Control": "no-store" },
  });
}
