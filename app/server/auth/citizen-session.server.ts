/** Who is connected on the citizen's side: the helpers routes use. */
import { redirect } from "@remix-run/node";
import { prisma } from "../db.server";
import { oncePerRequest } from "../request-memo.server";
import { getSessions } from "../services.server";

/** The connected citizen, or null (read once per GET request: the root's loader asks too). */
export function getCitizen(request: Request) {
  return oncePerRequest(request, "citizen", async () => {
    const session = await getSessions().read(request);
    if (!session?.citizenId) return null;
    return prisma().citizen.findUnique({ where: { id: session.citizenId } });
  });
}

/** The connected citizen; otherwise, to the login page and back here afterwards. */
export async function requireCitizen(request: Request) {
  const citizen = await getCitizen(request);
  if (!citizen) {
    const url = new URL(request.url);
    throw redirect(`/connexion?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return citizen;
}
