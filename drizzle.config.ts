import { defineConfig } from "drizzle-kit";

// Generation needs no database: it diffs the schema against the committed migrations.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/server/db/schema/index.ts",
  out: "./drizzle",
});
