import type { Db } from "./client";
import { projectForWriteKey, type ProjectRow } from "./tenant";
import { hashToken } from "../lib/keys";

/*
 * The project of a write key, remembered for a few seconds: ingestion looked it up on every batch
 * (a round trip and a query plan per request, about a tenth of a batch's time in PostgreSQL).
 *
 * A revoked key must stop working. In the process that changes a project (rotating its write key,
 * changing its allowed origins or drop-in claims, deleting it: db/projects.ts, db/dropin.ts call
 * forgetWriteKeys after the change committed), every remembered project is forgotten at once, so
 * the old key is refused by the next request. Another process (the CLI, a second server) cannot
 * tell this one: there the old key and the old settings work for at most WRITE_KEY_TTL_MS more.
 *
 * Only known keys are remembered: an unknown key (a typo, a key just created in another process)
 * is looked up every time, so a new project receives events at once. Remembered per database
 * handle, on globalThis because Next loads server modules more than once (the settings page's
 * rotation and the ingestion path must reach the same map).
 */

/** How long a key's project is used without asking the database again: the bound on a revocation made in another process. */
export const WRITE_KEY_TTL_MS = 5_000;

/** At most this many keys are remembered (the oldest go first). */
const MAX_KEYS = 10_000;

type Entry = { row: ProjectRow; until: number };
type Cache = { entries: WeakMap<Db, Map<string, Entry>>; generation: number };

const g = globalThis as typeof globalThis & { __trechterWriteKeys?: Cache };
const cache = (g.__trechterWriteKeys ??= { entries: new WeakMap(), generation: 0 });

/** The project a write key sends to, or null for an unknown key, remembered as described above. */
export async function projectForWriteKeyCached(db: Db, writeKey: string): Promise<ProjectRow | null> {
  let byKey = cache.entries.get(db);
  if (!byKey) cache.entries.set(db, (byKey = new Map()));
  const hash = hashToken(writeKey);
  const hit = byKey.get(hash);
  const now = Date.now();
  if (hit && hit.until > now) return hit.row;
  if (hit) byKey.delete(hash);
  const generation = cache.generation;
  const row = await projectForWriteKey(db, writeKey);
  // A change made while this lookup ran may not be in what it read: then it is not remembered.
  if (row && generation === cache.generation) {
    if (byKey.size >= MAX_KEYS) byKey.delete(byKey.keys().next().value!);
    byKey.set(hash, { row, until: now + WRITE_KEY_TTL_MS });
  }
  return row;
}

/** Forgets every remembered project: called after a change to a project's row committed. */
export function forgetWriteKeys(): void {
  cache.generation++;
  cache.entries = new WeakMap();
}
