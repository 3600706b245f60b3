import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { sessionCookieFor, TEST_SESSION_OPTIONS } from "../../../../tests/auth-helpers";
import { callerFor, createTestUser, sessionUser, uniqueSuffix } from "../../../../tests/fixtures";
import { servicesForThisFile } from "../../../../tests/file-services";
import { resolveUser } from "../../api/resolve-user";
import { countActiveApiKeys } from "../../db/queries/api-keys";
import { apiKeys, assets, journals, users } from "../../db/schema";
import { EXTERNAL_ACCOUNT_ID } from "../../db/system-accounts";
import { createApiKey, MAX_API_KEYS_PER_USER, revokeOwnApiKey } from "./api-keys";
import { auditLedger } from "../../db/queries/ledger-audit";
import { authenticateUser } from "./authenticate-user";
import { registerUser } from "./register-user";
import { ensureSystemAccounts } from "../demo/seed-demo";
import { signOutEverywhere } from "./sessions";

const { services } = servicesForThisFile();

beforeAll(async () => {
  await ensureSystemAccounts(services.db);
  await services.db.insert(assets).values({ symbol: "USD", name: "US Dollar", scale: 2 }).onConflictDoNothing();
});

const anonymous = () => callerFor(services, null);
const email = () => `new-${uniqueSuffix().toLowerCase()}@test.local`;
const PASSWORD = "a long enough passphrase";

describe("[AUTH] account.register", () => {
  it("normalises the email, hashes with argon2id and funds the account from the system account", async () => {
    const address = email();
    const user = await anonymous().account.register({ email: `  ${address.toUpperCase()}`, password: PASSWORD, name: "Neo" });
    expect(user).toMatchObject({ email: address, name: "Neo" });
    const [row] = await services.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const balances = await callerFor(services, sessionUser(user.id)).account.balances();
    expect(balances.find((b) => b.asset === "USD")).toMatchObject({ available: "10000.00", held: "0.00" });
    const [journal] = await services.db
      .select()
      .from(journals)
      .where(eq(journals.reference, `signup:${user.id}:USD`));
    expect(journal?.kind).toBe("DEPOSIT");
    expect((await auditLedger(services.db)).filter((c) => !c.ok)).toEqual([]);
  });

  it("refuses a taken email (in any case) with a message that names no account", async () => {
    const address = email();
    await anonymous().account.register({ email: address, password: PASSWORD });
    const again = anonymous().account.register({ email: address.toUpperCase(), password: PASSWORD });
    await expect(again).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "EMAIL_TAKEN" } });
    await expect(again).rejects.toThrow("That email cannot be registered.");
  });

  it("refuses weak passwords and malformed emails as bad requests", async () => {
    await expect(anonymous().account.register({ email: email(), password: "short" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(anonymous().account.register({ email: email(), password: "aaaaaaaaaaaa" })).rejects.toMatchObject({
      cause: { code: "WEAK_PASSWORD" },
    });
    await expect(anonymous().account.register({ email: email(), password: "1234567890" })).rejects.toMatchObject({
      cause: { code: "WEAK_PASSWORD" },
    });
    await expect(anonymous().account.register({ email: "not-an-email", password: PASSWORD })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("skips starting funds the deployment cannot honour instead of failing the sign-up", async () => {
    const user = await registerUser(services, { email: email(), password: PASSWORD, startingFunds: { NOPE: "1", USD: "1.001" } });
    const balances = await callerFor(services, sessionUser(user.id)).account.balances();
    expect(balances.every((b) => Number(b.total) === 0)).toBe(true);
  });

  it("authenticates the right password only; an unknown email is the same miss", async () => {
    const address = email();
    const user = await anonymous().account.register({ email: address, password: PASSWORD });
    expect(await authenticateUser(services.db, address, PASSWORD)).toMatchObject({ id: user.id, tokenVersion: 0 });
    expect(await authenticateUser(services.db, address, `${PASSWORD}!`)).toBeNull();
    expect(await authenticateUser(services.db, "nobody@test.local", PASSWORD)).toBeNull();
  });
});

describe("[AUTH] resolving the caller", () => {
  it("resolves a session cookie only while its token version is current", async () => {
    const id = await createTestUser(services);
    const headers = new Headers({ cookie: await sessionCookieFor(id, 0) });
    expect(await resolveUser(services.db, headers, TEST_SESSION_OPTIONS)).toEqual(sessionUser(id));
    await signOutEverywhere(services, id);
    expect(await resolveUser(services.db, headers, TEST_SESSION_OPTIONS)).toBeNull();
    const fresh = new Headers({ cookie: await sessionCookieFor(id, 1) });
    expect(await resolveUser(services.db, fresh, TEST_SESSION_OPTIONS)).toEqual(sessionUser(id));
  });

  it("fails closed on forged, foreign-secret, malformed and system-account tokens", async () => {
    const id = await createTestUser(services);
    const cookie = await sessionCookieFor(id, 0);
    const cases = [
      `${cookie}x`,
      "authjs.session-token=garbage",
      "authjs.session-token=",
      await sessionCookieFor(EXTERNAL_ACCOUNT_ID, 0),
      await sessionCookieFor("00000000-0000-4000-8000-00000000dead", 0),
    ];
    for (const value of cases) {
      expect(await resolveUser(services.db, new Headers({ cookie: value }), TEST_SESSION_OPTIONS)).toBeNull();
    }
    const otherSecret = { ...TEST_SESSION_OPTIONS, secret: "another-secret-another-secret-another-secret" };
    expect(await resolveUser(services.db, new Headers({ cookie }), otherSecret)).toBeNull();
  });

  it("resolves an API key to its owner with its scopes; revocation is immediate", async () => {
    const id = await createTestUser(services);
    const { key, secret } = await createApiKey(services, { userId: id, name: "bot", scopes: ["read"] });
    expect(secret).toMatch(/^bourse_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(key.prefix)).toBe(true);
    const [stored] = await services.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(stored?.hash).not.toContain(secret.slice(7));
    const headers = new Headers({ authorization: `Bearer ${secret}` });
    expect(await resolveUser(services.db, headers, TEST_SESSION_OPTIONS)).toEqual({
      id,
      role: "trader",
      via: { kind: "apiKey", keyId: key.id, scopes: ["read"] },
    });
    const [used] = await services.db.select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(used?.at).not.toBeNull();
    await revokeOwnApiKey(services, id, key.id);
    expect(await resolveUser(services.db, headers, TEST_SESSION_OPTIONS)).toBeNull();
  });

  it("never falls back to the cookie when an Authorization header is sent", async () => {
    const id = await createTestUser(services);
    const cookie = await sessionCookieFor(id, 0);
    for (const authorization of ["Bearer nope", "Basic abc", `Bearer bourse_${"A".repeat(43)}`, ""]) {
      const headers = new Headers({ cookie, authorization });
      expect(await resolveUser(services.db, headers, TEST_SESSION_OPTIONS)).toBeNull();
    }
  });
});

describe("[AUTH] API key management", () => {
  it("creates, lists and revokes; the secret is never listed", async () => {
    const id = await createTestUser(services);
    const caller = callerFor(services, sessionUser(id));
    const created = await caller.apiKey.create({ name: "market maker", scopes: ["trade", "read"] });
    expect(created.key.scopes).toEqual(["read", "trade"]);
    const listed = await caller.apiKey.list();
    expect(listed).toEqual([created.key]);
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    await caller.apiKey.revoke({ id: created.key.id });
    expect(await caller.apiKey.list()).toEqual([]);
    await expect(caller.apiKey.revoke({ id: created.key.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("another user's key is not found and stays live", async () => {
    const owner = await createTestUser(services);
    const other = await createTestUser(services);
    const { key, secret } = await createApiKey(services, { userId: owner, name: "mine", scopes: ["read"] });
    await expect(callerFor(services, sessionUser(other)).apiKey.revoke({ id: key.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(
      await resolveUser(services.db, new Headers({ authorization: `Bearer ${secret}` }), TEST_SESSION_OPTIONS),
    ).not.toBeNull();
  });

  it(`allows at most ${MAX_API_KEYS_PER_USER} live keys per user, even when created concurrently`, async () => {
    const id = await createTestUser(services);
    const attempts = await Promise.allSettled(
      Array.from({ length: MAX_API_KEYS_PER_USER + 5 }, (_, i) =>
        createApiKey(services, { userId: id, name: `k${i}`, scopes: ["read"] }),
      ),
    );
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(MAX_API_KEYS_PER_USER);
    expect(await countActiveApiKeys(services.db, id)).toBe(MAX_API_KEYS_PER_USER);
    const refused = attempts.find((a) => a.status === "rejected");
    expect(refused?.reason).toMatchObject({ code: "API_KEY_LIMIT" });
  });
});
