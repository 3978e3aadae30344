import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { agentLogout } from "~/server/auth/logout.server";
import { ContentPage } from "~/ui/ContentPage";
import { pageTitle } from "~/ui/site";

export const meta: MetaFunction<typeof loader> = ({ data: result }) => [
  { title: pageTitle(result?.verified ? "Vous êtes déconnecté(e)" : "Déconnexion non vérifiée") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { verified, headers } = await agentLogout.finish(request);
  return data({ verified }, { status: verified ? 200 : 400, headers });
}

export default function AgentLogoutReturn() {
  const { verified } = useLoaderData<typeof loader>();
  return (
    <ContentPage title={verified ? "Vous êtes déconnecté(e)" : "Déconnexion non vérifiée"}>
      <p className="fr-text--lead">
        {verified
          ? "Vous êtes déconnecté(e) de l'espace des bureaux d'aide juridictionnelle et de ProConnect."
          : "Cette page de retour ne correspond pas à une déconnexion demandée depuis ce navigateur. Votre session sur ce service est fermée ; sur un ordinateur partagé, fermez le navigateur."}
      </p>
      <Link className="fr-btn" to="/bureau/connexion">
        Se reconnecter
      </Link>
    </ContentPage>
  );
}
