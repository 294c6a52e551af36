import { sql } from "drizzle-orm";
import type { ProjectScope } from "../tenant";
import { insertEvents } from "../events/insert";
import { generateDemoEvents, type DemoOptions } from "./generate";

export const DEMO_DEFAULTS = { visitors: 5000, days: 90, seed: 42 } as const;
const DEMO_CONCURRENCY = 3;

/** The first millisecond of tomorrow (UTC): demo data then runs up to today. */
export function demoEnd(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

/** Generates demo traffic for the project's sector and stores it through the ingestion insert path. Admins only. */
export async function seedDemoData(scope: ProjectScope, opts: Partial<DemoOptions> = {}): Promise<{ events: number; stored: number }> {
  scope.require("admin");
  const options: DemoOptions = { ...DEMO_DEFAULTS, end: demoEnd(), ...opts };
  let events = 0;
  let stored = 0;
  // Batches hold whole visitors, so they are independent: a few in flight keep PostgreSQL's cores busy.
  const inFlight = new Set<Promise<void>>();
  for (const batch of generateDemoEvents(scope.project.sector, options)) {
    events += batch.length;
    const p: Promise<void> = insertEvents(scope.db, scope.projectId, batch).then((r) => {
      stored += r.stored;
      inFlight.delete(p);
    });
    inFlight.add(p);
    if (inFlight.size >= DEMO_CONCURRENCY) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  // Fresh bulk data: give the planner statistics now (PGlite has no autovacuum to do it later).
  await scope.db.execute(sql`analyze events`);
  await scope.db.execute(sql`analyze persons`);
  return { events, stored };
}
