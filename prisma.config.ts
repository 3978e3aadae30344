import { defineConfig } from "prisma/config";

// Used by `prisma generate` only: migrations are produced and applied by our own scripts
// (see docs/decisions/003-migrations-offline.md), so no datasource URL is needed here.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
