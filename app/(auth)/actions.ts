"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn } from "@/auth";
import { getDb } from "@/db/client";
import { createAccount, findUserByEmail, findUserById } from "@/db/accounts";
import { createInvitedAccount } from "@/db/invited-account";
import { InviteForAnotherAddress } from "@/db/members";
import { hitRateLimit } from "@/db/rate-limit";
import { InputError } from "@/lib/errors";
import { signupSchema, fieldErrors } from "@/lib/auth/validation";
import { safeNext } from "@/lib/auth/safe-next";
import { clientAddress } from "@/lib/auth/client-address";
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE, deviceToken } from "@/lib/auth/device";
import { SIGNUP_WINDOW_SECONDS } from "@/lib/auth/limits";
import { authSecret, config } from "@/lib/config";
import { requestOrigin } from "@/server/origin";
import { CHALLENGE_COOKIE, CHALLENGE_SECONDS, challengeUser, signChallenge } from "@/lib/auth/two-factor-challenge";
import { TEAM_COOKIE } from "@/server/guard";
import { getI18n } from "@/server/i18n";

/** `twoFactor`: the password was right and the form now asks for the sign-in code. */
export type FormState = { errors?: Record<string, string>; values?: Record<string, string>; twoFactor?: boolean };

// The forms' fields, parsed whole; anything else a client adds is ignored (FormData also carries
// Next's own $ACTION_ fields), and nothing from it is spread into a row.
const text = (max: number) => z.string().max(max).catch("");
const loginForm = z.object({ email: text(254), password: text(200), next: text(2048) });
const codeForm = z.object({ code: text(40), next: text(2048) });
const signupForm = z.object({
  name: text(1000),
  email: text(1000),
  password: text(1000),
  teamName: text(1000),
  next: text(2048),
  invite: text(200),
});

/** The form's fields; an action called with anything but form data (a forged call) reads as an empty form, not a 500. */
function fields<T extends z.ZodObject>(schema: T, form: unknown): z.output<T> {
  const get = (k: string) => (form instanceof FormData ? (form.get(k) ?? "") : "");
  const raw = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, get(k)]));
  return schema.parse(raw);
}

/** Remembers that this browser knew the account's password (see lib/auth/device.ts). */
async function rememberDevice(email: string) {
  (await cookies()).set(DEVICE_COOKIE, deviceToken(authSecret(), email), {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    // Secure when the client came over HTTPS, as the app's server resolved it (server/origin: APP_URL, or a trusted proxy's proto).
    secure: requestOrigin(await headers()).startsWith("https://"),
    maxAge: DEVICE_COOKIE_MAX_AGE,
  });
}

const errorCode = (err: AuthError) => (err as AuthError & { code?: string }).code;

/** The cookie that carries the signed challenge from the password step to the code step (see lib/auth/two-factor-challenge.ts). */
async function setChallenge(value: string | null) {
  const jar = await cookies();
  if (value === null) return void jar.delete(CHALLENGE_COOKIE);
  jar.set(CHALLENGE_COOKIE, value, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: requestOrigin(await headers()).startsWith("https://"),
    maxAge: CHALLENGE_SECONDS,
  });
}

/** Signs in with email and password; an account with two-factor sign-in then gets the code step (`twoFactor`). */
export async function loginAction(_prev: FormState, form: FormData): Promise<FormState> {
  if (form instanceof FormData && form.get("step") === "code") return loginCodeStep(form);
  const { email, password, next } = fields(loginForm, form);
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (err) {
    if (err instanceof AuthError) {
      const code = errorCode(err);
      if (code === "two_factor") {
        // Only thrown after the password was verified (auth.ts), so the challenge is earned.
        const user = await findUserByEmail(await getDb(), email);
        if (user) {
          await setChallenge(signChallenge(authSecret(), user.id, user.passwordHash, Date.now()));
          return { twoFactor: true, values: { email, next } };
        }
      }
      return { errors: { form: code === "rate_limited" ? "rateLimited" : "invalid" }, values: { email } };
    }
    throw err;
  }
  await rememberDevice(email);
  redirect(safeNext(next));
}

/** Step two: the code from the authenticator app (or a recovery code) against the challenge cookie. */
async function loginCodeStep(form: FormData): Promise<FormState> {
  const { code, next } = fields(codeForm, form);
  const challenge = (await cookies()).get(CHALLENGE_COOKIE)?.value ?? "";
  const userId = challengeUser(challenge, Date.now());
  if (!userId) return { errors: { form: "challengeExpired" }, values: { next } };
  try {
    await signIn("credentials", { challenge, code, redirect: false });
  } catch (err) {
    if (err instanceof AuthError) {
      const why = errorCode(err);
      if (why === "challenge_expired") {
        await setChallenge(null);
        return { errors: { form: "challengeExpired" }, values: { next } };
      }
      return { twoFactor: true, errors: { code: why === "rate_limited" ? "codeLimited" : "codeInvalid" }, values: { next } };
    }
    throw err;
  }
  await setChallenge(null);
  const user = await findUserById(await getDb(), userId);
  if (user) await rememberDevice(user.email);
  redirect(safeNext(next));
}

export async function signupAction(_prev: FormState, form: FormData): Promise<FormState> {
  const raw = fields(signupForm, form);
  if (raw.invite) return invitedSignup(raw);
  const values = { name: raw.name, email: raw.email, teamName: raw.teamName };
  const parsed = signupSchema.safeParse({ name: raw.name, email: raw.email, password: raw.password, teamName: raw.teamName });
  if (!parsed.success) return { errors: fieldErrors(parsed.error), values };
  const db = await getDb();
  // Counted before the account is made: a script cannot create accounts without end from one address.
  const limit = await hitRateLimit(db, `signup:address:${clientAddress(await headers())}`, config().SIGNUP_LIMIT, SIGNUP_WINDOW_SECONDS);
  if (limit.limited) return { errors: { form: "signupLimited" }, values };
  // Without a team name the team is named in the person's language ("Team van Sanne" for a Dutch reader).
  const teamName = parsed.data.teamName || (await getI18n()).t("auth.signup.defaultTeamName", { name: parsed.data.name });
  try {
    await createAccount(db, { ...parsed.data, teamName: teamName.slice(0, 100) });
  } catch (err) {
    if (err instanceof InputError && err.field === "email") return { errors: { email: "emailTaken" }, values };
    throw err;
  }
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
  } catch (err) {
    // The account exists; only signing in was refused (this address is over its login limit).
    if (err instanceof AuthError) redirect("/login");
    throw err;
  }
  await rememberDevice(parsed.data.email);
  redirect(safeNext(raw.next, "/projects/new"));
}

/**
 * Sign-up from an invite link: no team name and no team of their own; the account joins the
 * inviting team (one transaction with the invite's acceptance, so a used or expired invite
 * creates nothing) and lands in it.
 */
async function invitedSignup(raw: z.output<typeof signupForm>): Promise<FormState> {
  const values = { name: raw.name, email: raw.email };
  const parsed = signupSchema.omit({ teamName: true }).safeParse({ name: raw.name, email: raw.email, password: raw.password });
  if (!parsed.success) return { errors: fieldErrors(parsed.error), values };
  const db = await getDb();
  const limit = await hitRateLimit(db, `signup:address:${clientAddress(await headers())}`, config().SIGNUP_LIMIT, SIGNUP_WINDOW_SECONDS);
  if (limit.limited) return { errors: { form: "signupLimited" }, values };
  let teamId: string;
  try {
    ({ teamId } = await createInvitedAccount(db, parsed.data, raw.invite));
  } catch (err) {
    if (err instanceof InviteForAnotherAddress) return { errors: { email: "inviteOtherAddress" }, values };
    if (err instanceof InputError && err.field === "email") return { errors: { email: "emailTaken" }, values };
    if (err instanceof InputError && err.field === "token") return { errors: { form: "inviteInvalid" }, values };
    throw err;
  }
  (await cookies()).set(TEAM_COOKIE, teamId, { path: "/", httpOnly: true, sameSite: "lax", maxAge: 365 * 24 * 3600 });
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
  } catch (err) {
    if (err instanceof AuthError) redirect("/login");
    throw err;
  }
  await rememberDevice(parsed.data.email);
  redirect("/projects");
}
