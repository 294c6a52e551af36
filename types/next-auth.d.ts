import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
    /** The row in `sessions` of this browser: an account change keeps it and signs out the others. */
    sessionId?: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    /** The row in `sessions` this cookie belongs to (see auth.ts). */
    sid?: string;
  }
}
