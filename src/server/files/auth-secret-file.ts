import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { logger } from "../logger";

const MIN_SECRET_LENGTH = 32;

/**
 * The embedded demo's session secret, kept in a file (mode 0600) so sessions survive restarts:
 * the one read, or `fresh` written when there is none. Only the Node runtime has a file system;
 * a deployment elsewhere sets AUTH_SECRET.
 */
export async function readOrCreateSecret(file: string, fresh: string): Promise<string> {
  const existing = await readSecret(file);
  if (existing) return existing;
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // "wx": if another process created it first, theirs wins and both read the same value.
    await writeFile(file, `${fresh}\n`, { mode: 0o600, flag: "wx" });
    logger.warn({ file }, "AUTH_SECRET is not set: generated a random one for the embedded demo. Set AUTH_SECRET in production.");
    return fresh;
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
