import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAgent } from "~/server/agent/require-agent.server";
import { statisticsForAgent } from "~/server/agent/statistics.server";
import {
  csvValue,
  statisticsTables,
  TABLE_IDS,
  type TableId,
} from "~/server/agent/statistics-tables.server";
import { csvDocument, csvHeaders } from "~/server/csv.server";
import { prisma } from "~/server/db.server";

/** One table of the statistics page as CSV, same filters, same figures. */
export async function loader({ request }: LoaderFunctionArgs) {
  const agent = await requireAgent(request);
  const url = new URL(request.url);
  const id = url.searchParams.get("tableau") as TableId;
  if (!TABLE_IDS.includes(id)) throw new Response("Tableau inconnu", { status: 404 });
  const found = await statisticsForAgent(prisma(), agent, url.searchParams);
  if (!found) throw new Response("Accès refusé", { status: 403 });
  const table = statisticsTables(found.statistics)[id];
  const header = table.header.map((name, column) =>
    table.kinds[column] === "share" ? `${name} (%)` : name,
  );
  const rows = table.rows.map((row) =>
    row.map((value, column) => csvValue(value, table.kinds[column] ?? "count")),
  );
  const { du, au } = found.statistics.query;
  return new Response(csvDocument(header, rows), {
    headers: csvHeaders(`statistiques-${id}-${du}-${au}.csv`),
  });
}
