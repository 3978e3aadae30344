import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { handleFranceConnectCallback } from "~/server/auth/citizen-login.server";
import { prisma } from "~/server/db.server";
import { getDataProviders, getFranceConnect, getSessions } from "~/server/services.server";
import { LoginFailurePage } from "~/ui/LoginFailurePage";
import { pageTitle } from "~/ui/site";

export const meta: MetaFunction<typeof loader> = ({ data: result }) => [
  { title: pageTitle(result?.failure.title ?? "Connexion") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const outcome = await handleFranceConnectCallback(request, {
    fc: getFranceConnect(),
    prisma: prisma(),
    sessions: getSessions(),
    providers: getDataProviders(),
  });
  if (outcome instanceof Response) return outcome;
  return data(
    { failure: outcome.failure },
    { status: outcome.failure.status, headers: outcome.headers },
  );
}

export default function FranceConnectCallback() {
  const { failure } = useLoaderData<typeof loader>();
  return <LoginFailurePage failure={failure} returnTo="/" />;
}
