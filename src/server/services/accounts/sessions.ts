import { announceCredentialChange, userAuthTopic } from "../../auth/instance-credentials";
import { bumpTokenVersion, findProfile } from "../../db/queries/users";
import { DomainError } from "@/domain/errors";
import type { ServiceContext } from "../context";

/**
 * Revokes every session token issued to the user, on every device: sessions carry the token
 * version they were issued with, and each request compares it with the account's. API keys are
 * separate credentials and are revoked one by one.
 */
export async function signOutEverywhere(ctx: ServiceContext, userId: string): Promise<{ tokenVersion: number }> {
  const tokenVersion = await bumpTokenVersion(ctx.db, userId);
  if (tokenVersion === null) throw new DomainError("USER_NOT_FOUND");
  // Every instance drops the user's cached token version, so old tokens fail on their next request.
  await announceCredentialChange(ctx, userAuthTopic(userId));
  return { tokenVersion };
}

export interface ProfileView {
  id: string;
  email: string;
  name: string;
  role: "trader" | "admin";
  /** How this request was authenticated, so a page can tell a key from a session. */
  via: "session" | "apiKey";
}

export async function getProfile(ctx: ServiceContext, userId: string, via: ProfileView["via"]): Promise<ProfileView> {
  const row = await findProfile(ctx.db, userId);
  if (!row?.email || row.role === "system") throw new DomainError("USER_NOT_FOUND");
  return { id: row.id, email: row.email, name: row.name, role: row.role, via };
}
