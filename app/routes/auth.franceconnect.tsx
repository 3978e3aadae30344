import { type ActionFunctionArgs, data, redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { filledHoneypot } from "~/forms/plain";
import { FranceConnectError, safeLocalPath } from "~/server/auth/franceconnect.server";
import { describeFailure } from "~/server/auth/login-failure.server";
import { getFranceConnect } from "~/server/services.server";
import { LoginFailurePage } from "~/ui/LoginFailurePage";

// Login starts with a POST (the FranceConnect button is a form): nothing changes on a GET.
export function loader() {
  return redirect("/connexion");
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  // A robot (it filled the field people never see): no login, nothing said.
  if (filledHoneypot(form)) return redirect("/");
  const returnTo = safeLocalPath(form.get("redirectTo"));
  try {
    return await getFranceConnect().login(request, returnTo);
  } catch (error) {
    if (error instanceof FranceConnectError) {
      const failure = describeFailure(error);
      return data({ failure, returnTo }, { status: failure.status });
    }
    throw error;
  }
}

export default function FranceConnectLogin() {
  const result = useActionData<typeof action>();
  if (!result) return null;
  return <LoginFailurePage failure={result.failure} returnTo={result.returnTo} />;
}
