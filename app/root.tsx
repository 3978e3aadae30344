// A named import: esbuild keeps only this field of the package.json (140 kB otherwise, in every page).
import { version as dsfrVersion } from "@codegouvfr/react-dsfr/package.json";
import { SkipLinks } from "@codegouvfr/react-dsfr/SkipLinks";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import "~/ui/dsfr-link";
import { can } from "~/domain/agent/permissions";
import { DSFR_STYLESHEET, PRELOADED_FONTS } from "~/generated/dsfr-css";
import { getAgent } from "~/server/agent/require-agent.server";
import { getCitizen } from "~/server/auth/citizen-session.server";
import { getEnv } from "~/server/env.server";
import { AgentHeader } from "~/ui/agent/AgentHeader";
import { DeferredScriptsStarter } from "~/ui/DeferredScripts";
import { ErrorPage, errorTitle } from "~/ui/ErrorPage";
import { useNonce } from "~/ui/nonce";
import { SessionTimeout } from "~/ui/SessionTimeout";
import { SiteFooter } from "~/ui/SiteFooter";
import { SiteHeader } from "~/ui/SiteHeader";
import { pageTitle, SERVICE_NAME } from "~/ui/site";

// DSFR assets are copied to public/dsfr at install; the version busts browser caches on upgrade.
const dsfr = (file: string) => `/dsfr/${file}?v=${dsfrVersion}`;

export const links: LinksFunction = () => [
  { rel: "apple-touch-icon", href: dsfr("favicon/apple-touch-icon.png") },
  { rel: "icon", href: dsfr("favicon/favicon.svg"), type: "image/svg+xml" },
  { rel: "shortcut icon", href: dsfr("favicon/favicon.ico"), type: "image/x-icon" },
  { rel: "manifest", href: dsfr("favicon/manifest.webmanifest"), crossOrigin: "use-credentials" },
  // The regular and bold faces (their main parts, decision 044), which every first paint draws:
  // fetched before the stylesheet asks for them, and drawn from that paint on, so that no title or
  // strong passage wraps again when it arrives (decision 048). The medium face (buttons, the
  // menu) is left to the stylesheet.
  ...PRELOADED_FONTS.map((href) => ({
    rel: "preload",
    href,
    as: "font",
    type: "font/woff2",
    crossOrigin: "anonymous" as const,
  })),
  { rel: "stylesheet", href: DSFR_STYLESHEET },
];

export const meta: MetaFunction = ({ error }) => [
  {
    title: error
      ? pageTitle(errorTitle(isRouteErrorResponse(error) ? error.status : 500))
      : SERVICE_NAME,
  },
  {
    name: "description",
    content:
      "Demandez l'aide juridictionnelle en ligne avec FranceConnect : vos revenus sont transmis par la DGFiP, sans justificatif à fournir.",
  },
];

/**
 * Run at every navigation: the user shown in the header stays true, and the request id on an error
 * page is that of the navigation that failed (single fetch runs every loader in one request).
 */
export const shouldRevalidate = () => true;

export async function loader({ request, context }: LoaderFunctionArgs) {
  // On the error pages, for the support.
  const requestId = context.requestId ?? null;
  // The agents' space has its own header and session (its cookie is only sent to /bureau).
  if (new URL(request.url).pathname.startsWith("/bureau")) {
    const agent = await getAgent(request);
    return {
      requestId,
      space: "bureau" as const,
      idleMinutes: getEnv().AGENT_SESSION_IDLE_MINUTES,
      user: agent
        ? {
            name: `${agent.givenName} ${agent.usualName}`,
            manages: can(agent.role, "manageAgents"),
            reviews: can(agent.role, "review"),
            audits: can(agent.role, "audit"),
          }
        : null,
    };
  }
  const citizen = await getCitizen(request);
  return {
    requestId,
    space: "citizen" as const,
    idleMinutes: getEnv().SESSION_IDLE_MINUTES,
    user: citizen ? { name: `${citizen.givenName.split(" ")[0]} ${citizen.familyName}` } : null,
  };
}

export function Layout({ children }: { children: ReactNode }) {
  // Absent when the root loader itself failed (error page): the header shows no user then.
  const root = useRouteLoaderData<typeof loader>("root");
  const { pathname } = useLocation();
  const nonce = useNonce();
  return (
    <html lang="fr" data-fr-scheme="light" data-fr-theme="light">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="format-detection" content="telephone=no" />
        <Meta />
        <Links />
        {/* What only scripts make work, hidden where they do not run (present from the first
            paint otherwise: nothing moves at hydration). */}
        <noscript>
          <style>{".app-js-only{display:none!important}"}</style>
        </noscript>
      </head>
      <body>
        <SkipLinks
          links={[
            { label: "Contenu", anchor: "#contenu" },
            { label: "Pied de page", anchor: "#footer" },
          ]}
        />
        {pathname.startsWith("/bureau") ? (
          <AgentHeader user={root?.space === "bureau" ? root.user : null} />
        ) : (
          <SiteHeader user={root?.space === "citizen" ? root.user : null} />
        )}
        {root?.user ? (
          <SessionTimeout
            key={root.space}
            idleMinutes={root.idleMinutes}
            keepAlive={root.space === "bureau" ? "/bureau/session" : "/session"}
          />
        ) : null}
        <main id="contenu" tabIndex={-1} className="fr-pb-8w">
          {children}
        </main>
        <SiteFooter />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        <DeferredScriptsStarter nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const reference = useRouteLoaderData<typeof loader>("root")?.requestId;
  // Logged on the server by entry.server.tsx (handleError), without personal data.
  if (isRouteErrorResponse(error)) return <ErrorPage status={error.status} reference={reference} />;
  return <ErrorPage status={500} reference={reference} />;
}
