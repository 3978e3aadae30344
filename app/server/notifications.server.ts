/**
 * The e-mails to the citizen, through an outbox (docs/decisions/011). `enqueueNotification` writes
 * a row in the transaction that makes the change it notifies; the dispatcher sends the rows that are
 * due, renders each mail from the application as it is then, and retries failures with a backoff.
 * A crash, a restart or an SMTP outage delays a mail; it never loses it, and never fails what it
 * notifies. Several instances may run the dispatcher: a row is claimed by compare-and-set.
 */

import { isDecided } from "~/domain/application/status";
import type {
  Notification,
  NotificationKind,
  Prisma,
  PrismaClient,
} from "~/generated/prisma/client";
import { clean, log } from "./log.server";
import { type Mail, type Mailer, receiptMail, statusMail } from "./mail.server";

/** Queues a mail; call it inside the transaction that makes the change it notifies. */
export function enqueueNotification(
  tx: Prisma.TransactionClient,
  applicationId: string,
  kind: NotificationKind,
) {
  return tx.notification.create({ data: { applicationId, kind } });
}

/** After that many failed attempts (the waits add up to about 8 h 30), the row is marked FAILED. */
export const MAX_ATTEMPTS = 10;
/** While a dispatcher sends a row, no other takes it (a crashed one's rows come back after it). */
const LEASE_MS = 2 * 60_000;

/** Wait before the next attempt after `attempts` failures: 1 min, 2, 4… at most 6 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60_000);
}

export type NotificationDeps = {
  prisma: PrismaClient;
  mailer: Mailer;
  /** Public URL of the service, for the links in the mails. */
  appUrl: string;
  now?: () => Date;
};

/** The mail a notification sends, from the application as it is now; null: nobody to write to. */
export async function mailFor(
  deps: Pick<NotificationDeps, "prisma" | "appUrl">,
  notification: Pick<Notification, "applicationId" | "kind">,
): Promise<Mail | null> {
  const app = await deps.prisma.application.findUnique({
    where: { id: notification.applicationId },
    include: { court: true, citizen: true },
  });
  const to = app?.contactEmail ?? app?.citizen.contactEmail ?? app?.citizen.fcEmail;
  if (!app?.reference || !to) return null;
  const base = {
    to,
    givenName: app.citizen.givenName.split(" ")[0] ?? app.citizen.givenName,
    reference: app.reference,
    url: `${deps.appUrl.replace(/\/$/, "")}/mes-demandes/${app.id}`,
  };
  switch (notification.kind) {
    case "RECEIPT":
      return receiptMail({ ...base, baj: app.court?.bajName ?? null });
    case "INFORMATION_REQUESTED":
      return statusMail({
        ...base,
        change: { kind: "INFORMATION_REQUESTED", deadline: app.replyDeadline },
      });
    case "DECISION":
      if (!isDecided(app.status)) return null;
      return statusMail({
        ...base,
        change: {
          kind: "DECISION",
          status: app.status,
          outcome: app.decisionOutcome,
          reason: app.decisionReason,
        },
      });
    case "TRANSFERRED":
      return statusMail({
        ...base,
        change: { kind: "TRANSFERRED", baj: app.court?.bajName ?? null },
      });
    case "DEADLINE_REMINDER":
      // Answered or lapsed meanwhile: nothing to remind.
      if (app.status !== "INFORMATION_REQUESTED" || !app.replyDeadline) return null;
      return statusMail({
        ...base,
        change: { kind: "DEADLINE_REMINDER", deadline: app.replyDeadline },
      });
    case "MESSAGE":
    case "LAPSED":
      return statusMail({ ...base, change: { kind: notification.kind } });
  }
}

export type DeliveryReport = { sent: number; retried: number; failed: number };

/** Sends the notifications that are due, a batch at a time, until none is left. */
export async function deliverDueNotifications(
  deps: NotificationDeps,
  batchSize = 20,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  for (;;) {
    const now = deps.now?.() ?? new Date();
    const due = await deps.prisma.notification.findMany({
      where: { state: "PENDING", nextAttemptAt: { lte: now } },
      orderBy: { createdAt: "asc" },
      take: batchSize,
    });
    for (const notification of due) {
      await deliver(deps, notification, now, report);
    }
    if (due.length < batchSize) return report;
  }
}

async function deliver(
  deps: NotificationDeps,
  notification: Notification,
  now: Date,
  report: DeliveryReport,
) {
  // Claim it: only one dispatcher wins the compare-and-set on `attempts`.
  const attempts = notification.attempts + 1;
  const { count } = await deps.prisma.notification.updateMany({
    where: { id: notification.id, state: "PENDING", attempts: notification.attempts },
    data: { attempts, nextAttemptAt: new Date(now.getTime() + LEASE_MS) },
  });
  if (count === 0) return;
  let error: string;
  try {
    const mail = await mailFor(deps, notification);
    if (!mail) {
      await deps.prisma.notification.update({
        where: { id: notification.id },
        data: { state: "FAILED", lastError: "Aucune adresse électronique à qui écrire." },
      });
      report.failed++;
      return;
    }
    await deps.mailer.send({ ...mail, id: notification.id });
    await deps.prisma.notification.update({
      where: { id: notification.id },
      data: { state: "SENT", sentAt: deps.now?.() ?? new Date(), lastError: null },
    });
    report.sent++;
    return;
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  const givingUp = attempts >= MAX_ATTEMPTS;
  log().warn(
    {
      kind: notification.kind,
      applicationId: notification.applicationId,
      attempt: attempts,
      givingUp,
      detail: clean(error, 200),
    },
    "courriel non envoyé",
  );
  await deps.prisma.notification.update({
    where: { id: notification.id },
    data: {
      lastError: error.slice(0, 1000),
      ...(givingUp
        ? { state: "FAILED" }
        : { nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) }),
    },
  });
  if (givingUp) report.failed++;
  else report.retried++;
}

export type NotificationDispatcher = ReturnType<typeof createNotificationDispatcher>;

/**
 * Runs `deliverDueNotifications` every `intervalMs`, and at once when `kick`ed (after a commit
 * that queued a mail). Never two runs at the same time in one process; a kick during a run makes
 * it run once more.
 */
export function createNotificationDispatcher(
  deps: NotificationDeps,
  options: { intervalMs: number },
) {
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  function kick(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await deliverDueNotifications(deps);
        } catch (error) {
          // The database may be briefly unreachable: the next tick tries again.
          log().error({ err: error }, "envoi des courriels interrompu");
        }
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    kick,
    start() {
      if (timer) return;
      timer = setInterval(() => void kick(), options.intervalMs);
      timer.unref();
      void kick();
    },
    /** Stops the timer and waits for the run in progress (graceful shutdown). */
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
