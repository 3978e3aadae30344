/**
 * The e-mails to the citizen and the SMTP transport (nodemailer). They are never sent from here
 * directly by a route: `notifications.server.ts` queues them in the outbox with the change they
 * notify, and sends (and retries) them.
 */
import nodemailer from "nodemailer";
import { parseConnectionUrl } from "nodemailer/lib/shared/index.js";
import { dayInFrance } from "~/domain/french";

/** `id`: the outbox's id of the mail, sent as its Message-ID (the same on every retry). */
export type Mail = { to: string; subject: string; text: string; id?: string };

export function createMailer(config: { url: string; from: string }) {
  const transport = nodemailer.createTransport({
    // A slow or silent SMTP server must not hold the outbox dispatcher for minutes.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    ...parseConnectionUrl(config.url),
  });
  const domain = /@([^>\s]+)/.exec(config.from)?.[1] ?? "localhost";
  return {
    /**
     * Hands the mail to the SMTP server; throws when it is not accepted. A mail sent again (the
     * server accepted it but the outbox could not record it) keeps its Message-ID, so that it can
     * be recognised as the same message.
     */
    async send({ id, ...mail }: Mail): Promise<void> {
      await transport.sendMail({
        from: config.from,
        ...mail,
        ...(id ? { messageId: `<${id}@${domain}>` } : {}),
      });
    },
  };
}

export type Mailer = ReturnType<typeof createMailer>;

/** The accusé de réception of a submitted application. */
export function receiptMail(input: {
  to: string;
  reference: string;
  givenName: string;
  baj: string | null;
  url: string;
}): Mail {
  return {
    to: input.to,
    subject: `Aide juridictionnelle : votre demande est bien reçue (${input.reference})`,
    text: [
      `Bonjour ${input.givenName},`,
      "",
      `Votre demande d'aide juridictionnelle a bien été déposée. Sa référence est ${input.reference}.`,
      `Le ${input.baj ?? "bureau d'aide juridictionnelle"} va l'examiner. S'il lui manque une information, il vous écrira ; vous recevrez aussi sa décision.`,
      "",
      `Suivre votre demande et télécharger le récépissé : ${input.url}`,
      "",
      "Ce message est envoyé automatiquement : merci de ne pas y répondre.",
      "Ministère de la Justice — Aide juridictionnelle",
    ].join("\n"),
  };
}

// Two sentences, so that « Décision du … : » or « a pris sa décision : » before them reads plainly.
const DECISIONS: Record<string, string> = {
  FULL: "l'aide juridictionnelle totale vous est accordée. L'État paie 100 % de vos frais de justice",
  PARTIAL_55:
    "l'aide juridictionnelle partielle vous est accordée. L'État paie 55 % de vos frais de justice",
  PARTIAL_25:
    "l'aide juridictionnelle partielle vous est accordée. L'État paie 25 % de vos frais de justice",
  INELIGIBLE: "l'aide juridictionnelle ne vous est pas accordée",
};

/** The sentence that states a decision of the BAJ. */
export function decisionSentence(status: "GRANTED" | "REJECTED", outcome: string | null): string {
  if (status === "REJECTED") return DECISIONS.INELIGIBLE as string;
  return DECISIONS[outcome ?? "FULL"] ?? (DECISIONS.FULL as string);
}

export type StatusChange =
  | { kind: "INFORMATION_REQUESTED"; deadline: Date | null }
  | {
      kind: "DECISION";
      status: "GRANTED" | "REJECTED";
      outcome: string | null;
      reason: string | null;
    }
  | { kind: "MESSAGE" }
  | { kind: "LAPSED" }
  | { kind: "TRANSFERRED"; baj: string | null }
  | { kind: "DEADLINE_REMINDER"; deadline: Date };

const longDate = (value: Date) => dayInFrance(value, "long");

/**
 * Each change's subject says what happened, after « Aide juridictionnelle : » (the reference follows
 * it); its first line says it again.
 */
const CHANGES: Record<
  StatusChange["kind"],
  { subject: (change: never) => string; lines: (change: never) => string[] }
> = {
  INFORMATION_REQUESTED: {
    subject: (change: Extract<StatusChange, { kind: "INFORMATION_REQUESTED" }>) =>
      change.deadline
        ? `le bureau attend votre réponse au plus tard le ${longDate(change.deadline)}`
        : "le bureau attend votre réponse",
    lines: (change: Extract<StatusChange, { kind: "INFORMATION_REQUESTED" }>) => [
      "Le bureau d'aide juridictionnelle a besoin d'une précision pour examiner votre demande.",
      "Lisez son message dans votre espace « Mes demandes » et répondez-lui sur la même page.",
      ...(change.deadline
        ? [
            `Répondez au plus tard le ${longDate(change.deadline)}. Sans réponse, votre demande s'arrêtera (elle deviendra « caduque ») ; vous pourrez en déposer une nouvelle.`,
          ]
        : []),
    ],
  },
  DECISION: {
    subject: () => "la décision sur votre demande",
    lines: (change: Extract<StatusChange, { kind: "DECISION" }>) => [
      `Le bureau d'aide juridictionnelle a pris sa décision : ${decisionSentence(change.status, change.outcome)}.`,
      ...(change.reason ? [`Motif : ${change.reason}`] : []),
      "La décision est dans votre espace (en PDF). Si vous n'êtes pas d'accord, vous avez 15 jours pour la contester : la décision explique comment.",
    ],
  },
  MESSAGE: {
    subject: () => "le bureau vous a écrit",
    lines: () => [
      "Le bureau d'aide juridictionnelle vous a écrit au sujet de votre demande.",
      "Son message vous attend dans votre espace.",
    ],
  },
  LAPSED: {
    subject: () => "votre demande est arrêtée faute de réponse",
    lines: () => [
      "Vous n'avez pas répondu à temps à la question du bureau d'aide juridictionnelle : votre demande s'arrête (on dit qu'elle est « caduque »).",
      "Vous pouvez déposer une nouvelle demande à tout moment.",
    ],
  },
  DEADLINE_REMINDER: {
    subject: (change: Extract<StatusChange, { kind: "DEADLINE_REMINDER" }>) =>
      `rappel, répondez au plus tard le ${longDate(change.deadline)}`,
    lines: (change: Extract<StatusChange, { kind: "DEADLINE_REMINDER" }>) => [
      "Le bureau d'aide juridictionnelle attend toujours votre réponse à sa question.",
      `Répondez au plus tard le ${longDate(change.deadline)}, depuis votre espace. Sans réponse, votre demande s'arrêtera (elle deviendra « caduque ») ; vous pourrez en déposer une nouvelle.`,
      "Si vous avez déjà répondu, ne tenez pas compte de ce message.",
    ],
  },
  TRANSFERRED: {
    subject: () => "votre demande est envoyée à un autre bureau",
    lines: (change: Extract<StatusChange, { kind: "TRANSFERRED" }>) => [
      `Votre demande a été envoyée au ${change.baj ?? "bureau d'aide juridictionnelle compétent"} : c'est lui qui doit l'examiner.`,
      "Vous n'avez rien à refaire : vous suivez toujours votre demande dans votre espace.",
    ],
  },
};

/** What the BAJ did, told to the citizen: a precision asked, a decision, a message… */
export function statusMail(input: {
  to: string;
  givenName: string;
  reference: string;
  url: string;
  change: StatusChange;
}): Mail {
  const { subject, lines } = CHANGES[input.change.kind];
  return {
    to: input.to,
    subject: `Aide juridictionnelle : ${subject(input.change as never)} (${input.reference})`,
    text: [
      `Bonjour ${input.givenName},`,
      "",
      ...lines(input.change as never),
      "",
      `Votre demande : ${input.url}`,
      "",
      "Ce message est envoyé automatiquement : merci de ne pas y répondre.",
      "Ministère de la Justice — Aide juridictionnelle",
    ].join("\n"),
  };
}
