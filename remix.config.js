/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // The Express server (server/index.ts) is compiled with the app into build/index.js, so that both
  // share one module graph: one configuration, one database connection.
  server: "./server/index.ts",
  serverBuildPath: "build/index.js",
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // react-dsfr ships ESM without "type": "module": Node cannot load it unbundled.
  serverDependenciesToBundle: [/^@codegouvfr\/react-dsfr/, /^tsafe/],
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
