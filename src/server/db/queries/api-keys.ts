import { and, count, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { type ApiKeyScope, apiKeys, type UserRole, users } from "../schema";
import type { DbOrTx } from "../types";

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
}

const listed = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
};

function asScopes(values: string[]): ApiKeyScope[] {
  return values.filter((v): v is ApiKeyScope => v === "read" || v === "trade");
}

export async function insertApiKey(
  tx: DbOrTx,
  values: { userId: string; name: string; prefix: string; hash: string; scopes: ApiKeyScope[] },
): Promise<ApiKeyRow> {
  const [row] = await tx.insert(apiKeys).values(values).returning(listed);
  if (!row) throw new Error("api key insert returned nothing");
  return { ...row, scopes: asScopes(row.scopes) };
}

export async function countActiveApiKeys(tx: DbOrTx, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(apiKeys)
    .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)));
  return row?.n ?? 0;
}

export async function listActiveApiKeys(tx: DbOrTx, userId: string): Promise<ApiKeyRow[]> {
  const rows = await tx
    .select(listed)
    .from(apiKeys)
    .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map((r) => ({ ...r, scopes: asScopes(r.scopes) }));
}

/** The owner's key only: another user's key id is "not found", like an unknown one. */
export async function revokeApiKey(tx: DbOrTx, userId: string, id: string): Promise<boolean> {
  const rows = await tx
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}

export interface ApiKeyOwner {
  keyId: string;
  userId: string;
  role: UserRole;
  scopes: ApiKeyScope[];
}

/** A live key by its hash (unique index), with its owner's current role. */
export async function findActiveApiKeyByHash(tx: DbOrTx, hash: string): Promise<ApiKeyOwner | null> {
  const [row] = await tx
    .select({ keyId: apiKeys.id, userId: apiKeys.userId, role: users.role, scopes: apiKeys.scopes })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt)));
  return row ? { ...row, scopes: asScopes(row.scopes) } : null;
}

/** At most one write per key per minute, however busy the bot: enough for "last used". */
export async function touchApiKey(tx: DbOrTx, keyId: string): Promise<void> {
  await tx
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiKeys.id, keyId), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`))));
}
