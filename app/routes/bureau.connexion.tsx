import { Alert } from "@codegouvfr/react-dsfr/Alert";
import {
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getAgent } from "~/server/agent/require-agent.server";
import { safeLocalPath } from "~/server/auth/oidc.server";
import { ProConnectLogin, proConnectLinks } from "~/ui/agent/ProConnectLogin";
import { ContentPage } from "~/ui/ContentPage";
import { pageTitle } from "~/ui/site";

export const meta: MetaFunction = () => [{ title: pageTitle("Espace des agents : connexion") }];
export const links: LinksFunction = () => proConnectLinks;

const NOTICES = {
  annulee: { severity: "info", title: "Vous avez annulé la connexion avec ProConnect." },
  desactive: {
    severity: "warning",
    title:
      "Votre session a pris fin : votre compte n'est plus habilité. Adressez-vous au président de votre bureau d'aide juridictionnelle.",
  },
  locale: {
    severity: "info",
    title:
      "Vous êtes déconnecté(e) de ce service. ProConnect n'a pas pu être joint : fermez le navigateur si l'ordinateur est partagé.",
  },
} as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const redirectTo = safeLocalPath(params.get("redirectTo"), "/bureau");
  if (await getAgent(request))
    throw redirect(redirectTo.startsWith("/bureau") ? redirectTo : "/bureau");
  const key: keyof typeof NOTICES | null =
    params.get("connexion") === "annulee"
      ? "annulee"
      : params.get("compte") === "desactive"
        ? "desactive"
        : params.get("deconnexion") === "locale"
          ? "locale"
          : null;
  return { redirectTo, notice: key };
}

export default function AgentLogin() {
  const { redirectTo, notice } = useLoaderData<typeof loader>();
  const shown = notice ? NOTICES[notice] : null;
  return (
    <ContentPage title="Espace des bureaux d'aide juridictionnelle">
      {shown ? (
        <Alert className="fr-mb-4w" severity={shown.severity} small description={shown.title} />
      ) : null}
      <p className="fr-text--lead">
        Agents des bureaux d'aide juridictionnelle : connectez-vous avec ProConnect, le compte des
        agents publics, pour instruire les demandes de votre bureau.
      </p>
      <p>
        Seuls les agents habilités par le président de leur bureau ont accès à cet espace. Chaque
        consultation et chaque action est tracée.
      </p>
      <ProConnectLogin redirectTo={redirectTo} />
    </ContentPage>
  );
}
