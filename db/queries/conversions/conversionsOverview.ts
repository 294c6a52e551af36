import type { ProjectScope } from "../../tenant";
import type { SegmentField, SegmentFilters, FunnelStep } from "../../../lib/funnel/types";
import { FUNNEL_STAGES, type FunnelStage } from "../../../lib/funnel/types";
import { getTemplate } from "../../../lib/templates";
import { previousRange as lastPeriod } from "../../../lib/funnel/ranges";
import { buildOverview, orderGoals } from "../../../lib/conversions/overview";
import type { ConversionsOverview, OverviewGoalDef } from "../../../lib/conversions/types";
import { goalConversions } from "./goalConversions";
import { goalDaily } from "./goalDaily";
import { spendForOverview } from "../../spend";
import { projectReport } from "../../limits";
import { SPEND_FIELDS, type SpendField } from "../../../lib/spend/entry";
import { customerLifetimeValue, keyPageClickThrough, medianTimeOnPages } from "./stageFacts";
import { isOneOf } from "../../../lib/one-of";

export type OverviewQuery = {
  goals: OverviewGoalDef[];
  from: Date;
  to: Date;
  filters?: SegmentFilters;
  /** segment tables to include, one per field */
  segments?: SegmentField[];
  /** rows per segment table, biggest first (default 100) */
  segmentLimit?: number;
  /** include ad spend and its costs (not on share links); `lead` names the lead micro goal */
  spend?: { lead?: string | null };
};

/**
 * The conversions overview of a range: visitors, every goal's converted visitors and rate with its
 * interval, the previous period of the same length, the daily series, segment tables, the sector's
 * benchmark and stage KPIs. Every count comes from the database; Node only divides.
 */
export async function conversionsOverview(scope: ProjectScope, q: OverviewQuery): Promise<ConversionsOverview> {
  // One of the project's concurrent reports (db/limits.ts); each statement below has the heavy time limit.
  return projectReport(scope.projectId, () => computeOverview(scope, q));
}

async function computeOverview(scope: ProjectScope, q: OverviewQuery): Promise<ConversionsOverview> {
  const template = getTemplate(scope.project.sector);
  const goals = orderGoals(q.goals);
  const matches = goals.map((g) => g.match);
  const stageMatches = FUNNEL_STAGES.map((s) => template.stages[s].markers);
  const previousRange = lastPeriod(q.from, q.to, scope.project.timeZone);
  const base = { from: q.from, to: q.to, filters: q.filters };
  const limit = q.segmentLimit ?? 100;

  // The template funnel's page-pattern step (product pages, vacancies…) and the step after it.
  const steps = template.funnel.steps;
  const keyIndex = steps.findIndex((s, i) => s.event === "pageview" && s.path?.includes("*") && i < steps.length - 1);
  const keyPage: FunnelStep | null = keyIndex >= 0 ? { event: steps[keyIndex].event, path: steps[keyIndex].path } : null;
  const paid = goals.find((g) => g.kind === "macro" && g.revenue);
  const wants = new Set(FUNNEL_STAGES.flatMap((s) => template.stages[s].kpis.map((k) => k.id)));

  // One after the other: PGlite has one connection, and PostgreSQL's pool is shared with other requests.
  // Retention keeps customers ("Klant behouden"): who bought again, or came back as a customer (a retention marker).
  const retained = { markers: template.stages.retention.markers, repeat: template.stages.action.markers };
  const [current] = await goalConversions(scope, { ...base, goals: [...matches, ...stageMatches], newVisitors: true, retained });
  const [previous] = await goalConversions(scope, { goals: matches, from: previousRange.from, to: previousRange.to, filters: q.filters });
  const daily = await goalDaily(scope, { ...base, goals: matches, timeZone: scope.project.timeZone });
  const segments: Partial<Record<SegmentField, Awaited<ReturnType<typeof goalConversions>>>> = {};
  const fields = [...new Set([...(q.segments ?? []), ...(wants.has("visitors_per_source") ? (["source"] as const) : [])])];
  const grouped = fields.length ? await goalConversions(scope, { ...base, goals: matches, groupBy: fields }) : [];
  for (const field of fields) segments[field] = grouped.filter((r) => r.field === field).slice(0, limit);
  const clickThrough =
    keyPage && wants.has("product_page_click_through")
      ? await keyPageClickThrough(scope, {
          ...base,
          page: keyPage,
          next: { event: steps[keyIndex + 1].event, path: steps[keyIndex + 1].path, where: steps[keyIndex + 1].where },
          windowSeconds: template.funnel.windowSeconds,
        })
      : null;
  const time = keyPage && wants.has("time_on_key_pages") ? await medianTimeOnPages(scope, { ...base, page: keyPage }) : null;
  const clv = paid && wants.has("customer_lifetime_value") ? await customerLifetimeValue(scope, paid.match) : null;

  const spendFields = fields.filter((f): f is SpendField => isOneOf(SPEND_FIELDS, f));
  const spend = q.spend
    ? { ...(await spendForOverview(scope, { from: q.from, to: q.to, fields: spendFields })), lead: q.spend.lead }
    : undefined;

  const stageVisitors = Object.fromEntries(
    FUNNEL_STAGES.map((s, i) => [s, s === "retention" ? (current?.retained ?? 0) : (current?.goals[goals.length + i].converted ?? 0)]),
  ) as Record<FunnelStage, number>;
  const trimmed = current ? { ...current, goals: current.goals.slice(0, goals.length) } : undefined;
  const sources = (segments.source ?? [])
    .filter((r) => r.group !== "(none)")
    .slice(0, 3)
    .map((r) => ({ label: r.group, value: r.visitors }));
  const requested = Object.fromEntries(Object.entries(segments).filter(([f]) => q.segments?.includes(f as SegmentField)));

  return buildOverview({
    goals,
    range: { from: q.from, to: q.to },
    previousRange,
    timeZone: scope.project.timeZone,
    current: trimmed,
    previous,
    stageVisitors,
    daily,
    segments: requested,
    template,
    spend,
    facts: { topSources: sources, clickThrough, timeOnKeyPagesSeconds: time?.seconds ?? null, customerLifetimeValue: clv?.value ?? null },
  });
}
