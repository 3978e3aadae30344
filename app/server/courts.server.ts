/** The tribunaux judiciaires: the citizen's choice of court, the agent's transfer to another. */
import type { PrismaClient } from "~/generated/prisma/client";

/**
 * How to reach the bureaux d'aide juridictionnelle of these courts, as the help page lists it:
 * what the courts' data hold, and where a value is missing, where to find it.
 */
export async function courtContact(prisma: PrismaClient, ids: string[]) {
  if (ids.length === 0) return [];
  const courts = await prisma.court.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, city: true, departement: true, bajName: true, bajEmail: true },
  });
  const missing = "non renseigné dans nos données : voir l'annuaire de l'administration";
  return ids.flatMap((id) => {
    const court = courts.find((candidate) => candidate.id === id);
    if (!court) return [];
    return [
      {
        id: court.id,
        bajName: court.bajName,
        rows: [
          ["Tribunal", `${court.name}, ${court.city} (${court.departement})`],
          ["Adresse électronique", court.bajEmail ?? missing],
          ["Adresse postale", missing],
          ["Téléphone", missing],
        ] as [string, string][],
      },
    ];
  });
}

/** Every court, by city (French order). */
export async function allCourts(prisma: PrismaClient) {
  const courts = await prisma.court.findMany({
    select: { id: true, name: true, city: true, departement: true },
  });
  return courts.sort((a, b) => a.city.localeCompare(b.city, "fr"));
}
