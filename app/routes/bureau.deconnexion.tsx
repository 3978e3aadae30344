import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { agentLogout } from "~/server/auth/logout.server";
import { getAgentSessions, getProConnect } from "~/server/services.server";

export function loader() {
  return redirect("/bureau");
}

export function action({ request }: ActionFunctionArgs) {
  return agentLogout.start(request, { provider: getProConnect(), sessions: getAgentSessions() });
}
