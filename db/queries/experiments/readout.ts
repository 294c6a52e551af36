import { sql, type SQL } from "drizzle-orm";
import type { ProjectScope } from "../../tenant";
import { queryRows } from "../../client";
import { limitedStatements } from "../../limits";
import type { FunnelStepMatch, StepMatch } from "../../../lib/funnel/types";
import type { ExperimentSource } from "../../../lib/experiments/types";
import type { VariantCounts } from "../../../lib/experiments/readout";
import { stepCondition } from "../funnel/fragments";

export type ExperimentConversion =
  | { kind: "goal"; match: StepMatch }
  /** reaching the last step, in order, each step at or after the previous and within windowSeconds of the first */
  | { kind: "funnel"; steps: FunnelStepMatch[]; windowSeconds: number };

export type ReadoutQuery = {
  property: string;
  source: ExperimentSource;
  variants: readonly string[];
  /** the experiment's start; events before it neither assign nor convert */
  from: Date;
  /** now, or the experiment's end */
  to: Date;
  conversion: ExperimentConversion;
};

export type ReadoutCounts = {
  /** one row per listed variant (zeros included), in the order given */
  counts: VariantCounts[];
  /** visitors who carry the property with a value outside the variant list */
  unassigned: number;
};

/**
 * Visitors per variant and how many of them converted after their assignment, counted in the database.
 *
 * Assignment: with source "event", a visitor's variant is the value of `properties.<property>` on their
 * first event in [from, to) that carries it, and they are assigned at that event's time (a later event
 * with another value does not move them). With source "trait", the variant is the person's identify
 * trait `<property>` and they are assigned at their first event in [from, to). Values outside the
 * variant list are counted as unassigned, not as a variant.
 *
 * Conversion: a goal event at or after the assignment and before `to` (a conversion before exposure
 * says nothing about the variant), or, for a funnel, its steps in order starting at or after the
 * assignment, the last within the funnel's window of the first (the first attempt after assignment).
 */
export async function experimentReadoutCounts(scope: ProjectScope, q: ReadoutQuery): Promise<ReadoutCounts> {
  const p = scope.projectId;
  const from = q.from.toISOString();
  const to = q.to.toISOString();
  const value = sql`(e.properties ->> ${q.property})`;
  const goal = q.conversion.kind === "goal" ? stepCondition(q.conversion.match) : sql`false`;

  // One pass over the range's events, grouped by person: exposure, first event and last goal event.
  const people = sql`select e.person_id,
      (array_agg(${value} order by e.time, e.id) filter (where ${value} is not null))[1] as exposed_variant,
      min(e.time) filter (where ${value} is not null) as exposed_at,
      min(e.time) as first_at,
      max(e.time) filter (where ${goal}) as last_conversion
    from events e
    where e.project_id = ${p}::uuid and e.time >= ${from}::timestamptz and e.time < ${to}::timestamptz
    group by e.person_id`;
  const assigned =
    q.source === "event"
      ? sql`select person_id, exposed_variant as variant, exposed_at as assigned_at, last_conversion from people where exposed_variant is not null`
      : sql`select pp.person_id, pr.traits ->> ${q.property} as variant, pp.first_at as assigned_at, pp.last_conversion
            from people pp join persons pr on pr.project_id = ${p}::uuid and pr.person_id = pp.person_id
            where pr.traits ->> ${q.property} is not null`;

  let steps: SQL = sql``;
  let converted: SQL = sql`a.last_conversion >= a.assigned_at`;
  let reached: SQL = sql``;
  if (q.conversion.kind === "funnel") {
    const windowMs = q.conversion.windowSeconds * 1000;
    const chain = q.conversion.steps.map((step, i) => {
      const name = sql.raw(`s${i + 1}`);
      if (i === 0) {
        return sql`, ${name} as (select a.person_id, min(e.time) as t, min(e.time) as t0 from assigned a
          join events e on e.project_id = ${p}::uuid and e.person_id = a.person_id
          where ${stepCondition(step)} and e.time >= a.assigned_at and e.time < ${to}::timestamptz group by a.person_id)`;
      }
      const prev = sql.raw(`s${i}`);
      return sql`, ${name} as (select s.person_id, min(e.time) as t, s.t0 from ${prev} s
        join events e on e.project_id = ${p}::uuid and e.person_id = s.person_id
        where ${stepCondition(step)} and e.time >= s.t and e.time <= s.t0 + (${windowMs}::bigint * interval '1 millisecond') and e.time < ${to}::timestamptz
        group by s.person_id, s.t0)`;
    });
    steps = sql.join(chain, sql``);
    const last = sql.raw(`s${q.conversion.steps.length}`);
    reached = sql`left join ${last} f on f.person_id = a.person_id`;
    converted = sql`f.person_id is not null`;
  }

  const listed = q.variants.length
    ? sql`a.variant in (${sql.join(
        q.variants.map((v) => sql`${v}`),
        sql`, `,
      )})`
    : sql`false`;
  const rows = await limitedStatements(scope.db, "heavyMs", (db) =>
    queryRows<{ variant: string | null; visitors: number; converted: number }>(
      db,
      sql`with people as (${people}), assigned as (${assigned}) ${steps}
          select case when ${listed} then a.variant end as variant, count(*)::int as visitors, count(*) filter (where ${converted})::int as converted
          from assigned a ${reached} group by 1`,
    ),
  );
  const byVariant = new Map(rows.filter((r) => r.variant !== null).map((r) => [r.variant as string, r]));
  return {
    counts: q.variants.map((variant) => ({
      variant,
      visitors: Number(byVariant.get(variant)?.visitors ?? 0),
      converted: Number(byVariant.get(variant)?.converted ?? 0),
    })),
    unassigned: Number(rows.find((r) => r.variant === null)?.visitors ?? 0),
  };
}
