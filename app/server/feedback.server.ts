/**
 * The « Je donne mon avis » button of the State's observatory of online démarches
 * (jedonnemonavis.numerique.gouv.fr): its answers feed the démarche's public satisfaction rating.
 * Its link and image are those of the observatory's integration code; the démarche's and the
 * button's identifiers are configuration (JDMA_DEMARCHE_ID, JDMA_BUTTON_ID), and without them
 * there is no button (docs/configuration.md).
 */
import type { Env } from "./env.server";

export const JDMA_ORIGIN = "https://jedonnemonavis.numerique.gouv.fr";

export type Feedback = { href: string; image: string };

/** The button's link and image, or null when the démarche is not configured. */
export function feedbackOf(env: Pick<Env, "JDMA_DEMARCHE_ID" | "JDMA_BUTTON_ID">): Feedback | null {
  if (!env.JDMA_DEMARCHE_ID) return null;
  const href = new URL(`/Demarches/${env.JDMA_DEMARCHE_ID}`, JDMA_ORIGIN);
  if (env.JDMA_BUTTON_ID) href.searchParams.set("button", env.JDMA_BUTTON_ID);
  return { href: href.toString(), image: `${JDMA_ORIGIN}/static/bouton-bleu-clair.svg` };
}
