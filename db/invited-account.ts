import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { users } from "./schema";
import { hashPassword } from "../lib/auth/password";
import { InputError } from "../lib/errors";
import { acceptInvite } from "./members";

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}

/**
 * Signs up someone who was invited: their user and their membership of the inviting team, in one
 * transaction, and no team of their own (an invitee joins a team, they do not start one). The
 * invite must still be open and sent to this address (acceptInvite's checks); otherwise nothing
 * is created. Errors: InputError on `email` (409: the address has an account), on `token` (409:
 * the invite is expired, used or revoked); InviteForAnotherAddress for another address.
 */
export async function createInvitedAccount(
  db: Db,
  input: { name: string; email: string; password: string },
  token: string,
): Promise<{ userId: string; teamId: string }> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
      if (existing) throw new InputError("An account with this email address already exists.", "email", 409);
      const [user] = await tx.insert(users).values({ email, name: input.name.trim(), passwordHash }).returning();
      const { teamId } = await acceptInvite(tx as unknown as Db, token, user.id);
      return { userId: user.id, teamId };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new InputError("An account with this email address already exists.", "email", 409);
    throw err;
  }
}
