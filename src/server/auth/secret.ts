import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Env } from "@/env";
import { logger } from "../logger";
import { ensureRetrying, processSlot } from "../process-slot";

/** Enough for HKDF-SHA256 behind Auth.js's JWE encryption, and AUTH_SECRET's own minimum. */
const GENERATED_SECRET_BYTES = 32;
const MIN_SECRET_LENGTH = 32;

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
  return readOrCreateSecret(env.AUTH_SECRET_FILE);
}

async function readOrCreateSecret(file: string): Promise<string> {
  const existing = await readSecret(file);
  if (existing) return existing;
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(GENERATED_SECRET_BYTES).toString("base64url");
  try {
    // "wx": if another process created it first, theirs wins and both read the same value.
    await writeFile(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
    logger.warn({ file }, "AUTH_SECRET is not set: generated a random one for the embedded demo. Set AUTH_SECRET in production.");
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const written = await readSecret(file);
    if (!written) throw new Error(`${file} exists but holds no usable secret`);
    return written;
  }
}

async function readSecret(file: string): Promise<string | null> {
  try {
    const text = (await readFile(file, "utf8")).trim();
    if (text.length < MIN_SECRET_LENGTH) throw new Error(`${file} holds a secret shorter than ${MIN_SECRET_LENGTH} characters`);
    return text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

// One resolution per process, so that Next.js's separately bundled routes agree.
const authSecret = processSlot<Promise<string>>("AuthSecret");

export function getAuthSecret(env: Env): Promise<string> {
  return ensureRetrying(authSecret, () => resolveAuthSecret(env));
}
