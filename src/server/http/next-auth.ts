import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { signInInput } from "@/domain/credentials";
import { findUserAuth } from "../db/queries/users";
import type { DbOrTx } from "../db/types";
import { logger } from "../logger";
import { authenticateUser } from "../services/accounts/authenticate-user";
import "./next-auth-types";
import { SESSION_MAX_AGE_S, sessionCookieName } from "../auth/session-cookie";

export interface AuthDependencies {
  db: () => Promise<DbOrTx>;
  secret: () => Promise<string>;
  /** Secure (and __Secure- prefixed) cookies; see wantsSecureCookies. */
  isSecure: boolean;
}

/**
 * Auth.js for the website: email and password, JWT sessions in an httpOnly, SameSite=Lax cookie.
 * The configuration is built per request (lazily) so the secret and the database are resolved at
 * run time, never at build time, and never from a default.
 */
export function createAuth(deps: AuthDependencies) {
  return NextAuth(async () => {
    const [secret, db] = await Promise.all([deps.secret(), deps.db()]);
    return authConfig({ secret, db, isSecure: deps.isSecure });
  });
}

function authConfig({ secret, db, isSecure }: { secret: string; db: DbOrTx; isSecure: boolean }): NextAuthConfig {
  return {
    secret,
    // URLs are built from the request's host. Nothing here redirects off-site: the website signs
    // in with redirect: false, and Auth.js only follows callback URLs on that same origin.
    trustHost: true,
    useSecureCookies: isSecure,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S, updateAge: 24 * 60 * 60 },
    cookies: {
      sessionToken: {
        name: sessionCookieName(isSecure),
        options: { httpOnly: true, sameSite: "lax", path: "/", secure: isSecure },
      },
    },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(raw) {
          const parsed = signInInput.safeParse(raw);
          if (!parsed.success) return null;
          const user = await authenticateUser(db, parsed.data.email, parsed.data.password);
          if (!user) return null;
          return { id: user.id, email: user.email, name: user.name, role: user.role, tokenVersion: user.tokenVersion };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          if (!user.id || user.tokenVersion === undefined || !user.role) return null;
          return { ...token, sub: user.id, role: user.role, tv: user.tokenVersion };
        }
        // Every session read re-checks the account: a revoked token is cleared, a new role shows.
        const current = typeof token.sub === "string" ? await findUserAuth(db, token.sub) : null;
        if (!current || current.role === "system" || current.tokenVersion !== token.tv) return null;
        return { ...token, role: current.role };
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub ?? "", role: token.role ?? "trader" } };
      },
    },
    logger: {
      // A wrong password is an expected outcome, not an error worth a stack trace.
      error: (error) =>
        error.name === "CredentialsSignin" ? logger.info("sign-in refused") : logger.error({ err: error }, "auth error"),
      warn: (code) => logger.warn({ code }, "auth warning"),
      debug: () => {},
    },
  };
}
