/** The courts an agent serves, and the national figures. */
import type { PrismaClient } from "~/generated/prisma/client";
import type { AgentContext } from "./context.server";

export function courtsOf(prisma: PrismaClient, agent: Pick<AgentContext, "courtIds">) {
  return prisma.court.findMany({
    where: { id: { in: agent.courtIds } },
    select: { id: true, city: true, name: true, bajName: true, departement: true },
    orderBy: { city: "asc" },
  });
}

/** Applications per status, nationwide: figures only, no personal data (national reader). */
export async function nationalCounts(prisma: PrismaClient) {
  const rows = await prisma.application.groupBy({
    by: ["status"],
    where: { status: { not: "DRAFT" } },
    _count: { _all: true },
  });
  return rows.map((row) => ({ status: row.status, count: row._count._all }));
}
