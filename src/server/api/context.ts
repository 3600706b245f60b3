import type { Logger } from "pino";
import type { ApiKeyScope, UserRole } from "../db/schema";
import type { RateLimits } from "../limits/rate-limits";
import { logger } from "../logger";
import type { ServiceContext } from "../services/context";

export interface AuthUser {
  id: string;
  role: UserRole;
  /** How the caller proved who they are; a key also carries its scopes. */
  via: { kind: "session" } | { kind: "apiKey"; keyId: string; scopes: readonly ApiKeyScope[] };
}

export interface Context {
  services: ServiceContext;
  user: AuthUser | null;
  requestId: string;
  /** The client's address, for rate limits; "unknown" when not behind a known proxy. */
  ip: string;
  log: Logger;
  /** Headers to add to the HTTP response (rate limits, Retry-After); absent for direct callers. */
  resHeaders: Headers | null;
  /**
   * Rate limits to enforce. Every network edge passes them; direct callers (tests, scripts,
   * in-process bots) are trusted code and run without (null).
   */
  limits: RateLimits | null;
}

export function createContext(options: {
  services: ServiceContext;
  user: AuthUser | null;
  ip?: string;
  requestId?: string;
  resHeaders?: Headers | null;
  limits?: RateLimits | null;
}): Context {
  const requestId = options.requestId ?? crypto.randomUUID();
  return {
    services: options.services,
    user: options.user,
    requestId,
    ip: options.ip ?? "unknown",
    log: logger.child({ requestId }),
    resHeaders: options.resHeaders ?? null,
    limits: options.limits ?? null,
  };
}
