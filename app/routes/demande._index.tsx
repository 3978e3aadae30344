import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { findDraft } from "~/server/applications.server";
import { requireCitizen } from "~/server/auth/citizen-session.server";
import { prisma } from "~/server/db.server";

/** Resumes the draft where the citizen stopped (even after logout/login), or starts one. */
export async function loader({ request }: LoaderFunctionArgs) {
  const citizen = await requireCitizen(request);
  const draft = await findDraft(prisma(), citizen.id);
  return redirect(`/demande/${draft?.currentStep ?? "identite"}`);
}
