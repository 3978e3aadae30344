import { FranceConnectButton } from "@codegouvfr/react-dsfr/FranceConnectButton";
import { Honeypot } from "./Honeypot";

/**
 * The FranceConnect button, as a plain HTML form: it works without JavaScript and leaves the page
 * for FranceConnect with a full navigation.
 */
export function FranceConnectLogin({ redirectTo = "/" }: { redirectTo?: string }) {
  return (
    <form method="post" action="/auth/franceconnect">
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <Honeypot />
      <FranceConnectButton onClick={() => {}} />
    </form>
  );
}
