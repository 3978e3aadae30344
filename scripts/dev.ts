/**
 * `npm run dev`: the local FranceConnect, ProConnect, DGFiP and France Travail, and `remix dev`
 * (rebuild and reload on change), on the development configuration (its defaults point at the
 * local stand-ins).
 */
import { createRequire } from "node:module";
import { getEnvOrExit } from "~/server/env.server";
import { prepareDatabase, runServices, stateServices } from "./lib/services";

const env = getEnvOrExit();
console.log(await prepareDatabase(env));

const remixCli = createRequire(import.meta.url).resolve("@remix-run/dev/dist/cli.js");
runServices([
  ...stateServices({
    app: env.PORT,
    franceConnect: Number(process.env.FC_MOCK_PORT ?? 3001),
    proConnect: Number(process.env.PC_MOCK_PORT ?? 3003),
    dgfip: Number(process.env.DGFIP_MOCK_PORT ?? 3002),
    franceTravail: Number(process.env.FT_MOCK_PORT ?? 3006),
    smtp: 1025,
    inbox: 1080,
  }),
  {
    name: "remix",
    // The dev server's own port (live reload) moves off 3001, the local FranceConnect's.
    args: [remixCli, "dev", "--port", "3010", "-c", "node --enable-source-maps build/index.js"],
    env: {},
  },
]);
