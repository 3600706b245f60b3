import { getEnv } from "@/env";
import { getServices } from "./runtime";

/** Validates the environment and opens (and for the demo, migrates and seeds) the database. */
export async function startNodeInstance(): Promise<void> {
  getEnv();
  await getServices();
}
