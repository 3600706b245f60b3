import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveAuthSecret } from "./secret";

const tempFile = async () => path.join(await mkdtemp(path.join(tmpdir(), "bourse-secret-")), "nested", "auth-secret");

describe("[AUTH] session secret", () => {
  it("uses AUTH_SECRET when set", async () => {
    const secret = "s".repeat(40);
    expect(await resolveAuthSecret({ AUTH_SECRET: secret, AUTH_SECRET_FILE: await tempFile(), DATABASE_URL: undefined })).toBe(
      secret,
    );
  });

  it("refuses to run a real deployment without AUTH_SECRET", async () => {
    const env = { AUTH_SECRET: undefined, AUTH_SECRET_FILE: await tempFile(), DATABASE_URL: "postgres://x@localhost/db" };
    await expect(resolveAuthSecret(env)).rejects.toThrow(/AUTH_SECRET is required/);
  });

  it("the embedded demo generates a random secret once, private to its owner, and reuses it", async () => {
    const file = await tempFile();
    const env = { AUTH_SECRET: undefined, AUTH_SECRET_FILE: file, DATABASE_URL: undefined };
    const [a, b] = await Promise.all([resolveAuthSecret(env), resolveAuthSecret(env)]);
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(43);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await resolveAuthSecret(env)).toBe(a);
    const other = await tempFile();
    expect(await resolveAuthSecret({ ...env, AUTH_SECRET_FILE: other })).not.toBe(a);
    expect((await readFile(file, "utf8")).trim()).toBe(a);
  });

  it("refuses a secret file holding too short a secret", async () => {
    const file = await tempFile();
    await resolveAuthSecret({ AUTH_SECRET: undefined, AUTH_SECRET_FILE: file, DATABASE_URL: undefined });
    await writeFile(file, "short\n");
    await expect(resolveAuthSecret({ AUTH_SECRET: undefined, AUTH_SECRET_FILE: file, DATABASE_URL: undefined })).rejects.toThrow(
      /shorter/,
    );
  });
});
