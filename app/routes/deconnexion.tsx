import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { startLogout } from "~/server/auth/logout.server";
import { getFranceConnect, getSessions } from "~/server/auth.server";

export function loader() {
  return redirect("/");
}

export function action({ request }: ActionFunctionArgs) {
  return startLogout(request, { fc: getFranceConnect(), sessions: getSessions() });
}
