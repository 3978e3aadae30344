import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCitizen } from "~/server/auth/citizen-session.server";
import { prisma } from "~/server/db.server";
import { personalData } from "~/server/personal-data.server";

/** The citizen downloads everything the service holds about them (JSON). */
export async function loader({ request }: LoaderFunctionArgs) {
  const citizen = await requireCitizen(request);
  const data = await personalData(prisma(), citizen.id);
  const json = JSON.stringify(
    data,
    (_key, value) => (typeof value === "bigint" ? value.toString() : value),
    2,
  );
  return new Response(json, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="mes-donnees-aide-juridictionnelle.json"',
      "Cache-Control": "private, no-store",
    },
  });
}
