import { sql } from "drizzle-orm";
import type { ProjectScope } from "../tenant";
import { insertEvents, type EventInput } from "../events/insert";
import type { Db } from "../client";
import { generateDemoEvents, demoExperimentStart, type DemoOptions, type DemoExperiment } from "./generate";
import { DEMO_CONTENT } from "../../lib/templates";
import { DEFAULT_LOCALE, type Locale } from "../../lib/i18n/locales";
import { listGoals } from "../goals";
import { listExperiments, createExperiment } from "../experiments";
import { funnelDefinitionOf, listFunnels } from "../funnels";
import { prepareFacts } from "../queries/funnel/factsUpkeep";

export const DEMO_DEFAULTS = { visitors: 5000, days: 90, seed: 42 } as const;
const DEMO_CONCURRENCY = 3;

/** The web shop's demo runs a checkout test: a modest true uplift that a small shop cannot confirm in four weeks. */
export const DEMO_EXPERIMENT: DemoExperiment = {
  property: "variant",
  variants: ["control", "new_checkout"],
  days: 28,
  lastStepUplift: 0.15,
};

/**
 * Where demo data stops: now. It used to be the end of today (UTC), which put the evening's
 * visitors, and the last_seen of their audience rows, hours into the future.
 */
export function demoEnd(now = new Date()): Date {
  return new Date(now.getTime());
}

/**
 * Stores generated batches through the ingestion insert path, a few at a time: batches hold whole
 * visitors, so they are independent, and several in flight keep PostgreSQL's cores busy.
 * `onStored` sees the running total (the benchmark's progress line).
 */
export async function insertDemoBatches(
  db: Db,
  projectId: string,
  batches: Iterable<EventInput[]>,
  onStored?: (stored: number) => void,
): Promise<{ events: number; stored: number }> {
  let events = 0;
  let stored = 0;
  const inFlight = new Set<Promise<void>>();
  for (const batch of batches) {
    events += batch.length;
    const p: Promise<void> = insertEvents(db, projectId, batch).then((r) => {
      stored += r.stored;
      onStored?.(stored);
      inFlight.delete(p);
    });
    inFlight.add(p);
    if (inFlight.size >= DEMO_CONCURRENCY) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return { events, stored };
}

/**
 * Generates demo traffic for the project's sector, up to now and never later, and stores it through
 * the ingestion insert path; what it names (the demo's A/B test) is in `locale`, the language of
 * the person loading it. Admins only.
 */
export async function seedDemoData(
  scope: ProjectScope,
  opts: Partial<DemoOptions> & { locale?: Locale } = {},
): Promise<{ events: number; stored: number }> {
  scope.require("admin");
  const experiment = scope.project.sector === "ecommerce" ? DEMO_EXPERIMENT : undefined;
  const { locale = DEFAULT_LOCALE, ...rest } = opts;
  const options: DemoOptions = { ...DEMO_DEFAULTS, end: demoEnd(), experiment, ...rest };
  const { events, stored } = await insertDemoBatches(scope.db, scope.projectId, generateDemoEvents(scope.project.sector, options));
  // Fresh bulk data: give the planner statistics now (PGlite has no autovacuum to do it later).
  await scope.db.execute(sql`analyze events`);
  await scope.db.execute(sql`analyze persons`);
  // The saved funnels' facts, so the first look at the demo is already fast.
  for (const f of await listFunnels(scope)) await prepareFacts(scope, funnelDefinitionOf(f));
  if (options.experiment) await addDemoExperiment(scope, options, locale);
  return { events, stored };
}

/** The experiment row for the demo's test, judged by the macro goal; once, however often the demo is loaded. */
async function addDemoExperiment(scope: ProjectScope, options: DemoOptions, locale: Locale): Promise<void> {
  const exp = options.experiment!;
  const macro = (await listGoals(scope)).find((g) => g.kind === "macro");
  if (!macro || (await listExperiments(scope)).some((e) => e.property === exp.property)) return;
  const startDate = demoExperimentStart(options.end, exp.days).toISOString().slice(0, 10);
  await createExperiment(scope, {
    name: DEMO_CONTENT.experiment[locale],
    property: exp.property,
    source: "event",
    variants: [...exp.variants],
    controlVariant: exp.variants[0],
    goalId: macro.id,
    startDate,
    minimumUplift: 0.1,
  });
}
