import { openScratchDatabase } from "./scratch-database";
/**
 * npx tsx scripts/measure-auth.ts [--postgres=ADMIN_URL] — what resolving the caller costs per
 * request, without and with the instance's credential cache (auth/credential-cache.ts): an API
 * key (hash lookup + last-used touch) and a session cookie (decrypt + token version). In-memory
 * PGlite, or a throwaway Postgres database when given an admin URL. Bounded: a fixed number of
 * calls each, loopback only.
 */
import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { credentialCacheFor } from "../src/server/auth/instance-credentials";
import { resolveUser } from "../src/server/api/resolve-user";
import { sessionCookieName } from "../src/server/auth/session-cookie";
import { createApiKey } from "../src/server/services/accounts/api-keys";
import { createTestServices, createTestUser } from "../tests/fixtures";

const CALLS = 2_000;
const SECRET = randomBytes(32).toString("hex");
const adminUrl = process.argv.find((arg) => arg.startsWith("--postgres="))?.slice("--postgres=".length);

async function microsPerCall(work: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 100; i++) await work();
  const started = performance.now();
  for (let i = 0; i < CALLS; i++) await work();
  return +(((performance.now() - started) * 1_000) / CALLS).toFixed(1);
}

const { database, drop } = await openScratchDatabase(adminUrl, 4);
try {
  await database.migrate();
  const services = createTestServices(database.db);
  const userId = await createTestUser(services);
  const { secret } = await createApiKey(services, { userId, name: "bench", scopes: ["read", "trade"] });
  const cookieName = sessionCookieName(false);
  const token = await encode({ token: { sub: userId, tv: 0 }, secret: SECRET, salt: cookieName });
  const session = { secret: SECRET, isSecure: false };
  const bearer = new Headers({ authorization: `Bearer ${secret}` });
  const cookie = new Headers({ cookie: `${cookieName}=${token}` });
  const cache = credentialCacheFor(services);
  const rows = [
    { caller: "API key", "no cache µs": await microsPerCall(() => resolveUser(database.db, bearer, session)) },
    { caller: "session cookie", "no cache µs": await microsPerCall(() => resolveUser(database.db, cookie, session)) },
  ];
  const cached = [
    await microsPerCall(() => resolveUser(database.db, bearer, session, cache)),
    await microsPerCall(() => resolveUser(database.db, cookie, session, cache)),
  ];
  console.table(rows.map((row, i) => ({ database: database.kind, ...row, "cached µs": cached[i] })));
} finally {
  await database.close();
  await drop();
}
