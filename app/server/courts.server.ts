/** The tribunaux judiciaires: the citizen's choice of court, the agent's transfer to another. */
import { isFinal } from "~/domain/application/status";
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

type CourtChoice = { id: string; name: string; city: string; departement: string };

const BY_CITY = new Intl.Collator("fr");

/**
 * How long the list of courts is kept in memory. The 171 courts come from the seed, run at each
 * deployment; the procedure step and every application page of the back-office list them all.
 */
const COURTS_KEPT_MS = 5 * 60_000;

const kept = new WeakMap<PrismaClient, { until: number; courts: Promise<CourtChoice[]> }>();

/** Every court, by city (French order). */
export function allCourts(prisma: PrismaClient): Promise<CourtChoice[]> {
  const now = Date.now();
  const memo = kept.get(prisma);
  if (memo && memo.until > now) return memo.courts;
  const courts = prisma.court
    .findMany({ select: { id: true, name: true, city: true, departement: true } })
    .then((rows) => rows.sort((a, b) => BY_CITY.compare(a.city, b.city)));
  kept.set(prisma, { until: now + COURTS_KEPT_MS, courts });
  courts.catch(() => kept.delete(prisma));
  return courts;
}

/**
 * What the help page lists: every court to choose from, and how to reach the bureaux of the
 * citizen's applications (the most recent first) and of the court they chose, with those
 * applications (a closed one takes no more messages).
 */
export async function helpContacts(
  prisma: PrismaClient,
  citizenId: string | null,
  chosen: string | null,
) {
  const [courts, mine] = await Promise.all([
    allCourts(prisma),
    citizenId
      ? prisma.application.findMany({
          where: { citizenId, status: { not: "DRAFT" }, courtId: { not: null } },
          select: { id: true, reference: true, courtId: true, status: true },
          orderBy: { submittedAt: "desc" },
        })
      : [],
  ]);
  const wanted = [...new Set([...mine.map((app) => app.courtId as string), chosen ?? ""])];
  const contacts = (await courtContact(prisma, wanted.filter(Boolean))).map((court) => ({
    ...court,
    applications: mine
      .filter((app) => app.courtId === court.id)
      .map((app) => ({ id: app.id, reference: app.reference ?? "", closed: isFinal(app.status) })),
  }));
  return {
    courts: courts.map((court) => ({ id: court.id, label: court.name })),
    chosen: contacts.some((court) => court.id === chosen) ? chosen : null,
    contacts,
  };
}
