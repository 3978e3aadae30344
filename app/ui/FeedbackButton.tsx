import type { Feedback } from "~/server/feedback.server";

/**
 * « Je donne mon avis » (app/server/feedback.server.ts): the observatory's button, under a short
 * invitation; nothing when the démarche is not configured.
 */
export function FeedbackButton({
  feedback,
  question,
}: {
  feedback: Feedback | null;
  /** What the citizen is asked, above the button. */
  question: string;
}) {
  if (!feedback) return null;
  return (
    <section aria-labelledby="avis" className="fr-callout fr-mt-4w">
      <h2 id="avis" className="fr-callout__title fr-h6">
        Votre avis nous aide à améliorer ce service
      </h2>
      <p className="fr-callout__text fr-mb-2w">{question} Cela prend deux minutes.</p>
      <a
        href={feedback.href}
        target="_blank"
        rel="noopener noreferrer"
        title="Je donne mon avis - nouvelle fenêtre"
      >
        <img src={feedback.image} alt="Je donne mon avis" />
      </a>
    </section>
  );
}
