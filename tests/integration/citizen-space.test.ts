/**
 * The citizen's space after the BAJ acted: the route modules themselves (loaders and action), on a
 * test database, with a real session cookie. The agents' actions are those of agent/review.server.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  action as applicationAction,
  loader as applicationLoader,
} from "~/routes/mes-demandes.$id";
import { loader as decisionLoader } from "~/routes/mes-demandes.$id_.decision";
import { loader as documentLoader } from "~/routes/mes-demandes.$id_.document.$document";
import { decide, requestInformation, startReview } from "~/server/agent/review.server";
import type { Database } from "~/server/db/connection.server";
import { getSessions } from "~/server/services.server";
import { createTestDatabase } from "../helpers/database";
import { createAgent, createCitizen, createCourt, submittedApplication } from "../helpers/fixtures";

const ORIGIN = "http://localhost:3000";
let db: Database;

beforeAll(async () => {
  db = await createTestDatabase();
  // The routes reach the database through the process-wide handle: this test's database.
  globalThis.__database = db;
});
afterAll(async () => {
  globalThis.__database = undefined;
  await db.close();
});

async function cookieFor(citizenId: string) {
  const setCookie = await getSessions().create(new Request(ORIGIN), {
    kind: "CITIZEN",
    citizenId,
    data: {},
  });
  return setCookie.split(";")[0] as string;
}

function get(path: string, cookie: string) {
  return new Request(`${ORIGIN}${path}`, { headers: { Cookie: cookie } });
}

const args = (request: Request, id: string) => ({ request, params: { id }, context: {} });
const documentArgs = (request: Request, id: string, document: string) => ({
  request,
  params: { id, document },
  context: {},
});

describe("« Mes demandes » after the BAJ's actions", () => {
  it("shows the question, takes the answer, then shows the decision and serves its PDF", async () => {
    const court = await createCourt(db.prisma, "Bordeaux");
    // The président takes, asks and decides directly (an instructeur would propose).
    const agent = await createAgent(db.prisma, court.id, { role: "PRESIDENT" });
    const { citizen, application } = await submittedApplication(db.prisma, court.id);
    const cookie = await cookieFor(citizen.id);
    const target = { agentId: agent.id, applicationId: application.id };
    const path = `/mes-demandes/${application.id}`;

    // Before any decision: no decision PDF, nor its web page; the récépissé's web page.
    await expect(
      decisionLoader(args(get(`${path}/decision`, cookie), application.id)),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      documentLoader(
        documentArgs(get(`${path}/document/decision`, cookie), application.id, "decision"),
      ),
    ).rejects.toMatchObject({ status: 404 });
    const receipt = await documentLoader(
      documentArgs(get(`${path}/document/recepisse`, cookie), application.id, "recepisse"),
    );
    expect(receipt.title).toBe(`Récépissé de dépôt ${application.reference}`);
    expect(receipt.pdf.href).toBe(`${path}/recepisse`);
    await expect(
      documentLoader(documentArgs(get(`${path}/document/autre`, cookie), application.id, "autre")),
    ).rejects.toMatchObject({ status: 404 });

    let step = await startReview(db.prisma, { ...target, version: application.version });
    if (!step.ok) throw new Error(step.message);
    step = await requestInformation(
      db.prisma,
      { ...target, version: step.application.version },
      { body: "Merci d'indiquer la date de l'audience." },
    );
    if (!step.ok) throw new Error(step.message);

    let page = await applicationLoader(args(get(path, cookie), application.id));
    expect(page.application.status).toBe("INFORMATION_REQUESTED");
    expect(page.messages).toMatchObject([
      { fromBaj: true, body: "Merci d'indiquer la date de l'audience." },
    ]);

    // The citizen answers from the page: the review resumes.
    const answer = await applicationAction(
      args(
        new Request(`${ORIGIN}${path}`, {
          method: "POST",
          headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ intent: "reply", body: "Le 12 janvier 2027." }),
        }),
        application.id,
      ),
    );
    expect(answer).toBeInstanceOf(Response);
    expect((answer as Response).headers.get("Location")).toBe(`${path}?message=ok#messages`);

    const resumed = await db.prisma.application.findUniqueOrThrow({
      where: { id: application.id },
    });
    expect(resumed.status).toBe("IN_REVIEW");
    step = await decide(
      db.prisma,
      { ...target, version: resumed.version },
      { outcome: "FULL", reason: "Ressources sous le plafond de l'aide totale." },
    );
    if (!step.ok) throw new Error(step.message);

    page = await applicationLoader(args(get(path, cookie), application.id));
    expect(page.application).toMatchObject({
      status: "GRANTED",
      decision:
        "l'aide juridictionnelle totale vous est accordée. L'État paie 100 % de vos frais de justice",
      decisionReason: "Ressources sous le plafond de l'aide totale.",
    });
    expect(page.timeline.map((entry) => entry.label)).toEqual([
      "Vous avez déposé votre demande",
      "Le bureau a commencé l'examen de votre demande",
      "Le bureau vous a posé une question",
      "Vous avez répondu",
      "Le bureau a pris sa décision",
    ]);
    expect(page.messages.map((message) => [message.fromBaj, message.body])).toEqual([
      [true, "Merci d'indiquer la date de l'audience."],
      [false, "Le 12 janvier 2027."],
    ]);

    const pdf = await decisionLoader(args(get(`${path}/decision`, cookie), application.id));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(pdf.headers.get("Content-Disposition")).toContain(
      `decision-${application.reference}.pdf`,
    );
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    // Its web page (the accessible version): the same letter.
    const letter = await documentLoader(
      documentArgs(get(`${path}/document/decision`, cookie), application.id, "decision"),
    );
    expect(letter.pdf.href).toBe(`${path}/decision`);
    expect(letter.paragraphs.map((paragraph) => paragraph.text)).toContain(
      "Notification et voies de recours",
    );

    // Another citizen: the same 404 as an unknown application, for the pages and the PDF.
    const stranger = await cookieFor((await createCitizen(db.prisma)).id);
    await expect(
      applicationLoader(args(get(path, stranger), application.id)),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      decisionLoader(args(get(`${path}/decision`, stranger), application.id)),
    ).rejects.toMatchObject({ status: 404 });
    for (const document of ["decision", "recepisse"]) {
      await expect(
        documentLoader(
          documentArgs(get(`${path}/document/${document}`, stranger), application.id, document),
        ),
      ).rejects.toMatchObject({ status: 404 });
    }
  });

  it("sends a visitor without a session to the login page, and back here afterwards", async () => {
    const request = new Request(`${ORIGIN}/mes-demandes/abc/decision`);
    const response = await decisionLoader(args(request, "abc")).catch((thrown) => thrown);
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).headers.get("Location")).toBe(
      `/connexion?redirectTo=${encodeURIComponent("/mes-demandes/abc/decision")}`,
    );
  });
});
