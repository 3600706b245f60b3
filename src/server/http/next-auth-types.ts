import type { DefaultSession } from "next-auth";
import type { UserRole } from "../db/schema";

/** What Bourse adds to Auth.js's user, session and token types. */
declare module "next-auth" {
  interface User {
    role?: UserRole;
    tokenVersion?: number;
  }
  interface Session {
    user: { id: string; role: UserRole } & DefaultSession["user"];
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    /** users.tokenVersion when the token was issued; a bump revokes it. */
    tv?: number;
    role?: UserRole;
  }
}
