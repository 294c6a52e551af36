import crypto from "node:crypto";
import { eq, lt } from "drizzle-orm";
import type { Db } from "./client";
import { visitorSalts } from "./schema";
import { saltDay } from "../lib/ingest/visitor";

const cache = new Map<string, Buffer>();

/**
 * Today's salt of the cookieless visitor hash (lib/ingest/visitor.ts), the same in every app
 * process: the first process to need it writes a random one and all read that row. Salts older
 * than yesterday are deleted then, so a hash cannot be traced back to an address afterwards.
 */
export async function visitorSalt(db: Db, now: Date = new Date()): Promise<Buffer> {
  const day = saltDay(now);
  const known = cache.get(day);
  if (known) return known;
  await db
    .insert(visitorSalts)
    .values({ day, salt: crypto.randomBytes(32).toString("base64") })
    .onConflictDoNothing();
  const [row] = await db.select({ salt: visitorSalts.salt }).from(visitorSalts).where(eq(visitorSalts.day, day));
  const salt = Buffer.from(row.salt, "base64");
  const yesterday = saltDay(new Date(now.getTime() - 86_400_000));
  await db.delete(visitorSalts).where(lt(visitorSalts.day, yesterday));
  cache.clear();
  cache.set(day, salt);
  return salt;
}
