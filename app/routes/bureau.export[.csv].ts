import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseQueueQuery } from "~/forms/queue";
import { exportFilename, queueExportStream } from "~/server/agent/export.server";
import { requireAgent } from "~/server/agent/require-agent.server";
import { csvHeaders } from "~/server/csv.server";
import { prisma } from "~/server/db.server";

/** The queue's current tab and filters as a CSV, streamed (docs/decisions/016). */
export async function loader({ request }: LoaderFunctionArgs) {
  const agent = await requireAgent(request, "review");
  const query = parseQueueQuery(new URL(request.url).searchParams);
  return new Response(queueExportStream(prisma(), agent, query), {
    headers: csvHeaders(exportFilename(query)),
  });
}
