import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "./db/client";
import { hitRateLimit, refundRateLimit, clearRateLimit } from "./db/rate-limit";
import { createSession, sessionIsLive, revokeSession } from "./db/sessions";
import { verifyPassword, decoyHash } from "./lib/auth/password";
import { loginSchema } from "./lib/auth/validation";
import { authSecret, config } from "./lib/config";
import { clientAddress } from "./lib/auth/client-address";
import { isKnownDevice } from "./lib/auth/device";
import { LOGIN_LIMITS, SECOND_FACTOR_LIMITS } from "./lib/auth/limits";
import { findUserByEmail, findUserById } from "./db/accounts";
import { verifySecondFactor } from "./db/two-factor";
import { challengeUser, verifyChallenge } from "./lib/auth/two-factor-challenge";
import { z } from "zod";

export class LoginRateLimited extends CredentialsSignin {
  code = "rate_limited";
}

/** The password was right and the account has two-factor sign-in: the login form asks for the code next. */
export class SecondFactorRequired extends CredentialsSignin {
  code = "two_factor";
}

/** The signed challenge between password and code is missing, forged, expired, or from before a password change. */
export class ChallengeExpired extends CredentialsSignin {
  code = "challenge_expired";
}

const MAX_AGE = 30 * 24 * 3600;

const secondStepSchema = z.object({ challenge: z.string().max(200), code: z.string().max(40) });

/** The rate-limit keys a sign-in code counts against: the user named by the challenge, and the client address. */
export function secondFactorLimitKeys(userId: string, address: string) {
  return { user: `login:second-factor:${userId}`, address: `login:address:${address}` };
}

/** Step two of signing in: the challenge from step one plus a TOTP or recovery code. */
async function authorizeSecondFactor(raw: unknown, headers: Headers) {
  const parsed = secondStepSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { challenge, code } = parsed.data;
  const now = Date.now();
  const userId = challengeUser(challenge, now);
  if (!userId) throw new ChallengeExpired();
  const db = await getDb();
  const keys = secondFactorLimitKeys(userId, clientAddress(headers));
  const { perUser, perAddress, windowSeconds } = SECOND_FACTOR_LIMITS;
  // Counted before the code is checked, like passwords: at most perUser guesses of a million per window.
  const counts = await Promise.all([
    hitRateLimit(db, keys.user, perUser, windowSeconds),
    hitRateLimit(db, keys.address, perAddress, windowSeconds),
  ]);
  if (counts.some((c) => c.limited)) throw new LoginRateLimited();
  const user = await findUserById(db, userId);
  if (!user || !verifyChallenge(authSecret(), challenge, user.passwordHash, now)) throw new ChallengeExpired();
  if (!(await verifySecondFactor(db, user.id, code, authSecret(), new Date(now)))) return null;
  await Promise.all([clearRateLimit(db, keys.user), refundRateLimit(db, keys.address)]);
  return { id: user.id, email: user.email, name: user.name };
}

/** The rate-limit keys one login attempt counts against (see lib/auth/limits.ts for why these three). */
export function loginLimitKeys(email: string, address: string) {
  return {
    address: `login:address:${address}`,
    accountAddress: `login:account-address:${email}:${address}`,
    account: `login:account:${email}`,
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const appUrl = config().APP_URL;
  return {
    trustHost: true,
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: MAX_AGE },
    pages: { signIn: "/login" },
    // Behind HTTPS the session cookie is __Secure- and Secure. Without APP_URL next-auth decides per
    // request from the scheme, which only a trusted proxy can report (server/http.ts).
    ...(appUrl ? { useSecureCookies: appUrl.startsWith("https://") } : {}),
    // A wrong password is an expected outcome, not a server error worth a stack trace in the log.
    logger: {
      error(error: Error) {
        if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
        console.error("[auth]", error);
      },
    },
    providers: [
      Credentials({
        credentials: { email: {}, password: {}, challenge: {}, code: {} },
        async authorize(raw, request) {
          if (typeof (raw as { challenge?: unknown }).challenge === "string") return authorizeSecondFactor(raw, request.headers);
          const parsed = loginSchema.safeParse(raw);
          if (!parsed.success) return null;
          const { email, password } = parsed.data;
          const db = await getDb();
          const keys = loginLimitKeys(email, clientAddress(request.headers));
          const known = isKnownDevice(authSecret(), email, request.headers.get("cookie"));
          const { perAccountAddress, perAddress, perAccountUntrusted, windowSeconds } = LOGIN_LIMITS;
          // Counted before the password is checked, each in one statement: parallel guesses each get
          // their own count, so no more than the limit are ever verified. An address already over its
          // own limits stops there and does not add to the account's counter: one address can cost an
          // account at most perAccountAddress tries of its perAccountUntrusted a window.
          const own = await Promise.all([
            hitRateLimit(db, keys.accountAddress, perAccountAddress, windowSeconds),
            hitRateLimit(db, keys.address, perAddress, windowSeconds),
          ]);
          if (own.some((s) => s.limited)) throw new LoginRateLimited();
          if (!known && (await hitRateLimit(db, keys.account, perAccountUntrusted, windowSeconds)).limited) throw new LoginRateLimited();

          const user = await findUserByEmail(db, email);
          // Verify against a decoy when the email is unknown, so timing does not reveal accounts.
          const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
          if (!user || !ok) return null;
          await Promise.all([
            clearRateLimit(db, keys.accountAddress),
            refundRateLimit(db, keys.address),
            known ? null : refundRateLimit(db, keys.account),
          ]);
          // The session is only made after the code (see authorizeSecondFactor); the login action signs a challenge.
          if (user.totpEnabledAt) throw new SecondFactorRequired();
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
    ],
    callbacks: {
      // Every request: the cookie's session must still exist (logout, "log out everywhere" and a
      // password change delete it); otherwise the user is signed out and the cookie cleared.
      async jwt({ token, user }) {
        const db = await getDb();
        if (user?.id) {
          token.sub = user.id;
          token.sid = await createSession(db, user.id, MAX_AGE);
          return token;
        }
        if (!token.sub || typeof token.sid !== "string" || !(await sessionIsLive(db, token.sid, token.sub))) return null;
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        if (typeof token.sid === "string") session.sessionId = token.sid;
        return session;
      },
    },
    events: {
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        if (typeof token?.sid === "string") await revokeSession(await getDb(), token.sid);
      },
    },
  };
});
