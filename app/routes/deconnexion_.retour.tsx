import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { finishLogout } from "~/server/auth/logout.server";
import { ContentPage } from "~/ui/ContentPage";
import { pageTitle } from "~/ui/site";

export const meta: MetaFunction<typeof loader> = ({ data: result }) => [
  { title: pageTitle(result?.verified ? "Vous êtes déconnecté(e)" : "Déconnexion non vérifiée") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { verified, headers } = await finishLogout(request);
  return data({ verified }, { status: verified ? 200 : 400, headers });
}

export default function LogoutReturn() {
  const { verified } = useLoaderData<typeof loader>();
  return verified ? (
    <ContentPage title="Vous êtes déconnecté(e)">
      <p className="fr-text--lead">
        Vous êtes déconnecté(e) de ce service et de FranceConnect. Vos informations déjà
        enregistrées sont conservées.
      </p>
      <Link className="fr-btn" to="/">
        Retour à l'accueil
      </Link>
    </ContentPage>
  ) : (
    <ContentPage title="Déconnexion non vérifiée">
      <p className="fr-text--lead">
        Cette page de retour ne correspond pas à une déconnexion demandée depuis ce navigateur.
        Votre session sur ce service est fermée ; si vous étiez connecté(e) à FranceConnect sur un
        ordinateur partagé, fermez le navigateur.
      </p>
      <Link className="fr-btn" to="/">
        Retour à l'accueil
      </Link>
    </ContentPage>
  );
}
