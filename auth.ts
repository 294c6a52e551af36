import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "./db/client";
import { findUserByEmail } from "./db/accounts";
import { hitRateLimit, peekRateLimit, clearRateLimit } from "./db/rate-limit";
import { verifyPassword, decoyHash } from "./lib/auth/password";
import { loginSchema } from "./lib/auth/validation";
import { authSecret } from "./lib/config";
import { clientAddress } from "./lib/auth/client-address";
import { LOGIN_LIMITS } from "./lib/auth/limits";


export class LoginRateLimited extends CredentialsSignin {
  code = "rate_limited";
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  trustHost: true,
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
  pages: { signIn: "/login" },
  // A wrong password is an expected outcome, not a server error worth a stack trace in the log.
  logger: {
    error(error: Error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error("[auth]", error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = loginSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const db = await getDb();
        const accountKey = `login:account:${email}`;
        const addressKey = `login:address:${clientAddress(request.headers)}`;
        const { perAccount, perAddress, windowSeconds } = LOGIN_LIMITS;
        const [acc, addr] = await Promise.all([
          peekRateLimit(db, accountKey, perAccount, windowSeconds),
          peekRateLimit(db, addressKey, perAddress, windowSeconds),
        ]);
        if (acc.limited || addr.limited) throw new LoginRateLimited();

        const user = await findUserByEmail(db, email);
        // Verify against a decoy when the email is unknown, so timing does not reveal accounts.
        const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
        if (!user || !ok) {
          await Promise.all([
            hitRateLimit(db, accountKey, perAccount, windowSeconds),
            hitRateLimit(db, addressKey, perAddress, windowSeconds),
          ]);
          return null;
        }
        await clearRateLimit(db, accountKey);
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ],
  callbacks: {
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
}));
