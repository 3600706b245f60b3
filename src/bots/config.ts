import { z } from "zod";

/**
 * The bot runner is a separate program from the server (like the CLI): it talks to any Bourse
 * over HTTP, so it never loads the server's env module (src/env.ts). This is the one place it
 * reads process.env: BOURSE_URL and the keys, BOURSE_API_KEYS (comma-separated) or BOURSE_API_KEY.
 */
const schema = z.object({
  BOURSE_URL: z.url({ protocol: /^https?$/, error: "BOURSE_URL must be an http(s) URL" }).optional(),
  BOURSE_API_KEYS: z.string().trim().min(1).optional(),
  BOURSE_API_KEY: z.string().trim().min(1).optional(),
});

export interface BotsEnv {
  url: string | undefined;
  apiKeys: string[];
}

export function splitKeys(list: string): string[] {
  return list
    .split(",")
    .map((key) => key.trim())
    .filter((key) => key.length > 0);
}

export function readBotsEnv(env: Record<string, string | undefined> = process.env): BotsEnv {
  const parsed = schema.safeParse({
    BOURSE_URL: env.BOURSE_URL || undefined,
    BOURSE_API_KEYS: env.BOURSE_API_KEYS || undefined,
    BOURSE_API_KEY: env.BOURSE_API_KEY || undefined,
  });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join("; "));
  const keys = parsed.data.BOURSE_API_KEYS ?? parsed.data.BOURSE_API_KEY ?? "";
  return { url: parsed.data.BOURSE_URL, apiKeys: splitKeys(keys) };
}
