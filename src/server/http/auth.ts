import { getEnv } from "@/env";
import { getServices } from "../runtime";
import { createAuth } from "./next-auth";
import { getAuthSecret } from "../auth/secret";
import { wantsSecureCookies } from "../auth/session-cookie";

/** The process's Auth.js: route handlers for /api/auth/*, and auth() for server components. */
export const { handlers, auth } = createAuth({
  db: async () => (await getServices()).db,
  secret: () => getAuthSecret(getEnv()),
  isSecure: wantsSecureCookies(getEnv()),
});
