import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  type MockInstance,
  vi,
} from "vitest";
import {
  decide,
  requestInformation,
  resumeReview,
  startReview,
} from "~/server/agent/review.server";
import type { Database } from "~/server/db/connection.server";
import { log } from "~/server/log.server";
import { createMailer, type Mailer } from "~/server/mail.server";
import {
  createNotificationDispatcher,
  deliverDueNotifications,
  MAX_ATTEMPTS,
  type NotificationDeps,
  retryDelayMs,
} from "~/server/notifications.server";
import { createTestDatabase } from "../helpers/database";
import { createAgent, createCourt, submittedApplication } from "../helpers/fixtures";
import { startSmtpCatcher } from "../helpers/smtp";

let db: Database;
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
let deps: NotificationDeps;
let courtId: string;
// SMTP down: a real transport to a port where nothing listens.
const failing: Mailer = createMailer({
  url: "smtp://127.0.0.1:9",
  from: "Aide juridictionnelle <ne-pas-repondre@aj.example>",
});

beforeAll(async () => {
  db = await createTestDatabase();
  smtp = await startSmtpCatcher();
  deps = {
    prisma: db.prisma,
    mailer: createMailer({
      url: smtp.url,
      from: "Aide juridictionnelle <ne-pas-repondre@aj.example>",
    }),
    appUrl: "https://aj.example/",
  };
  courtId = (await createCourt(db.prisma, "Lyon")).id;
});
afterAll(async () => {
  await smtp.close();
  await db.close();
});
beforeEach(async () => {
  // Each test starts with an empty outbox and inbox.
  await deliverDueNotifications(deps);
  smtp.received.length = 0;
});

function outbox(applicationId: string) {
  return db.prisma.notification.findMany({
    where: { applicationId },
    orderBy: { createdAt: "asc" },
  });
}

describe("the accusé de réception", () => {
  it("is queued with the submission and sent to the contact address", async () => {
    const { application } = await submittedApplication(db.prisma, courtId, {
      email: "angela.contact@example.fr",
    });
    expect(await outbox(application.id)).toMatchObject([{ kind: "RECEIPT", state: "PENDING" }]);

    expect(await deliverDueNotifications(deps)).toEqual({ sent: 1, retried: 0, failed: 0 });

    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail?.to).toEqual(["angela.contact@example.fr"]);
    expect(mail?.from).toBe("ne-pas-repondre@aj.example");
    expect(mail?.parsed.subject).toBe(
      `Aide juridictionnelle : votre demande est bien reçue (${application.reference})`,
    );
    expect(mail?.parsed.text).toContain("Bonjour Angela,");
    expect(mail?.parsed.text).toContain(`Sa référence est ${application.reference}.`);
    expect(mail?.parsed.text).toContain(
      "Bureau d'aide juridictionnelle du tribunal judiciaire de Lyon",
    );
    expect(mail?.parsed.text).toContain(`https://aj.example/mes-demandes/${application.id}`);
    const [sent] = await outbox(application.id);
    expect(sent).toMatchObject({ state: "SENT", attempts: 1, lastError: null });
    expect(sent?.sentAt).not.toBeNull();

    // Sent once: a second run finds nothing to do.
    expect(await deliverDueNotifications(deps)).toEqual({ sent: 0, retried: 0, failed: 0 });
  });
});

describe("the BAJ's request for information and decision", () => {
  it("reach the citizen when the président asks, then decides", async () => {
    const agent = await createAgent(db.prisma, courtId, { role: "PRESIDENT" });
    const { application } = await submittedApplication(db.prisma, courtId);
    const target = { agentId: agent.id, applicationId: application.id };

    let step = await startReview(db.prisma, { ...target, version: application.version });
    if (!step.ok) throw new Error(step.message);
    await deliverDueNotifications(deps);
    smtp.received.length = 0; // the receipt

    step = await requestInformation(
      db.prisma,
      { ...target, version: step.application.version },
      { body: "Merci de préciser la date de l'audience." },
    );
    if (!step.ok) throw new Error(step.message);
    await deliverDueNotifications(deps);
    // The subject says what happened, and until when to answer.
    expect(smtp.received.map((mail) => mail.parsed.subject)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Aide juridictionnelle : le bureau attend votre réponse au plus tard le \\d{1,2} \\S+ \\d{4} \\(${application.reference}\\)$`,
        ),
      ),
    ]);
    // The question itself stays in the citizen's space, not in the mail.
    expect(smtp.received[0]?.parsed.text).toContain(
      "Lisez son message dans votre espace « Mes demandes »",
    );
    expect(smtp.received[0]?.parsed.text).not.toContain("audience");
    expect(smtp.received[0]?.parsed.text).toMatch(
      /Répondez au plus tard le \d{1,2} \S+ \d{4}\. Sans réponse, votre demande s'arrêtera \(elle deviendra « caduque »\)/,
    );

    step = await resumeReview(db.prisma, { ...target, version: step.application.version });
    if (!step.ok) throw new Error(step.message);
    step = await decide(
      db.prisma,
      { ...target, version: step.application.version },
      { outcome: "PARTIAL_55", reason: "Ressources entre les deux plafonds." },
    );
    if (!step.ok) throw new Error(step.message);
    await deliverDueNotifications(deps);

    const decision = smtp.received[1]?.parsed;
    expect(decision?.subject).toBe(
      `Aide juridictionnelle : la décision sur votre demande (${application.reference})`,
    );
    expect(decision?.text).toContain(
      "l'aide juridictionnelle partielle vous est accordée. L'État paie 55 % de vos frais de justice",
    );
    expect(decision?.text).toContain("Motif : Ressources entre les deux plafonds.");
    expect(decision?.text).toContain(
      "La décision est dans votre espace (en PDF). Si vous n'êtes pas d'accord, vous avez 15 jours pour la contester : la décision explique comment.",
    );
    expect((await outbox(application.id)).map((n) => [n.kind, n.state])).toEqual([
      ["RECEIPT", "SENT"],
      ["INFORMATION_REQUESTED", "SENT"],
      ["DECISION", "SENT"],
    ]);
  });

  it("a rejection says so, with its motive", async () => {
    const agent = await createAgent(db.prisma, courtId, { role: "PRESIDENT" });
    const { application } = await submittedApplication(db.prisma, courtId, { rfr: 80_000 });
    const target = { agentId: agent.id, applicationId: application.id };
    const review = await startReview(db.prisma, { ...target, version: application.version });
    if (!review.ok) throw new Error(review.message);
    const rejected = await decide(
      db.prisma,
      { ...target, version: review.application.version },
      { outcome: "INELIGIBLE", motif: "RESOURCES", reason: "Ressources supérieures aux plafonds." },
    );
    if (!rejected.ok) throw new Error(rejected.message);
    await deliverDueNotifications(deps);
    const decision = smtp.received.find((mail) =>
      mail.parsed.subject?.startsWith("Aide juridictionnelle : la décision"),
    );
    expect(decision?.parsed.text).toContain("l'aide juridictionnelle ne vous est pas accordée");
    expect(decision?.parsed.text).toContain("Motif : Ressources supérieures aux plafonds.");
  });
});

describe("delivery", () => {
  let warnings: MockInstance;
  beforeEach(() => {
    warnings = vi.spyOn(log(), "warn").mockImplementation(() => {});
  });
  afterEach(() => warnings.mockRestore());

  it("retries after an SMTP failure, later, and sends once the server is back", async () => {
    const { application } = await submittedApplication(db.prisma, courtId);
    const start = new Date();
    const down = { ...deps, mailer: failing, now: () => start };

    expect(await deliverDueNotifications(down)).toEqual({ sent: 0, retried: 1, failed: 0 });
    const [waiting] = await outbox(application.id);
    expect(waiting).toMatchObject({
      state: "PENDING",
      attempts: 1,
      lastError: "connect ECONNREFUSED 127.0.0.1:9",
    });
    expect(waiting?.nextAttemptAt.getTime()).toBe(start.getTime() + retryDelayMs(1));

    // Not before its time, even with the server back.
    expect(await deliverDueNotifications({ ...deps, now: () => start })).toMatchObject({ sent: 0 });
    const later = new Date(start.getTime() + retryDelayMs(1));
    expect(await deliverDueNotifications({ ...deps, now: () => later })).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(1);
    expect(await outbox(application.id)).toMatchObject([
      { state: "SENT", attempts: 2, lastError: null },
    ]);
  });

  it("waits longer after each failure, then gives up and says why", async () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(20)).toBe(6 * 60 * 60_000);

    const { application } = await submittedApplication(db.prisma, courtId);
    let now = new Date();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const report = await deliverDueNotifications({ ...deps, mailer: failing, now: () => now });
      expect(report).toEqual(
        attempt < MAX_ATTEMPTS
          ? { sent: 0, retried: 1, failed: 0 }
          : { sent: 0, retried: 0, failed: 1 },
      );
      now = new Date(now.getTime() + retryDelayMs(attempt));
    }
    // Logged with identifiers only (no address: the log holds no personal data).
    expect(warnings).toHaveBeenLastCalledWith(
      {
        kind: "RECEIPT",
        applicationId: application.id,
        attempt: MAX_ATTEMPTS,
        givingUp: true,
        detail: "connect ECONNREFUSED 127.0.0.1:9",
      },
      "courriel non envoyé",
    );
    expect(await outbox(application.id)).toMatchObject([
      { state: "FAILED", attempts: MAX_ATTEMPTS, lastError: "connect ECONNREFUSED 127.0.0.1:9" },
    ]);
    expect(await deliverDueNotifications({ ...deps, now: () => now })).toMatchObject({ sent: 0 });
  });

  it("marks a mail with nobody to write to as failed, without blocking the others", async () => {
    const silent = await submittedApplication(db.prisma, courtId);
    await db.prisma.application.update({
      where: { id: silent.application.id },
      data: { contactEmail: null },
    });
    await db.prisma.citizen.update({ where: { id: silent.citizen.id }, data: { fcEmail: null } });
    const reachable = await submittedApplication(db.prisma, courtId);
    expect(await deliverDueNotifications(deps)).toEqual({ sent: 1, retried: 0, failed: 1 });
    expect(await outbox(silent.application.id)).toMatchObject([
      { state: "FAILED", lastError: "Aucune adresse électronique à qui écrire." },
    ]);
    expect(await outbox(reachable.application.id)).toMatchObject([{ state: "SENT" }]);
  });

  it("sends each mail once when several dispatchers run at the same time", async () => {
    const submitted = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(() => submittedApplication(db.prisma, courtId)),
    );
    const reports = await Promise.all([
      deliverDueNotifications(deps, 2),
      deliverDueNotifications(deps, 2),
      deliverDueNotifications(deps, 2),
    ]);
    expect(reports.reduce((total, report) => total + report.sent, 0)).toBe(6);
    expect(smtp.received).toHaveLength(6);
    for (const { application } of submitted) {
      expect(await outbox(application.id)).toMatchObject([{ state: "SENT", attempts: 1 }]);
    }
    // Each mail carries its outbox id as Message-ID: a mail sent twice would be recognisable.
    const ids = await db.prisma.notification.findMany({
      where: { applicationId: { in: submitted.map(({ application }) => application.id) } },
      select: { id: true },
    });
    expect(smtp.received.map((mail) => mail.parsed.messageId).sort()).toEqual(
      ids.map(({ id }) => `<${id}@aj.example>`).sort(),
    );
  });

  it("the dispatcher sends at once when kicked, and on its timer", async () => {
    const dispatcher = createNotificationDispatcher(deps, { intervalMs: 50 });
    await submittedApplication(db.prisma, courtId);
    await Promise.all([dispatcher.kick(), dispatcher.kick()]);
    expect(smtp.received).toHaveLength(1);

    dispatcher.start();
    await submittedApplication(db.prisma, courtId);
    await expect.poll(() => smtp.received.length, { timeout: 5_000 }).toBe(2);
    await dispatcher.stop();
  });
});
