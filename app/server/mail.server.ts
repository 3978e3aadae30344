/**
 * E-mail notifications to the citizen, over SMTP (nodemailer). A notification never decides the
 * fate of what it notifies: if the SMTP server fails, the failure is logged and the citizen still
 * finds everything in « Mes demandes ».
 */
import nodemailer from "nodemailer";

export type Mail = { to: string; subject: string; text: string };

export function createMailer(config: { url: string; from: string }) {
  const transport = nodemailer.createTransport(config.url);
  return {
    async send(mail: Mail): Promise<boolean> {
      try {
        await transport.sendMail({ from: config.from, ...mail });
        return true;
      } catch (error) {
        console.warn(`Courriel non envoyé (${mail.subject}) : ${(error as Error).message}`);
        return false;
      }
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
    subject: `Demande d'aide juridictionnelle ${input.reference} : bien reçue`,
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
