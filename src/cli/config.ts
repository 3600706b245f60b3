import { z } from "zod";

/**
 * The CLI is a separate program from the server: it runs wherever a trader or bot operator runs
 * it and talks to a server over HTTP, so it never loads the server's env module (src/env.ts),
 * which would demand the server's configuration. This is the one place the CLI reads
 * process.env, and it reads only its own two variables, validated.
 */
const schema = z.object({
  BOURSE_URL: z.url({ protocol: /^https?$/, error: "BOURSE_URL must be an http(s) URL, e.g. http://127.0.0.1:3000" }).optional(),
  BOURSE_API_KEY: z.string().trim().min(1).max(200).optional(),
});

export type CliEnv = z.infer<typeof schema>;

export const DEFAULT_URL = "http://127.0.0.1:3000";

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Validates an environment (the process's by default); a bad value is a ConfigError, not a crash. */
export function readCliEnv(env: Record<string, string | undefined> = process.env): CliEnv {
  const parsed = schema.safeParse({ BOURSE_URL: env.BOURSE_URL || undefined, BOURSE_API_KEY: env.BOURSE_API_KEY || undefined });
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => i.message).join("; "));
  return parsed.data;
}

export interface Connection {
  url: string;
  apiKey: string | undefined;
}

/** Flags win over the environment; the URL defaults to a local dev server. */
export function resolveConnection(flags: { url?: string; apiKey?: string }, env: CliEnv): Connection {
  const url = flags.url ?? env.BOURSE_URL ?? DEFAULT_URL;
  if (!z.url({ protocol: /^https?$/ }).safeParse(url).success)
    throw new ConfigError(`--url must be an http(s) URL, got "${url}".`);
  return { url, apiKey: flags.apiKey ?? env.BOURSE_API_KEY };
}
