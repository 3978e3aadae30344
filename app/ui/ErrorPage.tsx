import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

type Copy = { title: string; lead: string; detail: ReactNode };

const COPY: Record<"404" | "403" | "400" | "503" | "500", Copy> = {
  "404": {
    title: "Page non trouvée",
    lead: "La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée.",
    detail:
      "Si vous avez tapé l'adresse web dans le navigateur, vérifiez qu'elle est correcte. La page n'est peut-être plus disponible. Dans ce cas, pour continuer votre visite, vous pouvez consulter notre page d'accueil.",
  },
  "403": {
    title: "Accès refusé",
    lead: "Vous n'avez pas accès à cette page.",
    detail: "Si vous pensez qu'il s'agit d'une erreur, connectez-vous avec le bon compte.",
  },
  "400": {
    title: "Demande incorrecte",
    lead: "Votre demande n'a pas pu être comprise.",
    detail: "Revenez à la page précédente et réessayez.",
  },
  "503": {
    title: "Service indisponible",
    lead: "Le service est momentanément indisponible.",
    detail:
      "Merci de réessayer dans quelques minutes. Vos informations déjà enregistrées sont conservées.",
  },
  "500": {
    title: "Erreur inattendue",
    lead: "Désolé, le service rencontre un problème, nous travaillons pour le résoudre le plus rapidement possible.",
    detail:
      "Essayez de rafraîchir la page ou bien réessayez plus tard. Vos informations déjà enregistrées sont conservées.",
  },
};

export function errorTitle(status: number): string {
  return copyFor(status).title;
}

function copyFor(status: number): Copy {
  const key = String(status) as keyof typeof COPY;
  return COPY[key] ?? (status >= 500 ? COPY["500"] : COPY["400"]);
}

/** The DSFR "page d'erreur" pattern. */
export function ErrorPage({
  status,
  reference,
  children,
}: {
  status: number;
  /** The request's id, for the support (it finds the request in the log). */
  reference?: string | null;
  children?: ReactNode;
}) {
  const copy = copyFor(status);
  return (
    <div className="fr-container">
      <div className="fr-my-7w fr-mt-md-12w fr-mb-md-10w fr-grid-row fr-grid-row--gutters fr-grid-row--middle fr-grid-row--center">
        <div className="fr-py-0 fr-col-12 fr-col-md-8">
          <h1>{copy.title}</h1>
          <p className="fr-text--sm fr-mb-3w">
            Erreur {status}
            {reference ? ` · référence : ${reference}` : null}
          </p>
          <p className="fr-text--lead fr-mb-3w">{copy.lead}</p>
          <p className="fr-text--sm fr-mb-5w">{copy.detail}</p>
          {children}
          <ul className="fr-btns-group fr-btns-group--inline-md">
            <li>
              <Link className="fr-btn" to="/">
                Page d'accueil
              </Link>
            </li>
            <li>
              <Link className="fr-btn fr-btn--secondary" to="/aide">
                Aide et contact
              </Link>
            </li>
          </ul>
        </div>
      </div>
    </div>
  );
}
