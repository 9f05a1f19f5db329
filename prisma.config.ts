// Prisma's CLI is used here only for `prisma generate` (offline-safe). Migrations are plain SQL
// applied by lib/db/migrate.ts, because `prisma migrate` needs a native engine these machines
// cannot download. Pointing the engine at /bin/false stops the CLI from trying.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/false";

import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
