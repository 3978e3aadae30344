import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCitizen } from "~/server/auth/citizen-session.server";
import { prisma } from "~/server/db.server";
import { pdfResponse } from "~/server/documents.server";
import { ownReceipt, receiptDocument } from "~/server/receipt.server";

/** The récépissé de dépôt (PDF) of one of the citizen's own applications. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const citizen = await requireCitizen(request);
  const receipt = await ownReceipt(prisma(), citizen, String(params.id));
  if (!receipt) throw new Response("Demande introuvable", { status: 404 });
  return pdfResponse(receiptDocument(receipt));
}
