import type { Env } from "@/env";
import { readOrCreateSecret } from "../files/auth-secret-file";
import { randomBase64Url } from "./web-digest";
import { ensureRetrying, processSlot } from "../process-slot";

/** Enough for HKDF-SHA256 behind Auth.js's JWE encryption, and AUTH_SECRET's own minimum. */
const GENERATED_SECRET_BYTES = 32;

/**
 * The secret that signs and encrypts session tokens. There is never a built-in default: a real
 * deployment (DATABASE_URL set) must provide AUTH_SECRET, and the embedded demo generates one
 * random secret on first start and keeps it (mode 0600) so sessions survive restarts.
 */
export async function resolveAuthSecret(env: Pick<Env, "AUTH_SECRET" | "AUTH_SECRET_FILE" | "DATABASE_URL">): Promise<string> {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (env.DATABASE_URL) {
    throw new Error("AUTH_SECRET is required when DATABASE_URL is set: generate one with `openssl rand -base64 32`.");
  }
  return readOrCreateSecret(env.AUTH_SECRET_FILE, randomBase64Url(GENERATED_SECRET_BYTES));
}

// One resolution per process, so that Next.js's separately bundled routes agree.
const authSecret = processSlot<Promise<string>>("AuthSecret");

export function getAuthSecret(env: Env): Promise<string> {
  return ensureRetrying(authSecret, () => resolveAuthSecret(env));
}
