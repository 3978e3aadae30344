/**
 * Configuration of the local DGFiP gateway (demo values only): `DGFIP_MOCK_*`, read as
 * mocks/gateway/config.ts says.
 */

import { DGFIP_SCOPES } from "../franceconnect/scopes";
import { type GatewayConfig, loadGatewayConfig } from "../gateway/config";

/** The DGFiP as a data provider registered at FranceConnect (checktoken credentials). */
export const DEMO_DATA_PROVIDER = {
  client_id: "dgfip-impot-particulier-demo-0000000000",
  client_secret: "demo-only-dgfip-checktoken-secret-000000",
  scopes: Object.keys(DGFIP_SCOPES),
} as const;

/** The application as a client of the DGFiP's API gateway (APIM, client credentials). */
export const DEMO_APIM_CLIENT = {
  client_id: "aide-juridictionnelle-apim-demo",
  client_secret: "demo-only-apim-client-secret-0123456789",
  scopes: ["RessourceIR", "RessourceIRDerniere2"],
} as const;

export type DgfipMockConfig = GatewayConfig;

export function loadDgfipMockConfig(
  env: Record<string, string | undefined> = process.env,
): DgfipMockConfig {
  return loadGatewayConfig(
    "DGFIP_MOCK",
    { port: 3002, dataProvider: DEMO_DATA_PROVIDER, apimClient: DEMO_APIM_CLIENT },
    env,
  );
}
