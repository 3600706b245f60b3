import { generateApiKey } from "../../auth/api-key-token";
import { announceCredentialChange, apiKeyTopic } from "../../auth/instance-credentials";
import { countActiveApiKeys, insertApiKey, listActiveApiKeys, revokeApiKey } from "../../db/queries/api-keys";
import { lockUser } from "../../db/queries/users";
import type { ApiKeyScope } from "../../db/schema";
import { inTransaction } from "../../db/transaction";
import { DomainError } from "@/domain/errors";
import type { ServiceContext } from "../context";

/** Enough for a fleet of bots; a limit so a leaked session cannot mint keys without end. */
export const MAX_API_KEYS_PER_USER = 20;

export interface ApiKeyView {
  id: string;
  name: string;
  /** The key's first characters, to tell keys apart; never enough to use it. */
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: string;
  lastUsedAt: string | null;
}

function apiKeyView(row: Awaited<ReturnType<typeof insertApiKey>>): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

/** Creates a key and returns its secret, the only time it exists outside the caller's hands. */
export async function createApiKey(
  ctx: ServiceContext,
  request: { userId: string; name: string; scopes: ApiKeyScope[] },
): Promise<{ key: ApiKeyView; secret: string }> {
  const scopes = [...new Set(request.scopes)].sort();
  const generated = generateApiKey();
  const row = await inTransaction(ctx.db, async (tx) => {
    // The user's row lock makes count-then-insert safe against two concurrent creations.
    if (!(await lockUser(tx, request.userId))) throw new DomainError("USER_NOT_FOUND");
    if ((await countActiveApiKeys(tx, request.userId)) >= MAX_API_KEYS_PER_USER) throw new DomainError("API_KEY_LIMIT");
    return insertApiKey(tx, {
      userId: request.userId,
      name: request.name,
      prefix: generated.prefix,
      hash: generated.hash,
      scopes,
    });
  });
  return { key: apiKeyView(row), secret: generated.secret };
}

export async function listApiKeys(ctx: ServiceContext, userId: string): Promise<ApiKeyView[]> {
  return (await listActiveApiKeys(ctx.db, userId)).map(apiKeyView);
}

/**
 * Takes effect on the very next request, on every instance: the key's cached resolutions are
 * dropped here and, over the bus, everywhere else (see auth/credential-cache.ts).
 */
export async function revokeOwnApiKey(ctx: ServiceContext, userId: string, keyId: string): Promise<{ revoked: true }> {
  if (!(await revokeApiKey(ctx.db, userId, keyId))) throw new DomainError("API_KEY_NOT_FOUND");
  await announceCredentialChange(ctx, apiKeyTopic(keyId));
  return { revoked: true };
}
