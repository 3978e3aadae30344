import { Header } from "@codegouvfr/react-dsfr/Header";
import { MINISTRY, SERVICE_NAME } from "./site";

export function SiteHeader() {
  return (
    <Header
      brandTop={
        <>
          Ministère
          <br />
          de la Justice
        </>
      }
      homeLinkProps={{ to: "/", title: `Accueil - ${SERVICE_NAME} - ${MINISTRY}` }}
      serviceTitle={SERVICE_NAME}
      serviceTagline="Demander que l'État prenne en charge vos frais de justice"
      id="header"
    />
  );
}
