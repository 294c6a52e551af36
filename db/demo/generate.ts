import type { Sector } from "../../lib/sectors";
import type { EventInput } from "../events/insert";
import { TEMPLATES } from "../../lib/templates";
import { rng, type Rng } from "./random";
import { sourceMix, DEVICE_MIX, COUNTRY_MIX, AGE_MIX, weekdayWeights } from "./segments";

export type DemoOptions = {
  visitors: number;
  days: number;
  seed: number;
  /**
   * The end of the generated period (exclusive): no event is at or after it, so pass "now" and
   * nothing lies in the future. The days run from UTC midnight to UTC midnight, the last one being
   * the day `end` falls in (cut off at `end`). A fixed value makes the output reproducible.
   */
  end: Date;
  /** visitors per yielded batch */
  batchVisitors?: number;
  /** mean number of extra browsing page views per visitor (benchmarks use it to reach ~10 events a visitor) */
  extraPageviews?: number;
  /**
   * A running A/B test in the last `days`: visitors who arrive then alternate between the two variants
   * (carried as `properties.<property>` on their entry page views), and the second variant's last
   * funnel step converts `lastStepUplift` better (0.15 = 15 %). Off by default, so the pinned output stays.
   */
  experiment?: DemoExperiment;
};

export type DemoExperiment = { property: string; variants: readonly [string, string]; days: number; lastStepUplift: number };

const DAY = 86400_000;
const MIN = 60_000;

function mean<T>(mix: readonly (readonly [T, number, number])[]): number {
  const total = mix.reduce((s, [, w]) => s + w, 0);
  return mix.reduce((s, [, w, m]) => s + (w / total) * m, 0);
}

function pickMix<T>(r: Rng, mix: readonly (readonly [T, number, number])[]): [T, number] {
  const i = r.weighted(mix.map((m, idx) => [idx, m[1]] as const));
  return [mix[i][0], mix[i][2]];
}

/** The end of the demo's last day: `end` itself at UTC midnight, else the next UTC midnight. */
export function demoDayGridEnd(end: Date): number {
  const midnight = Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate());
  return midnight === end.getTime() ? midnight : midnight + DAY;
}

/** The first instant of a demo experiment running in the last `days` days (a UTC midnight, so its start date is that day). */
export function demoExperimentStart(end: Date, days: number): Date {
  return new Date(demoDayGridEnd(end) - days * DAY);
}

/**
 * Plausible traffic for a sector, visitor by visitor, in batches of events: weekday rhythm,
 * sources, devices (mobile converts lower), countries and regions, age groups, per-step drop-off
 * from the template so the macro rate lands near the sector benchmark, visitors who return and
 * finish later, repeat conversions and order values. Deterministic for a seed and end date.
 */
export function* generateDemoEvents(sector: Sector, opts: DemoOptions): Generator<EventInput[]> {
  const t = TEMPLATES[sector];
  const r = rng(opts.seed);
  const steps = t.funnel.steps;
  const sources = sourceMix(sector);
  const norm = mean(sources) * mean(DEVICE_MIX) * mean(COUNTRY_MIX) * mean(AGE_MIX);
  const weekdays = weekdayWeights(sector);
  const stop = opts.end.getTime();
  const start = demoDayGridEnd(opts.end) - opts.days * DAY;
  const dayPairs = Array.from({ length: opts.days }, (_, d) => [d, weekdays[new Date(start + d * DAY).getUTCDay()]] as const);
  const batchVisitors = opts.batchVisitors ?? 2000;
  // Returning visitors add conversions on top of the template's rates; this keeps the total near it.
  const RETURN_CHANCE = 0.25;
  const damp = 0.92;

  let batch: EventInput[] = [];
  for (let v = 0; v < opts.visitors; v++) {
    const anon = `demo-${opts.seed}-${v}`;
    let n = 0;
    const [src, ms] = pickMix(r, sources);
    const [dev, md] = pickMix(r, DEVICE_MIX);
    const [geo, mg] = pickMix(r, COUNTRY_MIX);
    const [age, ma] = pickMix(r, AGE_MIX);
    const multiplier = Math.pow((ms * md * mg * ma) / norm, 1 / Math.max(1, steps.length - 1));
    const base = {
      anonymousId: anon,
      device: dev.device,
      browser: r.pick(dev.browsers),
      os: dev.device === "desktop" ? r.pick(dev.os) : r.pick(dev.os),
      country: geo.country,
      region: r.pick(geo.regions),
    };
    const day = r.weighted(dayPairs);
    const hour = r.weighted([
      [8, 1],
      [10, 2],
      [12, 2],
      [14, 2],
      [16, 1.5],
      [19, 2.5],
      [21, 2],
      [23, 0.5],
    ] as const);
    let time = start + day * DAY + hour * 3600_000 + r.int(0, 119) * MIN;
    let userId: string | null = null;
    // Assignment by visitor number, not by the random stream, so the test adds no draws of its own.
    const exp = opts.experiment && time >= demoExperimentStart(opts.end, opts.experiment.days).getTime() ? opts.experiment : null;
    const variant = exp ? exp.variants[v % 2] : null;
    const lift = (i: number) => (exp && variant === exp.variants[1] && i === steps.length - 2 ? 1 + exp.lastStepUplift : 1);
    const emit = (name: string, extra: Partial<EventInput> = {}, entry = false) => {
      if (time >= stop) return;
      batch.push({
        ...base,
        userId,
        time: new Date(time),
        name,
        messageId: `${anon}-${n++}`,
        source: entry ? src.source : null,
        medium: entry ? src.medium : null,
        campaign: entry ? (src.campaign ?? null) : null,
        referrerDomain: entry && src.referrer ? new URL(src.referrer).hostname.replace(/^www\./, "") : null,
        ...extra,
        ...(entry && exp && variant ? { properties: { ...(extra.properties ?? {}), [exp.property]: variant } } : {}),
      });
      time += Math.round(r.exp(3) * MIN) + 15_000;
    };
    const stepEvent = (i: number, entry = false) => {
      const s = steps[i];
      const props: Record<string, unknown> = { ...(s.where ?? {}) };
      const isMacro = i === steps.length - 1;
      const revenue =
        isMacro && t.demo.orderValue
          ? Math.round((t.demo.orderValue[0] + r.next() * (t.demo.orderValue[1] - t.demo.orderValue[0])) * 100) / 100
          : null;
      if (revenue !== null) props.revenue = revenue;
      // Pages come from the template's example paths for the step (each matches the step's pattern).
      const paths = t.demo.stepPaths[i];
      const path = paths?.length ? r.pick(paths) : s.event === "pageview" ? r.pick(["/", "/", r.pick(t.demo.blogPaths)]) : null;
      emit(s.event, { path, properties: props, revenue }, entry);
    };

    // Some visitors are known by age (from a login or a CRM): identify with traits, as a client would.
    if (r.chance(0.6)) emit("identify", { traits: { age_group: age }, ageGroup: age }, false);
    stepEvent(0, true);
    if (opts.extraPageviews) {
      const extra = r.int(0, Math.round(opts.extraPageviews * 2));
      for (let i = 0; i < extra; i++) emit("pageview", { path: r.pick(t.demo.blogPaths) });
    }
    let reached = 0;
    const walk = () => {
      while (reached < steps.length - 1 && r.chance(Math.min(0.95, t.demo.continue[reached] * multiplier * damp * lift(reached)))) {
        reached++;
        for (const m of t.demo.micro)
          if (m.afterStep === reached - 1 && r.chance(m.chance)) emit(m.event, { path: m.path ?? null, properties: m.properties ?? {} });
        stepEvent(reached);
      }
    };
    walk();
    // Dropped after showing interest: some come back days later and finish on a later visit.
    if (reached > 0 && reached < steps.length - 1 && r.chance(RETURN_CHANCE)) {
      time += r.int(1, 5) * DAY;
      emit("pageview", { path: "/" }, true);
      walk();
    }
    if (reached === steps.length - 1) {
      userId = `customer-${opts.seed}-${v}`;
      emit("identify", { traits: { age_group: age, email: `${userId}@example.nl` }, ageGroup: age });
      if (r.chance(t.demo.repeat)) {
        time += r.int(7, 30) * DAY;
        stepEvent(steps.length - 1);
      }
    }
    if (batch.length && (v + 1) % batchVisitors === 0) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
