/**
 * react-dsfr renders links with the Link registered here, so that its components navigate with
 * Remix's client-side router. Registered at module scope for server rendering too (without it,
 * react-dsfr renders <a> without href on the server).
 */
import { setLink } from "@codegouvfr/react-dsfr/link";
import { Link } from "@remix-run/react";

declare module "@codegouvfr/react-dsfr/link" {
  interface RegisterLink {
    Link: typeof Link;
  }
}

setLink({ Link: Link as Parameters<typeof setLink>[0]["Link"] });

export { Link };
