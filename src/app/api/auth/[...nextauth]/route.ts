import { getEnv } from "@/env";
import { handlers } from "@/server/http/auth";
import { sessionCookieName, wantsSecureCookies } from "@/server/auth/session-cookie";
import { createAuthRoute } from "@/server/http/auth-handler";
import { getRateLimits } from "@/server/limits/rate-limits";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const { GET, POST } = createAuthRoute({
  handlers,
  limits: getRateLimits,
  sessionCookieName: sessionCookieName(wantsSecureCookies(getEnv())),
});
