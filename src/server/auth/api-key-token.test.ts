import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateApiKey, hashApiKey, parseBearerKey } from "./api-key-token";

describe("[AUTH] API key tokens", () => {
  it("carry 256 random bits behind a recognisable prefix, stored as SHA-256 only", async () => {
    const keys = Array.from({ length: 50 }, generateApiKey);
    expect(new Set(keys.map((k) => k.secret)).size).toBe(50);
    for (const key of keys) {
      expect(key.secret).toMatch(/^bourse_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(key.secret.slice(7), "base64url")).toHaveLength(32);
      expect(key.hash).toBe(createHash("sha256").update(key.secret).digest("hex"));
      expect(key.secret.startsWith(key.prefix)).toBe(true);
      expect(key.prefix.length).toBeLessThan(16);
    }
    expect(hashApiKey("bourse_x")).toHaveLength(64);
  });

  it("accepts only a well-formed bearer key", async () => {
    const { secret } = generateApiKey();
    expect(parseBearerKey(`Bearer ${secret}`)).toBe(secret);
    expect(parseBearerKey(`bearer  ${secret}`)).toBe(secret);
    for (const bad of [secret, `Basic ${secret}`, `Bearer ${secret}x`, `Bearer ${secret} extra`, "Bearer ghp_abc", "Bearer "]) {
      expect(parseBearerKey(bad)).toBeNull();
    }
  });
});
