import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  getOrCreateDraft,
  notifyStatusChange,
  notifySubmission,
  saveStep,
  submitDraft,
} from "~/server/applications.server";
import type { Database } from "~/server/db/connection.server";
import { createMailer } from "~/server/mail.server";
import { createTestDatabase } from "../helpers/database";

type Received = { from: string; to: string[]; raw: string };

let db: Database;
let smtp: SMTPServer;
let smtpUrl: string;
const received: Received[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => {
        raw += chunk.toString();
      });
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await db.close();
});

describe("notifications", () => {
  it("sends the accusé de réception of a submitted application to the contact address", async () => {
    const court = await db.prisma.court.create({
      data: {
        code: "69123",
        name: "Tribunal judiciaire de Lyon",
        city: "Lyon",
        inseeCode: "69123",
        departement: "69",
        bajName: "Bureau d'aide juridictionnelle du tribunal judiciaire de Lyon",
      },
    });
    const citizen = await db.prisma.citizen.create({
      data: {
        fcSub: `${"d".repeat(64)}v1`,
        givenName: "Angela Claire Louise",
        familyName: "DUBOIS",
        birthdate: "1962-08-24",
        gender: "female",
        birthplace: "75107",
        birthcountry: "99100",
      },
    });
    const draft = await getOrCreateDraft(db.prisma, citizen.id);
    await saveStep(db.prisma, {
      citizenId: citizen.id,
      applicationId: draft.id,
      version: draft.version,
      step: "procedure",
      data: {
        contactEmail: "angela@example.fr",
        declaredMovableAssets: 0,
        declaredRealEstateAssets: 0,
        seriousCrimeVictim: false,
        legalExpensesInsurance: false,
        caseKind: "CIVIL",
        caseSubkind: "Logement",
        courtId: court.id,
        applicantRole: "Défendeur",
        procedureStage: "Avant toute procédure",
        description: "Une affaire de loyers impayés.",
        lawyerDesignationRequested: true,
      },
    });
    const result = await submitDraft(db.prisma, { citizenId: citizen.id, applicationId: draft.id });
    if (!result.ok) throw new Error(JSON.stringify(result));
    const mailer = createMailer({
      url: smtpUrl,
      from: "Aide juridictionnelle <ne-pas-repondre@aj.example>",
    });
    expect(
      await notifySubmission({ prisma: db.prisma, mailer, appUrl: "https://aj.example" }, draft.id),
    ).toBe(true);

    expect(received).toHaveLength(1);
    const mail = received[0] as Received;
    expect(mail.to).toEqual(["angela@example.fr"]);
    expect(mail.from).toBe("ne-pas-repondre@aj.example");
    const parsed = await simpleParser(mail.raw);
    expect(parsed.subject).toBe(
      `Demande d'aide juridictionnelle ${result.application.reference} : bien reçue`,
    );
    expect(parsed.text).toContain("Bonjour Angela,");
    expect(parsed.text).toContain(`Sa référence est ${result.application.reference}.`);
    expect(parsed.text).toContain("Bureau d'aide juridictionnelle du tribunal judiciaire de Lyon");
    expect(parsed.text).toContain(`https://aj.example/mes-demandes/${draft.id}`);
  });

  it("tells the citizen when the BAJ asks for information, and when it decides", async () => {
    const app = await db.prisma.application.findFirstOrThrow({
      where: { reference: { not: null } },
    });
    const mailer = createMailer({ url: smtpUrl, from: "ne-pas-repondre@aj.example" });
    const deps = { prisma: db.prisma, mailer, appUrl: "https://aj.example" };
    received.length = 0;

    await db.prisma.application.update({ where: { id: app.id }, data: { status: "IN_REVIEW" } });
    expect(await notifyStatusChange(deps, app.id)).toBe(false); // nothing to tell

    await db.prisma.application.update({
      where: { id: app.id },
      data: { status: "INFORMATION_REQUESTED" },
    });
    expect(await notifyStatusChange(deps, app.id)).toBe(true);

    await db.prisma.application.update({
      where: { id: app.id },
      data: {
        status: "GRANTED",
        decisionOutcome: "PARTIAL_55",
        decisionReason: "Ressources entre les plafonds.",
        decidedAt: new Date(),
      },
    });
    expect(await notifyStatusChange(deps, app.id)).toBe(true);

    const [question, decision] = await Promise.all(received.map((mail) => simpleParser(mail.raw)));
    expect(question?.subject).toBe(
      `Demande d'aide juridictionnelle ${app.reference} : une précision est demandée`,
    );
    expect(question?.text).toContain("Son message vous attend dans votre espace");
    expect(decision?.subject).toBe(`Demande d'aide juridictionnelle ${app.reference} : décision`);
    expect(decision?.text).toContain(
      "l'aide juridictionnelle partielle vous est accordée : l'État prend en charge 55 % des frais",
    );
    expect(decision?.text).toContain("Motif : Ressources entre les plafonds.");
  });

  it("reports a failing SMTP server without throwing", async () => {
    const mailer = createMailer({ url: "smtp://127.0.0.1:9", from: "x@y.fr" });
    expect(await mailer.send({ to: "a@b.fr", subject: "Essai", text: "Bonjour" })).toBe(false);
  });
});
