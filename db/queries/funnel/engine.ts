import { sql, type SQL } from "drizzle-orm";
import type { ProjectScope } from "../../tenant";
import { connectionsOf, queryRows, type Db } from "../../client";
import { limitedStatements, spareHeavySlot, type StatementKind } from "../../limits";
import { InputError } from "../../../lib/errors";
import type {
  FunnelExclusion,
  FunnelOrder,
  FunnelStepDefinition,
  SegmentField,
  SegmentFilters,
  TimeToConvert,
} from "../../../lib/funnel/types";
import type { TrendUnit } from "../../../lib/funnel/periods";
import { timeToConvertDistribution, walkColumns, walkColumnsInto, walkOutput, type WalkDefinition } from "../../../lib/funnel/walk";
import {
  ENTRY,
  REAL,
  parsePerson,
  periodLabel,
  personEventsStatement,
  segmentIdText,
  type PersonEvents,
  type RunGrouping,
} from "./personEvents";

/**
 * The funnel engine: SQL selects a project's candidate rows (events that match a step or an
 * exclusion, or for `strict` every real event, in `[from, to + window)`) with each row's step and
 * exclusion bits, entry flag, held values and group evaluated in the database, ordered per person;
 * a cursor hands them over in bounded batches; the walk (lib/funnel/walk.ts) computes each person's
 * results per group of entries; they are kept as compact per-(person, group) rows and folded into
 * the answer's counts, medians and time to convert. README.md beside this file says why.
 */

/** A funnel definition as the engine takes it (DESIGN.md, "Funnel definitions"). */
export type EngineDefinition = {
  steps: FunnelStepDefinition[];
  windowSeconds: number;
  order?: FunnelOrder;
  exclusions?: FunnelExclusion[];
  hold?: SegmentField[];
};

export type StepCountsQuery = EngineDefinition & {
  from: Date;
  to: Date;
  filters?: SegmentFilters;
  /** false: visitors only, medians null (the trend needs no medians) */
  medians?: boolean;
  /**
   * group entries by a segment field (top `limit` values, the rest as "other"), or by day/week in
   * `timeZone` (funnel facts group by local entry day and segment: RunGrouping's `facts`)
   */
  groupBy?:
    | { kind: "field"; field: SegmentField; limit: number }
    | { kind: "period"; unit: TrendUnit; timeZone: string }
    /** funnel facts only: per value of `values` (the rest as "other") and period, as "value\u0001period" */
    | { kind: "fieldPeriod"; field: SegmentField; values: string[]; unit: TrendUnit; timeZone: string };
};

export type StepCountsRow = {
  group: string;
  step: number;
  visitors: number;
  medianFromStart: number | null;
  medianFromPrevious: number | null;
};

/**
 * The group of a breakdown's values beyond its top ones. It begins and ends with a control character
 * no tracker or UTM tag puts in a value (only a hand-made event could carry it): the readable
 * "__other__" it replaced merged a real value "__other__" into "Other".
 */
export const OTHER = "\u0002other\u0002";

/** Candidate rows one engine run may read; beyond it the request is refused (narrow the range or filters, or ask for the estimate). */
export const ENGINE_MAX_ROWS = 40_000_000;
/**
 * The most people an estimate reads in one statement: it aims at SAMPLE_TARGET_ROWS events (sample.ts),
 * so more people than four times that means the statistics were far off.
 */
const SAMPLE_PEOPLE_CAP = 600_000;
/**
 * A slice's hash_mem_multiplier (PostgreSQL's default is 2): with the funnel statements' work_mem of
 * 256 MB its per-person hash table may grow to 2 GB before it spills to disk (512 MB with the
 * default); at 10 million events a slice holds 0.2 GB (see runEngine).
 */
const SLICE_HASH_MEMORY = "8";
/** People per FETCH from the cursor (one row each, carrying all their candidate events): bounded memory per batch. */
const FETCH_PEOPLE = 5_000;

/** The walk's view of a definition. */
export function walkDefinition(def: EngineDefinition): WalkDefinition {
  const k = def.steps.length;
  let optionalMask = 0;
  def.steps.forEach((s, i) => {
    if (s.optional && i > 0 && i < k - 1) optionalMask |= 1 << i;
  });
  return {
    k,
    windowMs: def.windowSeconds * 1000,
    order: def.order ?? "ordered",
    optionalMask,
    withinMs: def.steps.map((s, i) => (i > 0 && s.within !== undefined && s.within !== null ? s.within * 1000 : Infinity)),
    exclusions: (def.exclusions ?? []).map((x) => [x.between[0], x.between[1]] as const),
    hold: def.hold?.length ?? 0,
  };
}

export type RunOptions = {
  /** also carry the entry's utm_source (the audience's entry source) */
  entrySource?: boolean;
  /** only the people whose `e.person_id` meets this condition (facts: changed persons, or one slice) */
  personCondition?: SQL;
  /** a deterministic sample: only people whose hash falls in 1 of `sampleBuckets` buckets (a power of two) */
  sampleBuckets?: number;
  kind?: StatementKind;
  /** the most candidate rows to read (ENGINE_MAX_ROWS) */
  maxRows?: number;
  /**
   * streams the results (facts builds): called after each FETCH with the pairs of the people it
   * completed and the run's transaction, then those pairs are dropped; runEngine returns no pairs
   */
  onBatch?: (pairs: PairRows, db: Db) => Promise<void>;
  /** run inside this transaction (facts upkeep: under its lock, with its deletes) instead of on scope.db */
  db?: Db;
  /**
   * all of the project's events (a facts build): read in storage order (a sequential or bitmap
   * scan), never along the persons index, whose order visits the heap at random when events are
   * stored as they arrive (at 10 million events: 55 s against 42 s for the whole statement, in psql)
   */
  wholeProject?: boolean;
};

/**
 * Separates a composite group's parts (field value, period; a facts run's day, segment id): a value
 * may hold it too (only NUL is refused at ingestion), so funnelResults splits at the last one.
 */
export const GROUP_SEP = "\u0001";
const SEP = GROUP_SEP;

/** The per-(person, group) results of a run, as parallel columns in person order. */
export type PairRows = {
  k: number;
  /** the group strings; a pair's `group` is an index into this */
  groups: string[];
  /**
   * the pair's person id; with entryTime and entrySource kept only for a run that reads people (an
   * audience's, with `entrySource`, and a facts run's, with `onBatch`), empty otherwise
   */
  person: string[];
  /** pair i belongs to the same person as pair i−1 */
  samePerson: boolean[];
  group: number[];
  level: number[];
  optional: number[];
  /** fastest ms to step j (index j−1) per pair: d[j-1][i], NaN when not reached */
  d: Float64Array[];
  /** per pair (kept as `person` is): its person's first entry's time (ms) and source (with `entrySource`) */
  entryTime: number[];
  entrySource: (string | null)[];
  /** candidate rows read */
  rows: number;
  /** people with candidate rows */
  people: number;
  /** how many slices of the people the run read at once (1, or 2 when the process had a connection to spare) */
  slices: number;
};

type Row = { p: string; r: string; g?: (string | null)[]; s?: (string | null)[] } & Record<string, unknown>;

/** The held values of a row's events as track ids (walk-columns.ts: equal ids for equal tuples, 0 when one is missing). */
function fillTracks(track: Int32Array, row: Row, ev: PersonEvents, hold: number): void {
  const cols = Array.from({ length: hold }, (_, h) => row[`h${h}`] as (string | null)[]);
  const ids = new Map<string, number>();
  for (let i = 0; i < ev.n; i++) {
    const src = ev.src[i];
    let key = "";
    let missing = false;
    for (let h = 0; h < hold; h++) {
      const v = cols[h][src];
      if (v === null || v === undefined) {
        missing = true;
        break;
      }
      key += hold === 1 ? v : `${v.length}:${v}`;
    }
    if (missing) {
      track[i] = 0;
      continue;
    }
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size + 1));
    track[i] = id;
  }
}

/**
 * Runs the engine: the people's candidate events through a cursor (personEvents.ts), each person's
 * through walkColumnsInto, and returns the per-(person, group) results. One transaction with the
 * funnel statements' settings and time limit per FETCH; at most `maxRows` events (more is a 422
 * that says what to narrow).
 */
export async function runEngine(
  scope: ProjectScope,
  q: StepCountsQuery,
  grouping: RunGrouping = {},
  opts: RunOptions = {},
): Promise<PairRows> {
  const def = walkDefinition(q);
  const k = q.steps.length;
  const hold = q.hold?.length ?? 0;
  const anyOrder = def.order === "any";
  const maxRows = opts.maxRows ?? ENGINE_MAX_ROWS;
  const out: PairRows = {
    k,
    groups: [],
    person: [],
    samePerson: [],
    group: [],
    level: [],
    optional: [],
    d: [],
    entryTime: [],
    entrySource: [],
    rows: 0,
    people: 0,
    slices: 1,
  };
  const dCols: number[][] = Array.from({ length: k }, () => []);
  // A group id per (text group, local day): the group string is built once per distinct pair.
  const groupIds = new Map<string, Map<number, number>>();
  const period = grouping.period;
  // The last group asked for: most entries of a run (all, without a grouping) name the one before.
  let lastText: string | null | undefined;
  let lastDay = -1;
  let lastId = -1;
  const groupId = (text: string | null, day: number) => {
    if (text === lastText && day === lastDay) return lastId;
    const key = text ?? "";
    let byDay = groupIds.get(key);
    if (!byDay) groupIds.set(key, (byDay = new Map()));
    let id = byDay.get(day);
    if (id === undefined) {
      id = out.groups.length;
      const parts = [...(text !== null ? [text] : []), ...(period ? [periodLabel(day, period.unit)] : [])];
      out.groups.push(parts.join(SEP));
      byDay.set(day, id);
    }
    lastText = text;
    lastDay = day;
    return (lastId = id);
  };
  // Facts runs: a group id per (segment id, local day), the segment id kept as parsePerson's two parts.
  const factsIds = new Map<number, Map<number, Map<number, number>>>();
  // As groupId: the last group asked for first (a person's events of a day mostly share a segment).
  let lastHi = NaN;
  let lastLo = NaN;
  let lastFactsDay = NaN;
  let lastFactsId = -1;
  const factsGroupId = (hi: number, lo: number, day: number) => {
    if (hi === lastHi && lo === lastLo && day === lastFactsDay) return lastFactsId;
    let byLo = factsIds.get(hi);
    if (!byLo) factsIds.set(hi, (byLo = new Map()));
    let byDay = byLo.get(lo);
    if (!byDay) byLo.set(lo, (byDay = new Map()));
    let id = byDay.get(day);
    if (id === undefined) {
      id = out.groups.length;
      out.groups.push(`${day}${SEP}${segmentIdText(hi, lo)}`);
      byDay.set(day, id);
    }
    lastHi = hi;
    lastLo = lo;
    lastFactsDay = day;
    return (lastFactsId = id);
  };
  const facts = grouping.facts !== undefined;
  // Counts read no person ids: a run that keeps none leaves them to be collected with their batch
  // (kept, the ids of 340,000 people lived on into the old generation: a tenth of Node's time in GC).
  const keepPeople = Boolean(opts.entrySource || opts.onBatch);
  const output = walkOutput();
  const fromMs = q.from.getTime();
  // The flag bits as locals: read per event, and an imported binding may be a getter call each time.
  const entryBit = ENTRY;
  const realBit = REAL;
  const person = (row: Row) => {
    const ev = parsePerson(row.r, fromMs);
    const n = ev.n;
    out.rows += n;
    if (out.rows > maxRows)
      throw new InputError(
        `This funnel reads more than ${maxRows.toLocaleString("en")} events. Narrow the date range or add filters, or ask for an estimate ("sample": true).`,
        undefined,
        422,
      );
    out.people++;
    const c = walkColumns(n);
    let first = -1;
    for (let i = 0; i < n; i++) {
      const f = ev.flags[i];
      const entry = f & entryBit;
      c.t[i] = ev.t[i];
      c.steps[i] = ev.steps[i];
      c.excl[i] = ev.excl[i];
      c.entry[i] = entry;
      c.real[i] = (f & realBit) >> 1;
      c.group[i] = !entry
        ? 0
        : facts
          ? factsGroupId(ev.segHi[i], ev.segLo[i], ev.day[i])
          : groupId(row.g ? (row.g[ev.src[i]] ?? null) : null, ev.day[i]);
      if (keepPeople && entry && first < 0 && (anyOrder ? ev.steps[i] !== 0 : (ev.steps[i] & 1) === 1)) first = i;
    }
    if (hold) fillTracks(c.track, row, ev, hold);
    walkColumnsInto(c, def, output);
    for (let r = 0; r < output.count; r++) {
      if (keepPeople) {
        out.person.push(row.p);
        out.entryTime.push(first >= 0 ? ev.t[first] : NaN);
        out.entrySource.push(first >= 0 && row.s ? (row.s[ev.src[first]] ?? null) : null);
      }
      out.samePerson.push(r > 0);
      out.group.push(output.group[r]);
      out.level.push(output.level[r]);
      out.optional.push(output.optionalMask[r]);
      for (let j = 0; j < k; j++) {
        const f = output.fastest[r * 32 + j];
        dCols[j].push(f === Infinity ? NaN : f);
      }
    }
  };
  /** The pairs so far, then none (onBatch); the groups and counters stay. */
  const take = (): PairRows => {
    const pairs = { ...out, d: dCols.map((c) => Float64Array.from(c)) };
    if (opts.onBatch) {
      Object.assign(out, { person: [], samePerson: [], group: [], level: [], optional: [], entryTime: [], entrySource: [] });
      for (const c of dCols) c.length = 0;
    }
    return pairs;
  };
  const whole = () => personEventsStatement(scope, q, grouping, opts);
  if ((opts.sampleBuckets ?? 1) > 1 && !opts.onBatch) {
    // An estimate reads few people: in one plain statement, which PostgreSQL may scan with parallel
    // workers (a cursor never is), at most SAMPLE_PEOPLE_CAP of them; more than that (statistics far
    // off) go through the cursor below, with bounded memory.
    const rows = await withFunnelSettings(
      opts.db ?? scope.db,
      (t) => queryRows<Row>(t, sql`${whole()} limit ${SAMPLE_PEOPLE_CAP + 1}`),
      opts.kind,
      { max_parallel_workers_per_gather: "2" },
    );
    if (rows.length <= SAMPLE_PEOPLE_CAP) {
      for (const row of rows) person(row);
      return take();
    }
  }
  const settings: Record<string, string> = opts.wholeProject ? { enable_indexscan: "off" } : {};
  /** Set when a slice failed: the other stops at its next batch, and the first failure is thrown. */
  let failed: { cause: unknown } | null = null;
  const read = async (t: Db, rows: SQL) => {
    await t.execute(sql`declare funnel_rows no scroll cursor for ${rows}`);
    for (;;) {
      if (failed) throw new Error("funnel engine: the run's other slice failed");
      const batch = await queryRows<Row>(t, sql.raw(`fetch forward ${FETCH_PEOPLE} from funnel_rows`));
      if (!batch.length) break;
      for (const row of batch) person(row);
      if (opts.onBatch) await opts.onBatch(take(), t);
    }
    await t.execute(sql`close funnel_rows`);
    if (opts.onBatch) await opts.onBatch(take(), t);
  };
  // A run of its own (not in a caller's transaction, not streamed) reads its people in two slices
  // (by a hash of the person id) at once, each through its own cursor on its own connection, when
  // the process has a heavy-statement slot to spare right then: a cursor's statement never gets
  // parallel workers, and its aggregate runs before the first FETCH answers, so one run kept one
  // core busy while the other idled. Busy, the run reads in one piece (the slices would only take
  // turns on the cores). The slices' people are disjoint and each person's pairs stay together, so
  // they fill one result as a single cursor would. README.md beside this file, "Two slices".
  // Not an estimate that came here (too many people for one statement): its hash condition keeps
  // only people whose hash has bit 0 clear, so one slice would be empty.
  const canSlice = !opts.db && !opts.onBatch && (opts.sampleBuckets ?? 1) <= 1 && connectionsOf(scope.db) > 2;
  const slice = (i: number): SQL => {
    const own = sql`(hashtext(e.person_id) & 1) = ${i}`;
    const personCondition = opts.personCondition ? sql`(${opts.personCondition}) and ${own}` : own;
    return personEventsStatement(scope, q, grouping, { ...opts, personCondition });
  };
  await withFunnelSettings(
    opts.db ?? scope.db,
    async (t) => {
      const spare = canSlice ? spareHeavySlot() : null;
      if (!spare) return read(t, whole());
      out.slices = 2;
      const fail = (err: unknown) => {
        failed ??= { cause: err };
      };
      // A slice's condition on a hash of the person id makes PostgreSQL expect a few hundred people,
      // and it sorts them rather than hash: each slice then took as long as the whole statement
      // (4.7 s against 4.9 s). Hashing, the two took 2.8 s at once (README.md, "Two slices").
      // PostgreSQL takes a per-person string_agg's or json_agg's state for 8 kB (about seven times
      // what it holds here) and stops adding people to the hash table when that many would fill
      // hash memory: with the default multiplier a slice of 171,579 people spilled to disk after 77 MB
      // (85 MB written). SLICE_HASH_MEMORY lets it hold them (203 MB; README.md, "A slice's hash memory").
      const hashed = sql`select set_config('enable_sort', 'off', true), set_config('hash_mem_multiplier', ${SLICE_HASH_MEMORY}, true)`;
      const other = withFunnelSettings(
        scope.db,
        async (t2) => {
          await t2.execute(hashed);
          await read(t2, slice(1));
        },
        opts.kind,
        settings,
        spare,
      ).catch(fail);
      await t
        .execute(hashed)
        .then(() => read(t, slice(0)))
        .catch(fail);
      await other;
      if (failed) throw failed.cause;
    },
    opts.kind,
    settings,
  );
  return opts.onBatch ? out : take();
}

/**
 * Runs one funnel statement (or a cursor's statements) with the settings it needs: memory to sort
 * without spilling to disk, no JIT compilation (~150 ms per statement that these queries never win
 * back), and no parallel workers (a dashboard request runs several statements at once; on 2 cores
 * their workers only got in each other's way; an estimate's one statement asks for them: runEngine).
 * Each statement may take at most the limit of `kind` (db/limits.ts), and holds a heavy-statement slot.
 * `extra` adds or overrides settings; `slot`, one already held (spareHeavySlot), is released at the end.
 */
export async function withFunnelSettings<T>(
  db: Db,
  fn: (db: Db) => Promise<T>,
  kind: StatementKind = "heavyMs",
  extra: Record<string, string> = {},
  slot?: () => void,
): Promise<T> {
  // cursor_tuple_fraction 1: the engine's cursor reads every row, and PostgreSQL's default (0.1) plans a
  // cursor for its first rows: at 10 million events in arrival order that plan took 37.8 s where the
  // plan for all rows took 10.0 s (the same statement, DECLARE and MOVE ALL in psql).
  return limitedStatements(
    db,
    kind,
    fn,
    {
      work_mem: "256MB",
      jit: "off",
      max_parallel_workers_per_gather: "0",
      cursor_tuple_fraction: "1",
      ...extra,
    },
    slot,
  );
}

/** The nearest required step before step j (1-based), for "from previous" (DESIGN.md: relative to the nearest required step). */
export function previousRequired(j: number, optionalMask: number): number {
  let p = j - 1;
  while (p > 1 && optionalMask & (1 << (p - 1))) p--;
  return p;
}

/** PostgreSQL's percentile_cont on sorted values. */
function percentileCont(sorted: Float64Array | number[], p: number): number | null {
  const n = sorted.length;
  if (!n) return null;
  const pos = p * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** One folded person's results in a key (max level, OR of optional bits, min of fastest times). */
type Folded = { level: number; optional: number; d: Float64Array };

/** Counts and medians of one key of a fold. */
class KeyStats {
  visitors: number[];
  fromStart: number[][];
  fromPrevious: number[][];
  ttc: number[] = [];
  constructor(k: number) {
    this.visitors = new Array<number>(k).fill(0);
    this.fromStart = Array.from({ length: k }, () => []);
    this.fromPrevious = Array.from({ length: k }, () => []);
  }
}

export type FoldOptions = {
  medians: boolean;
  optionalMask: number;
  /** time to convert between these 1-based required steps, per key */
  timeToConvert?: { from: number; to: number };
};

/**
 * Folds pairs into keys: `key(groupIndex)` names the key a pair counts in (null: nowhere); a
 * person's pairs in one key combine (best attempt over their entries), then count once.
 */
export function foldPairs(pairs: PairRows, key: (group: number) => string | null, opts: FoldOptions): Map<string, KeyStats> {
  const k = pairs.k;
  const stats = new Map<string, KeyStats>();
  let person = new Map<string, Folded>();
  const emit = () => {
    for (const [name, f] of person) {
      let s = stats.get(name);
      if (!s) stats.set(name, (s = new KeyStats(k)));
      for (let j = 1; j <= k; j++) {
        const optional = (opts.optionalMask & (1 << (j - 1))) !== 0;
        const reached = optional ? (f.optional & (1 << (j - 1))) !== 0 : f.level >= j;
        if (!reached) continue;
        s.visitors[j - 1]++;
        if (opts.medians && j > 1) {
          const dj = f.d[j - 1];
          s.fromStart[j - 1].push(dj);
          if (j > 2) s.fromPrevious[j - 1].push(dj - f.d[previousRequired(j, opts.optionalMask) - 1]);
        }
      }
      const tc = opts.timeToConvert;
      if (tc && f.level >= tc.to) s.ttc.push(f.d[tc.to - 1] - (tc.from === 1 ? 0 : f.d[tc.from - 1]));
    }
    person = new Map();
  };
  const keys = pairs.groups.map((_, g) => key(g));
  for (let i = 0; i < pairs.level.length; i++) {
    if (!pairs.samePerson[i]) emit();
    const name = keys[pairs.group[i]];
    if (name === null) continue;
    const f = person.get(name);
    if (!f) {
      const d = new Float64Array(k);
      for (let j = 0; j < k; j++) d[j] = pairs.d[j][i];
      person.set(name, { level: pairs.level[i], optional: pairs.optional[i], d });
    } else {
      f.level = Math.max(f.level, pairs.level[i]);
      f.optional |= pairs.optional[i];
      for (let j = 0; j < k; j++) {
        const v = pairs.d[j][i];
        if (!Number.isNaN(v) && !(f.d[j] <= v)) f.d[j] = v;
      }
    }
  }
  emit();
  return stats;
}

/** Step-count rows (the shape every caller reads) from a fold's stats. */
export function statsRows(stats: Map<string, KeyStats>, k: number, medians: boolean): StepCountsRow[] {
  const rows: StepCountsRow[] = [];
  const median = (xs: number[]) => {
    if (!xs.length) return null;
    const s = Float64Array.from(xs).sort();
    return percentileCont(s, 0.5)! / 1000;
  };
  // In order of group, not of the people who first named each (which a run read in slices varies).
  const groups = [...stats.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const group of groups) {
    const s = stats.get(group)!;
    for (let j = 1; j <= k; j++) {
      const visitors = s.visitors[j - 1];
      const fromStart = !medians ? null : j === 1 ? (visitors > 0 ? 0 : null) : median(s.fromStart[j - 1]);
      rows.push({
        group,
        step: j,
        visitors,
        medianFromStart: fromStart,
        medianFromPrevious: j <= 2 ? fromStart : median(s.fromPrevious[j - 1]),
      });
    }
  }
  return rows;
}

/** The time-to-convert block from a key's times (ms). */
export function timeToConvertOf(stats: KeyStats | undefined, from: number, to: number): TimeToConvert {
  return timeToConvertDistribution(stats?.ttc ?? [], from, to);
}

/** The top `limit` values of a field by step-1 visitors (ties by value), from a fold by raw value. */
export function topValues(byValue: Map<string, KeyStats>, limit: number): Set<string> {
  return new Set(
    [...byValue.entries()]
      .filter(([, s]) => s.visitors[0] > 0)
      .sort(([a, x], [b, y]) => y.visitors[0] - x.visitors[0] || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, limit)
      .map(([v]) => v),
  );
}

/**
 * Per-step visitor counts of a funnel, per group (the interface every caller of the engine had):
 * one engine run, folded by the query's grouping. See README.md beside this file.
 */
export async function funnelStepCounts(scope: ProjectScope, q: StepCountsQuery, opts: RunOptions = {}): Promise<StepCountsRow[]> {
  const medians = q.medians !== false;
  const optionalMask = walkDefinition(q).optionalMask;
  const gb = q.groupBy;
  if (gb?.kind === "fieldPeriod") throw new Error("fieldPeriod groups are read from funnel facts only");
  const grouping: RunGrouping =
    gb?.kind === "field" ? { field: gb.field } : gb?.kind === "period" ? { period: { unit: gb.unit, timeZone: gb.timeZone } } : {};
  const pairs = await runEngine(scope, q, grouping, opts);
  if (gb?.kind === "field") {
    const byValue = foldPairs(pairs, (g) => pairs.groups[g], { medians: false, optionalMask });
    const top = topValues(byValue, gb.limit);
    const stats = foldPairs(pairs, (g) => (top.has(pairs.groups[g]) ? pairs.groups[g] : OTHER), { medians, optionalMask });
    return statsRows(stats, q.steps.length, medians);
  }
  const stats = foldPairs(pairs, (g) => (gb ? pairs.groups[g] : ""), { medians, optionalMask });
  return statsRows(stats, q.steps.length, medians);
}
