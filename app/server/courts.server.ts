/** The tribunaux judiciaires: the citizen's choice of court, the agent's transfer to another. */
import type { PrismaClient } from "~/generated/prisma/client";

/** Every court, by city (French order). */
export async function allCourts(prisma: PrismaClient) {
  const courts = await prisma.court.findMany({
    select: { id: true, name: true, city: true, departement: true },
  });
  return courts.sort((a, b) => a.city.localeCompare(b.city, "fr"));
}
