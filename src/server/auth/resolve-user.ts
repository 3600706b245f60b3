import type { AuthUser } from "../api/context";
import type { Db } from "../db/types";

/** Who is calling: a session cookie or an API key. Filled in by the accounts issue. */
export async function resolveUser(_db: Db, _headers: Headers): Promise<AuthUser | null> {
  return null;
}
