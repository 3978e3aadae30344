import { type ActionFunctionArgs, data, type LinksFunction, redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { filledHoneypot } from "~/forms/plain";
import { describeFailure } from "~/server/auth/login-failure.server";
import { OidcError, safeLocalPath } from "~/server/auth/oidc.server";
import { getProConnect } from "~/server/services.server";
import { AgentLoginFailure } from "~/ui/agent/AgentLoginFailure";
import { proConnectLinks } from "~/ui/agent/ProConnectLogin";

export const links: LinksFunction = () => proConnectLinks;

// Login starts with a POST (the ProConnect button is a form): nothing changes on a GET.
export function loader() {
  return redirect("/bureau/connexion");
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  // A robot (it filled the field people never see): no login, nothing said.
  if (filledHoneypot(form)) return redirect("/bureau/connexion");
  const returnTo = safeLocalPath(form.get("redirectTo"), "/bureau");
  try {
    return await getProConnect().login(request, returnTo);
  } catch (error) {
    if (error instanceof OidcError) {
      const failure = describeFailure(error, "ProConnect");
      return data({ failure, returnTo }, { status: failure.status });
    }
    throw error;
  }
}

export default function ProConnectStart() {
  const result = useActionData<typeof action>();
  if (!result) return null;
  return <AgentLoginFailure failure={result.failure} returnTo={result.returnTo} />;
}
