import { sql, type SQL } from "drizzle-orm";
import type { ProjectScope } from "../../tenant";
import type { FunnelStepDefinition, SegmentField } from "../../../lib/funnel/types";
import type { TrendUnit } from "../../../lib/funnel/periods";
import { beyondName, filterCondition, fieldExpression, needsPersons, matcherNames, NONE, SEGMENT_COLUMNS } from "./fragments";

/**
 * The engine's candidate rows, one result row per person (README.md beside this file, "Algorithm"):
 * `p` the person id, `r` their candidate events as text, `time,id,steps,flags[,exclusions][,day][,segment]` per
 * event separated by `;` (time in ms after `from`; exclusions only when the definition has some or the run
 * groups by day, the day only when it groups by period or for facts, the segment's id only for facts; in no particular order: `parsePerson` orders them by time, then receipt), and, when
 * asked, the entries' text groups (`g`), sources (`s`) and the held values (`h0`…) as JSON arrays parallel
 * to `r` (JSON, not text arrays: postgres.js reads a NULL element of a text array as the string "NULL").
 * One aggregate per person instead of one row per event: the rows' transfer and parsing cost the
 * previous engine more than its SQL, and the database no longer sorts millions of rows by person.
 */

/** Flag bits of an event in `r`. */
export const ENTRY = 1;
export const REAL = 2;

/** Step names that are not events for `strict` (identify, alias and group calls are stored under these names). */
export const NOT_REAL_EVENTS = ["identify", "alias", "group"];

/** What a run groups entries by: a field's raw value and/or a local period (either may be absent), or the facts' day and segment. */
export type RunGrouping = {
  field?: SegmentField;
  period?: { unit: TrendUnit; timeZone: string };
  facts?: { timeZone: string };
};

export type CandidateQuery = {
  steps: FunnelStepDefinition[];
  windowSeconds: number;
  order?: "ordered" | "strict" | "any";
  exclusions?: { event: string | string[] }[];
  hold?: SegmentField[];
  from: Date;
  to: Date;
  filters?: Partial<Record<SegmentField, string[]>>;
};

export type CandidateOptions = {
  entrySource?: boolean;
  personCondition?: SQL;
  sampleBuckets?: number;
};

/**
 * A segment's id: a 64-bit hash of an event's nine segment fields (funnel_segments.id, facts.ts),
 * the exclusive or of each field's own hash (`hashtextextended` with the field's position as its
 * seed; a missing field as that position, so that missing and empty differ). Two combinations that
 * differ in any field then share an id with a chance of 2^-64, about 3 × 10^-8 for any two of a
 * project's combinations even at a million of them. It is computed for every event a facts run
 * reads: the hash of one text of the nine fields' lengths and values that it replaced (migration
 * 0021) cost 1.8 µs an event, over a third of a build reader's statement, this one 0.46 µs
 * (EXPLAIN ANALYZE over the benchmark's 9.5 million events; README.md beside this file).
 */
export function segmentIdSql(alias = "e"): SQL {
  const parts = Object.values(SEGMENT_COLUMNS).map((c, i) => `coalesce(hashtextextended(${alias}.${c}, ${i + 1}), ${i + 1})`);
  return sql.raw(`(${parts.join(" # ")})`);
}

/**
 * The SQL of a held field's value on event `e` (null when missing or null): for `prop:` fields the
 * JSON value's text, so that 1 and "1" differ (as they do for `is`) and equal values are equal texts
 * (jsonb writes objects' keys in one order; a number without trailing zeros, so 1.0 is 1).
 */
function heldValue(field: SegmentField): SQL {
  if (!field.startsWith("prop:")) return fieldExpression(field);
  const v = sql`(e.properties -> ${field.slice(5)})`;
  return sql`(case jsonb_typeof(${v}) when 'null' then null when 'number' then trim_scale(${v}::numeric)::text else ${v}::text end)`;
}

const list = (xs: string[]) =>
  sql.join(
    xs.map((n) => sql`${n}`),
    sql`, `,
  );

/**
 * The matchers that accept each event name, with what each asks beyond the name (null: nothing).
 * A matcher that asks more and accepts several names is left out (`apart`): repeating what it asks
 * under each of its names would repeat its conditions' SQL and parameters as often (30 steps of 20
 * names and ten 50-value conditions each came to more parameters than PostgreSQL takes), so it is
 * tested once, on its own (bits, anyMatch).
 */
function byName(ms: FunnelStepDefinition[]): {
  names: Map<string, { i: number; rest: SQL | null }[]>;
  apart: { i: number; names: string[]; rest: SQL }[];
} {
  const names = new Map<string, { i: number; rest: SQL | null }[]>();
  const apart: { i: number; names: string[]; rest: SQL }[] = [];
  ms.forEach((m, i) => {
    const rest = beyondName(m);
    const accepted = [...new Set(matcherNames(m))];
    if (rest && accepted.length > 1) return void apart.push({ i, names: accepted, rest });
    for (const n of accepted) {
      const list = names.get(n) ?? [];
      list.push({ i, rest });
      names.set(n, list);
    }
  });
  return { names, apart };
}

/**
 * The bitmask of the matchers event `e` matches (bit i: matcher i), as one CASE on its name: a
 * name's matchers that ask nothing more as a constant, the others each tested for what they ask
 * beyond the name. One name comparison per WHEN tried instead of one CASE per matcher, each
 * comparing the name again (EXPLAIN ANALYZE of a slice of the 5-step template: 7 % of the
 * statement; 12 % with the filter's anyMatch). Matchers kept apart (byName) add their own test.
 */
function bits(ms: FunnelStepDefinition[]): SQL {
  if (!ms.length) return sql`0`;
  const { names, apart } = byName(ms);
  const whens = [...names].map(([name, list]) => {
    const constant = list.filter((x) => !x.rest).reduce((b, x) => b | (1 << x.i), 0);
    const tested = list.filter((x) => x.rest).map((x) => sql`(case when ${x.rest} then ${1 << x.i} else 0 end)`);
    const parts = [...(constant || !tested.length ? [sql.raw(String(constant))] : []), ...tested];
    return sql`when ${name} then ${sql.join(parts, sql` | `)}`;
  });
  const byNames = whens.length ? [sql`(case e.name ${sql.join(whens, sql` `)} else 0 end)`] : [];
  const alone = apart.map((x) => sql`(case when e.name in (${list(x.names)}) and ${x.rest} then ${1 << x.i} else 0 end)`);
  return sql`(${sql.join([...byNames, ...alone], sql` | `)})`;
}

/**
 * Whether event `e` matches one of the matchers, for an event whose name one of them accepts: null
 * when every such name needs nothing more (the caller's name list says it all), else a CASE on the
 * name with what that name's matchers ask beyond it (and the matchers kept apart, each once).
 */
function anyMatch(ms: FunnelStepDefinition[]): SQL | null {
  const { names, apart } = byName(ms);
  const free = new Set([...names].filter(([, list]) => list.some((x) => !x.rest)).map(([n]) => n));
  const asked = apart.filter((x) => x.names.some((n) => !free.has(n)));
  if ([...names.keys()].every((n) => free.has(n)) && !asked.length) return null;
  const whens = [...names].map(([name, list]) => {
    const cond = free.has(name)
      ? sql`true`
      : sql.join(
          list.map((x) => sql`(${x.rest})`),
          sql` or `,
        );
    return sql`when ${name} then ${cond}`;
  });
  const parts = [
    ...(whens.length ? [sql`(case e.name ${sql.join(whens, sql` `)} else false end)`] : []),
    ...asked.map((x) => sql`(e.name in (${list(x.names)}) and ${x.rest})`),
  ];
  return sql`(${sql.join(parts, sql` or `)})`;
}

/** Event `e`'s name is one the matchers accept. */
const namedBy = (ms: FunnelStepDefinition[]) => sql`e.name in (${list([...new Set(ms.flatMap(matcherNames))])})`;

/** Whether event `e` matches one of the matchers (anyMatch's CASE, or their names when that says it all). */
const matchesOne = (ms: FunnelStepDefinition[]): SQL => (ms.length ? (anyMatch(ms) ?? namedBy(ms)) : sql`false`);

/** The per-person statement of a run (see the module comment). */
export function personEventsStatement(scope: ProjectScope, q: CandidateQuery, grouping: RunGrouping, opts: CandidateOptions): SQL {
  const order = q.order ?? "ordered";
  const strict = order === "strict";
  const exclusions = q.exclusions ?? [];
  const matchers = [...q.steps, ...exclusions] as FunnelStepDefinition[];
  const hold = q.hold ?? [];
  const fields = [...Object.keys(q.filters ?? {}), grouping.field, ...hold];
  const persons = needsPersons(fields) ? sql`left join persons p on p.project_id = e.project_id and p.person_id = e.person_id` : sql``;
  const until = new Date(q.to.getTime() + q.windowSeconds * 1000);
  const entry = sql`(e.time < ${q.to.toISOString()}::timestamptz and ${filterCondition(q.filters)})`;
  const real = sql`(e.name not in (${list(NOT_REAL_EVENTS)}))`;
  const flags = strict
    ? sql`(case when ${entry} then ${ENTRY} else 0 end) | (case when ${real} then ${REAL} else 0 end)`
    : sql`(case when ${entry} then ${ENTRY} else 0 end)`;
  const localDays = grouping.period?.timeZone ?? grouping.facts?.timeZone;
  const day = localDays ? sql`case when ${entry} then (e.time at time zone ${localDays})::date - date '2000-01-01' else 0 end` : null;
  // The facts' group of an entry: its local day and its segment's id (the segments' texts are written once, factsUpkeep.ts).
  const segment = grouping.facts ? sql`case when ${entry} then ${segmentIdSql()} else 0 end` : null;
  const textGroup: SQL | null = grouping.field ? sql`coalesce(${fieldExpression(grouping.field)}, ${NONE})` : null;
  const extra: SQL[] = [];
  const aggs: SQL[] = [];
  if (textGroup) {
    extra.push(sql`, case when ${entry} then ${textGroup} end as g`);
    aggs.push(sql`, json_agg(c.g) as g`);
  }
  if (opts.entrySource) {
    extra.push(sql`, case when ${entry} then e.utm_source end as s`);
    aggs.push(sql`, json_agg(c.s) as s`);
  }
  hold.forEach((f, i) => {
    extra.push(sql`, ${heldValue(f)} as ${sql.raw(`h${i}`)}`);
    aggs.push(sql`, json_agg(c.${sql.raw(`h${i}`)}) as ${sql.raw(`h${i}`)}`);
  });
  const only = opts.personCondition ? sql`and ${opts.personCondition}` : sql``;
  const sample = opts.sampleBuckets && opts.sampleBuckets > 1 ? sql`and (hashtext(e.person_id) & ${opts.sampleBuckets - 1}) = 0` : sql``;
  // Ordered: after `to` an event that matches only step 1 can neither start a chain (not an entry) nor continue one.
  const later = [...q.steps.slice(1), ...exclusions] as FunnelStepDefinition[];
  const tail = order === "ordered" ? sql`and (e.time < ${q.to.toISOString()}::timestamptz or ${matchesOne(later)})` : sql``;
  // The names as a list (what an index or partition scan can use), then anything more they ask.
  const beyond = anyMatch(matchers);
  const which = strict ? sql`and ${real}` : sql`and ${namedBy(matchers)} ${beyond ? sql`and ${beyond}` : sql``} ${tail}`;
  // Time in whole ms (events are stored with ms precision: every writer stores a JavaScript Date), after
  // `from` (fewer digits to build, send and parse); exclusions and the day only when they can be non-zero.
  const numbers = [
    sql`round(date_part('epoch', e.time) * 1000)::bigint - ${String(q.from.getTime())}::bigint`,
    sql`e.id`,
    bits(q.steps),
    flags,
    ...(exclusions.length || day ? [bits(exclusions as FunnelStepDefinition[])] : []),
    ...(day ? [day] : []),
    ...(segment ? [segment] : []),
  ];
  // A facts run (a build's slice: PostgreSQL expects few people in it and sorts) groups people by
  // their ids in the "C" collation, whatever the database's: one reader of a build took 25.3 s in
  // "C" and 37.5 s in nl-NL (ICU), whose comparisons cost more and get no abbreviated keys. The
  // grouping is the same (ids are equal only when their bytes are). Not for the engine's runs,
  // which hash: there the collation tipped one plan to a slower sort (7.4 s against 6.4 s).
  const person = grouping.facts ? sql`e.person_id collate "C"` : sql`e.person_id`;
  return sql`select c.p, string_agg(c.r, ';') as r${sql.join(aggs, sql``)} from (
    select ${person} as p,
      concat_ws(',', ${sql.join(numbers, sql`, `)}) as r
      ${sql.join(extra, sql``)}
    from events e ${persons}
    where e.project_id = ${scope.projectId}::uuid and e.time >= ${q.from.toISOString()}::timestamptz and e.time < ${until.toISOString()}::timestamptz
      ${which} ${only} ${sample}
  ) c group by c.p`;
}

/** A segment id's lower part in parsePerson: its last nine decimal digits. */
const LOW_DIGITS = 9;

/** A segment id as parsePerson keeps it (segHi, segLo), as the decimal text PostgreSQL writes. */
export function segmentIdText(segHi: number, segLo: number): string {
  const high = segHi < 0 ? -1 - segHi : segHi;
  const digits = high > 0 ? `${high}${String(segLo).padStart(LOW_DIGITS, "0")}` : String(segLo);
  return segHi < 0 ? `-${digits}` : digits;
}

/** One person's events, parsed and sorted (shared buffers, reused between people). */
export type PersonEvents = {
  n: number;
  t: Float64Array;
  id: Float64Array;
  steps: Int32Array;
  excl: Int32Array;
  flags: Int32Array;
  day: Int32Array;
  /**
   * the segment's 64-bit id (facts runs), exactly, as its sign and magnitude in two parts:
   * segLo = the magnitude's last nine decimal digits, segHi = the digits before them (−1 − that
   * when negative): both exact in a double, read without a division per digit
   */
  segHi: Float64Array;
  segLo: Float64Array;
  /** index into the row's arrays (g, s, h…) of event i after sorting */
  src: Int32Array;
};

let buf: PersonEvents = allocate(256);
/** the events as parsed, before sorting */
let raw: PersonEvents = allocate(256);

function allocate(n: number): PersonEvents {
  return {
    n: 0,
    t: new Float64Array(n),
    id: new Float64Array(n),
    steps: new Int32Array(n),
    excl: new Int32Array(n),
    flags: new Int32Array(n),
    day: new Int32Array(n),
    segHi: new Float64Array(n),
    segLo: new Float64Array(n),
    src: new Int32Array(n),
  };
}

/** `b` grown to hold at least `n` events, its first `keep` events kept. */
function grown(b: PersonEvents, n: number, keep: number): PersonEvents {
  const g = allocate(Math.max(n, b.t.length * 2));
  for (const key of ["t", "id", "steps", "excl", "flags", "day", "segHi", "segLo", "src"] as const) g[key].set(b[key].subarray(0, keep));
  return g;
}

/**
 * Parses a person's `r` into the shared buffers, sorted by (time, id); `from` is the run's start (ms),
 * which the times are relative to. Numbers are parsed by hand (digits and an optional minus sign): no
 * string is made per event. Events are read straight into place; only a person whose events came out
 * of order (about a quarter at the benchmark's 10 million events) is sorted afterwards.
 */
export function parsePerson(r: string, from: number): PersonEvents {
  let b = buf;
  let field = 0;
  let row = 0;
  let v = 0;
  let neg = false;
  let sorted = true;
  // The segment id (field 6) has up to 19 digits: read at its end, the digits before the last nine
  // (hi) and the last nine (lo), each exact in a double.
  let start = -1;
  const len = r.length;
  for (let i = 0; i <= len; i++) {
    const c = i < len ? r.charCodeAt(i) : 59;
    if (c >= 48 && c <= 57) {
      if (field !== 6) v = v * 10 + (c - 48);
      else if (start < 0) start = i;
      continue;
    }
    if (c === 45) {
      neg = true;
      continue;
    }
    const x = neg ? -v : v;
    if (field === 0) {
      if (row === b.t.length) buf = b = grown(b, row + 1, row);
      b.t[row] = from + x;
      b.excl[row] = 0;
      b.day[row] = 0;
      b.segHi[row] = 0;
      b.segLo[row] = 0;
    } else if (field === 1) {
      b.id[row] = x;
      if (row > 0 && (b.t[row] < b.t[row - 1] || (b.t[row] === b.t[row - 1] && x < b.id[row - 1]))) sorted = false;
    } else if (field === 2) b.steps[row] = x;
    else if (field === 3) b.flags[row] = x;
    else if (field === 4) b.excl[row] = x;
    else if (field === 5) b.day[row] = x;
    else {
      if (start < 0) start = i;
      const split = Math.max(start, i - LOW_DIGITS);
      let hi = 0;
      let lo = 0;
      for (let j = start; j < split; j++) hi = hi * 10 + (r.charCodeAt(j) - 48);
      for (let j = split; j < i; j++) lo = lo * 10 + (r.charCodeAt(j) - 48);
      b.segHi[row] = neg ? -1 - hi : hi;
      b.segLo[row] = lo;
      start = -1;
    }
    v = 0;
    neg = false;
    if (c === 44) field++;
    else {
      row++;
      field = 0;
    }
  }
  const n = row;
  b.n = n;
  if (sorted) {
    for (let i = 0; i < n; i++) b.src[i] = i;
    return b;
  }
  // Out of order: the events as read go to `raw`, and back into `buf` in order.
  if (raw.t.length < n) raw = allocate(b.t.length);
  const s = raw;
  for (const key of ["t", "id", "steps", "excl", "flags", "day", "segHi", "segLo"] as const) s[key].set(b[key].subarray(0, n));
  sortIndices(s, n, b.src);
  const idx = b.src;
  for (let i = 0; i < n; i++) {
    const k = idx[i];
    b.t[i] = s.t[k];
    b.id[i] = s.id[k];
    b.steps[i] = s.steps[k];
    b.excl[i] = s.excl[k];
    b.flags[i] = s.flags[k];
    b.day[i] = s.day[k];
    b.segHi[i] = s.segHi[k];
    b.segLo[i] = s.segLo[k];
  }
  return b;
}

/** idx[0…n) = the events' indices in order of (t, id): insertion sort (rows come in storage order, nearly sorted), or a full sort when they are not. */
function sortIndices(s: PersonEvents, n: number, idx: Int32Array): void {
  const { t, id } = s;
  let moves = 0;
  const budget = 16 * n + 64;
  for (let i = 0; i < n; i++) {
    let j = i - 1;
    // while event i comes before idx[j]
    while (j >= 0 && (t[i] < t[idx[j]] || (t[i] === t[idx[j]] && id[i] < id[idx[j]]))) {
      idx[j + 1] = idx[j];
      j--;
      moves++;
    }
    idx[j + 1] = i;
    if (moves > budget) {
      const all = Array.from({ length: n }, (_, x) => x).sort((a, b) => s.t[a] - s.t[b] || s.id[a] - s.id[b]);
      for (let x = 0; x < n; x++) idx[x] = all[x];
      return;
    }
  }
}

const DAY_MS = 86400_000;
const EPOCH_2000 = Date.UTC(2000, 0, 1);

/** The period label (its first local day, YYYY-MM-DD) of a local day given as days since 2000-01-01: PostgreSQL's date_trunc on the local date. */
export function periodLabel(day: number, unit: TrendUnit): string {
  const d = new Date(EPOCH_2000 + day * DAY_MS);
  if (unit === "month") d.setUTCDate(1);
  else if (unit === "week") d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}
