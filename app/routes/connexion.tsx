import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getCitizen } from "~/server/auth/citizen-session.server";
import { safeLocalPath } from "~/server/auth/franceconnect.server";
import { ContentPage } from "~/ui/ContentPage";
import { FranceConnectLogin } from "~/ui/FranceConnectLogin";
import { pageTitle } from "~/ui/site";

export const meta: MetaFunction = () => [{ title: pageTitle("Se connecter") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeLocalPath(new URL(request.url).searchParams.get("redirectTo"));
  if (await getCitizen(request)) throw redirect(redirectTo === "/" ? "/mon-compte" : redirectTo);
  return { redirectTo };
}

export default function Login() {
  const { redirectTo } = useLoaderData<typeof loader>();
  return (
    <ContentPage title="Se connecter">
      <p className="fr-text--lead">
        Pour demander l'aide juridictionnelle, connectez-vous avec FranceConnect : le compte que
        vous utilisez déjà pour les impôts, l'Assurance maladie, La Poste ou France Identité.
      </p>
      <p>
        Votre identité est certifiée par FranceConnect, et vos revenus sont transmis par la DGFiP
        avec votre accord : vous n'aurez aucun justificatif à fournir.
      </p>
      <FranceConnectLogin redirectTo={redirectTo} />
    </ContentPage>
  );
}
