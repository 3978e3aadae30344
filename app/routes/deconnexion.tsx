import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { startLogout } from "~/server/auth/logout.server";
import { getFranceConnect, getSessions } from "~/server/services.server";

export function loader() {
  return redirect("/");
}

export function action({ request }: ActionFunctionArgs) {
  return startLogout(request, { fc: getFranceConnect(), sessions: getSessions() });
}
