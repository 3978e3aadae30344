import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAgent } from "~/server/agent/require-agent.server";
import { exportCheckpoints } from "~/server/audit-checkpoints.server";
import { prisma } from "~/server/db.server";
import { getAuditKeys } from "~/server/services.server";

/** The signed checkpoints and the public keys: anyone can check them with a JWS library. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAgent(request, "audit");
  const body = await exportCheckpoints(prisma(), await getAuditKeys());
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="journal-audit-points-de-controle.json"',
      "Cache-Control": "private, no-store",
    },
  });
}
