import { sql, type SQL } from "drizzle-orm";
import type { PairRows } from "./engine";
import { SEGMENT_COLUMNS } from "./fragments";
import { gapColumn, SEGMENT_PARTS } from "./facts";

/**
 * Fact rows from the engine's walk (factsUpkeep.ts runs the engine over all of a person's entries,
 * grouped by local entry day and entry segment, and streams its pairs here): one row per (person,
 * group) that starts anything, with its level, optional steps and fastest times exactly as the
 * engine folds them, plus the `solo` bits and `gap_*` columns (README.md beside this file,
 * "Breakdowns"), which are computed here from all of a person's rows: the engine hands over a
 * person's pairs together.
 */

/** Fact rows waiting to be inserted, as parallel columns. */
export class FactRowsBuffer {
  readonly parts = SEGMENT_PARTS.length;
  /** group text (factsGroup's JSON array) per row */
  group: string[] = [];
  person: string[] = [];
  level: number[] = [];
  opt: number[] = [];
  solo: number[] = [];
  /** gap[f][row]: days since the person's previous row with the same value of field f (f = parts: any segment), or null */
  gap: (number | null)[][];
  /** d[j-2][row]: fastest ms to step j, NaN when not reached */
  d: number[][];
  /** day numbers (days since 1970-01-01) of the rows, to write them in day order */
  day: number[] = [];
  private parsed: ({ day: number; values: (string | null)[]; key: string } | undefined)[] = [];

  constructor(
    readonly k: number,
    readonly withOptional: boolean,
  ) {
    this.gap = Array.from({ length: this.parts + 1 }, () => []);
    this.d = Array.from({ length: k - 1 }, () => []);
  }

  get size(): number {
    return this.person.length;
  }

  /** A group's day number and segment values (parsed once per group of the run). */
  private groupOf(groups: string[], g: number) {
    let p = this.parsed[g];
    if (!p) {
      const [day, ...values] = JSON.parse(groups[g]) as [string, ...(string | null)[]];
      p = this.parsed[g] = { day: Date.parse(`${day}T00:00:00Z`) / 86400_000, values, key: groups[g] };
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
    const rows: { i: number; g: { day: number; values: (string | null)[]; key: string } }[] = [];
    for (let i = start; i < end; i++) if (pairs.level[i] > 0) rows.push({ i, g: this.groupOf(pairs.groups, pairs.group[i]) });
    // Rows in order of day, then segment: what gap_* count back along.
    rows.sort((a, b) => a.g.day - b.g.day || (a.g.key < b.g.key ? -1 : a.g.key > b.g.key ? 1 : 0));
    const n = rows.length;
    // Few rows (most people): compare them pairwise; many (a bot): one map per field.
    const many =
      n > 12
        ? Array.from({ length: this.parts }, () => ({ count: new Map<string | null, number>(), last: new Map<string | null, number>() }))
        : null;
    if (many) for (const r of rows) many.forEach((m, f) => m.count.set(r.g.values[f], (m.count.get(r.g.values[f]) ?? 0) + 1));
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
      this.group.push(g.key);
      this.day.push(g.day);
      this.person.push(pairs.person[i]);
      this.level.push(pairs.level[i]);
      this.opt.push(pairs.optional[i]);
      for (let j = 2; j <= this.k; j++) this.d[j - 2].push(pairs.d[j - 1][i]);
    }
  }

  /**
   * The statement that inserts the buffered rows (in day order, so that a range's rows share
   * pages) and their segments, then empties the buffer. Values travel as array literals, one
   * parameter per column; the groups as a dictionary, since a person's rows share few of them.
   */
  take(projectId: string, factsId: number): SQL {
    const order = Array.from(this.day.keys()).sort((a, b) => this.day[a] - this.day[b]);
    const dict = new Map<string, number>();
    const gi = order.map((r) => {
      let id = dict.get(this.group[r]);
      if (id === undefined) dict.set(this.group[r], (id = dict.size + 1));
      return id;
    });
    const ints = (col: (number | null)[]) =>
      `{${order.map((r) => (col[r] === null || Number.isNaN(col[r]) ? "NULL" : String(col[r]))).join(",")}}`;
    const gaps = [...SEGMENT_PARTS, "person" as const].map(gapColumn);
    const ds = this.d.map((_, x) => sql.raw(`d${x + 2}`));
    const columns: [SQL, string, string][] = [
      [sql.raw("gi"), `{${gi.join(",")}}`, "int4"],
      [sql.raw("person_id"), textArray(order.map((r) => this.person[r])), "text"],
      [sql.raw("level"), ints(this.level), "int2"],
      [sql.raw("solo"), ints(this.solo), "int2"],
      ...gaps.map((c, f): [SQL, string, string] => [c, ints(this.gap[f]), "int2"]),
      ...(this.withOptional ? [[sql.raw("opt"), ints(this.opt), "int4"] as [SQL, string, string]] : []),
      ...ds.map((c, x): [SQL, string, string] => [c, ints(this.d[x]), "int8"]),
    ];
    const names = columns.map(([c]) => c);
    const parts = SEGMENT_PARTS.map((_, f) => sql.raw(`g.j ->> ${f + 1}`));
    const statement = sql`with g as (
        select u.i::int4 as i, (u.j::jsonb ->> 0)::date as day, hashtextextended((u.j::jsonb - 0)::text, 0) as segment_id, u.j::jsonb as j
        from unnest(${textArray([...dict.keys()])}::text[]) with ordinality as u(j, i)
      ),
      segments as (
        insert into funnel_segments (project_id, id, ${sql.raw(Object.values(SEGMENT_COLUMNS).join(", "))})
        select distinct on (g.segment_id) ${projectId}::uuid, g.segment_id, ${sql.join(parts, sql`, `)} from g
        on conflict do nothing
      )
      insert into funnel_fact_rows (project_id, facts_id, day, segment_id, ${sql.join(names.slice(1), sql`, `)})
      select ${projectId}::uuid, ${factsId}::bigint, g.day, g.segment_id, ${sql.join(
        names.slice(1).map((c) => sql`r.${c}`),
        sql`, `,
      )}
      from unnest(${sql.join(
        columns.map(([, literal, type]) => sql`${literal}::${sql.raw(type)}[]`),
        sql`, `,
      )}) with ordinality as r(${sql.join(names, sql`, `)}, n)
      join g on g.i = r.gi
      order by r.n`;
    this.clear();
    return statement;
  }

  private clear(): void {
    for (const col of [this.group, this.person, this.level, this.opt, this.solo, this.day, ...this.gap, ...this.d]) col.length = 0;
  }
}

/** A text[] literal: every element quoted, `"` and `\` escaped. */
function textArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(",")}}`;
}
