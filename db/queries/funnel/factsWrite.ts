import { sql, type SQL } from "drizzle-orm";
import { GROUP_SEP, type PairRows } from "./engine";
import { gapColumn, SEGMENT_PARTS } from "./facts";

/**
 * Fact rows from the engine's walk (factsUpkeep.ts runs the engine over all of a person's entries,
 * grouped by local entry day and entry segment, and streams its pairs here): one row per (person,
 * group) that starts anything, with its level, optional steps and fastest times exactly as the
 * engine folds them, plus the `solo` bits, `gap_*` and `day_*` columns (README.md beside this file,
 * "Breakdowns"), which are computed here from all of a person's rows: the engine hands over a
 * person's pairs together.
 */

/** A group of a facts run, parsed: its local day and segment. */
type FactsGroup = { day: number; segment: string; values: (string | null)[] };

/** Fact rows waiting to be inserted, as parallel columns. */
export class FactRowsBuffer {
  readonly parts = SEGMENT_PARTS.length;
  /** segment id (decimal text) per row */
  segment: string[] = [];
  person: string[] = [];
  level: number[] = [];
  opt: number[] = [];
  solo: number[] = [];
  /** gap[f][row]: days since the person's previous row with the same value of field f (f = parts: any segment), or null */
  gap: (number | null)[][];
  /** the person's furthest level that day (all its rows of the day), and the optional steps of the day's rows that reached step 2 */
  dayLevel: number[] = [];
  dayOpt: number[] = [];
  /** d[j-2][row]: fastest ms to step j, NaN when not reached */
  d: number[][];
  /** local day numbers (days since 2000-01-01) of the rows, to write them in day order */
  day: number[] = [];
  private parsed: (FactsGroup | undefined)[] = [];

  /**
   * `segments`: the segment fields' values by segment id (factsUpkeep.ts loads them from
   * funnel_segments before a batch is added).
   */
  constructor(
    readonly k: number,
    readonly withOptional: boolean,
    readonly segments: Map<string, (string | null)[]>,
  ) {
    this.gap = Array.from({ length: this.parts + 1 }, () => []);
    this.d = Array.from({ length: k - 1 }, () => []);
  }

  get size(): number {
    return this.person.length;
  }

  /** A group's day and segment (parsed once per group of the run): "day\u0001segment id", as runEngine names it. */
  private groupOf(groups: string[], g: number): FactsGroup {
    let p = this.parsed[g];
    if (!p) {
      const [day, segment] = factsGroupParts(groups[g]);
      const values = this.segments.get(segment);
      if (!values) throw new Error(`funnel facts: segment ${segment} is not in funnel_segments`);
      p = this.parsed[g] = { day, segment, values };
    }
    return p;
  }

  /** Adds the rows of a batch of pairs (whole persons: runEngine's onBatch). */
  add(pairs: PairRows): void {
    const n = pairs.level.length;
    let start = 0;
    while (start < n) {
      let end = start + 1;
      while (end < n && pairs.samePerson[end]) end++;
      this.addPerson(pairs, start, end);
      start = end;
    }
  }

  private addPerson(pairs: PairRows, start: number, end: number): void {
    const rows: { i: number; g: FactsGroup }[] = [];
    for (let i = start; i < end; i++) if (pairs.level[i] > 0) rows.push({ i, g: this.groupOf(pairs.groups, pairs.group[i]) });
    // Rows in order of day, then segment: what gap_* count back along.
    rows.sort((a, b) => a.g.day - b.g.day || (a.g.segment < b.g.segment ? -1 : a.g.segment > b.g.segment ? 1 : 0));
    const n = rows.length;
    // Few rows (most people): compare them pairwise; many (a bot): one map per field.
    const many =
      n > 12
        ? Array.from({ length: this.parts }, () => ({ count: new Map<string | null, number>(), last: new Map<string | null, number>() }))
        : null;
    if (many) for (const r of rows) many.forEach((m, f) => m.count.set(r.g.values[f], (m.count.get(r.g.values[f]) ?? 0) + 1));
    // The day's level and optional steps over the person's rows of the day, as groupCounts would combine them: what
    // dayTrendCounts (factsCounts.ts) counts a person's day with.
    for (let x = 0; x < n;) {
      let end = x;
      let level = 0;
      let opt = 0;
      for (; end < n && rows[end].g.day === rows[x].g.day; end++) {
        const i = rows[end].i;
        level = Math.max(level, pairs.level[i]);
        if (pairs.level[i] >= 2) opt |= pairs.optional[i];
      }
      for (; x < end; x++) {
        this.dayLevel.push(level);
        this.dayOpt.push(opt);
      }
    }
    for (let x = 0; x < n; x++) {
      const { i, g } = rows[x];
      let solo = 0;
      for (let f = 0; f < this.parts; f++) {
        const v = g.values[f];
        let prev = -1;
        let others = false;
        if (many) {
          others = many[f].count.get(v)! > 1;
          prev = many[f].last.get(v) ?? -1;
          many[f].last.set(v, x);
        } else {
          for (let y = 0; y < n; y++) {
            if (y === x || rows[y].g.values[f] !== v) continue;
            others = true;
            if (y < x) prev = y;
          }
        }
        if (!others) solo |= 1 << f;
        this.gap[f].push(prev < 0 ? null : g.day - rows[prev].g.day);
      }
      this.gap[this.parts].push(x === 0 ? null : g.day - rows[x - 1].g.day);
      this.solo.push(solo);
      this.segment.push(g.segment);
      this.day.push(g.day);
      this.person.push(pairs.person[i]);
      this.level.push(pairs.level[i]);
      this.opt.push(pairs.optional[i]);
      for (let j = 2; j <= this.k; j++) this.d[j - 2].push(pairs.d[j - 1][i]);
    }
  }

  /**
   * The statement that inserts the buffered rows (in day order, so that a range's rows share
   * pages), then empties the buffer. Values travel as array literals, one parameter per column.
   */
  take(projectId: string, factsId: number): SQL {
    const order = dayOrder(this.day);
    const ints = (col: (number | string | null)[]) => intsLiteral(col, order);
    const gaps = [...SEGMENT_PARTS, "person" as const].map(gapColumn);
    const ds = this.d.map((_, x) => sql.raw(`d${x + 2}`));
    const columns: [SQL, string, string][] = [
      [sql.raw("day"), ints(this.day), "int4"],
      [sql.raw("segment_id"), ints(this.segment), "int8"],
      [sql.raw("person_id"), textArray(Array.from(order, (r) => this.person[r])), "text"],
      [sql.raw("level"), ints(this.level), "int2"],
      [sql.raw("solo"), ints(this.solo), "int2"],
      ...gaps.map((c, f): [SQL, string, string] => [c, ints(this.gap[f]), "int2"]),
      [sql.raw("day_level"), ints(this.dayLevel), "int2"],
      ...(this.withOptional
        ? [
            [sql.raw("opt"), ints(this.opt), "int4"] as [SQL, string, string],
            [sql.raw("day_opt"), ints(this.dayOpt), "int4"] as [SQL, string, string],
          ]
        : []),
      ...ds.map((c, x): [SQL, string, string] => [c, ints(this.d[x]), "int8"]),
    ];
    const names = columns.map(([c]) => c);
    const statement = sql`insert into funnel_fact_rows (project_id, facts_id, ${sql.join(names, sql`, `)})
      select ${projectId}::uuid, ${factsId}::bigint, date '2000-01-01' + r.day, ${sql.join(
        names.slice(1).map((c) => sql`r.${c}`),
        sql`, `,
      )}
      from unnest(${sql.join(
        columns.map(([, literal, type]) => sql`${literal}::${sql.raw(type)}[]`),
        sql`, `,
      )}) with ordinality as r(${sql.join(names, sql`, `)}, n)
      order by r.n`;
    this.clear();
    return statement;
  }

  private clear(): void {
    for (const col of [
      this.segment,
      this.person,
      this.level,
      this.opt,
      this.solo,
      this.day,
      this.dayLevel,
      this.dayOpt,
      ...this.gap,
      ...this.d,
    ])
      col.length = 0;
  }
}

/**
 * The rows' indices in order of day, rows of a day in the order they came (a counting sort: a
 * build's 20,000 rows span a few hundred days, and a comparison sort's callbacks cost more).
 */
function dayOrder(day: number[]): Int32Array {
  const n = day.length;
  const order = new Int32Array(n);
  if (!n) return order;
  let min = day[0];
  let max = day[0];
  for (const d of day) {
    if (d < min) min = d;
    else if (d > max) max = d;
  }
  const starts = new Int32Array(max - min + 2);
  for (const d of day) starts[d - min + 1]++;
  for (let b = 1; b < starts.length; b++) starts[b] += starts[b - 1];
  for (let r = 0; r < n; r++) order[starts[day[r] - min]++] = r;
  return order;
}

/** Texts of the small non-negative integers (days, levels, gaps), made once each. */
const SMALL = 1 << 16;
const smallTexts = new Array<string | undefined>(SMALL);

/** An array literal of the column's values in `order` (null and NaN as NULL). */
function intsLiteral(col: (number | string | null)[], order: Int32Array): string {
  const parts = new Array<string>(order.length);
  for (let x = 0; x < order.length; x++) {
    const v = col[order[x]];
    if (typeof v === "string") parts[x] = v;
    else if (v === null || Number.isNaN(v)) parts[x] = "NULL";
    else if (v >= 0 && v < SMALL && Number.isInteger(v)) parts[x] = smallTexts[v] ??= String(v);
    else parts[x] = String(v);
  }
  return `{${parts.join(",")}}`;
}

/** The local day (days since 2000-01-01) and segment id of a facts run's group (runEngine names it "day\u0001segment id"). */
export function factsGroupParts(group: string): [number, string] {
  const sep = group.indexOf(GROUP_SEP);
  return [Number(group.slice(0, sep)), group.slice(sep + 1)];
}

/** A text[] literal: every element quoted, `"` and `\` escaped. */
function textArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(",")}}`;
}
