import { rate } from "../stats/rates";
import type { SectorTemplate, StageKpi } from "../templates/types";
import { FUNNEL_STAGES, type FunnelStage } from "../funnel/types";
import type { GoalStat, KpiUnit, StageKpiValue } from "./types";

/** What the stage KPIs are computed from; null facts are ones the data cannot give (yet). */
export type StageFacts = {
  visitors: number;
  newVisitors: number;
  bounced: number;
  stageVisitors: Record<FunnelStage, number>;
  goals: GoalStat[];
  topSources: { label: string; value: number }[];
  /** the template funnel's page-pattern step and the step after it */
  clickThrough: { viewers: number; clickedThrough: number } | null;
  timeOnKeyPagesSeconds: number | null;
  customerLifetimeValue: number | null;
};

type Computed = { unit: KpiUnit; value: number | null; items?: { label: string; value: number }[] };

/**
 * The value of one KPI id (see lib/templates/kpis.ts for what each id means). The macro goal is the
 * first macro goal; "purchases" and the revenue figures use the first macro goal with revenue.
 */
export function computeKpi(id: string, f: StageFacts): Computed | undefined {
  const macro = f.goals.find((g) => g.kind === "macro");
  const paid = f.goals.find((g) => g.kind === "macro" && g.revenueGoal);
  const micro = f.goals.filter((g) => g.kind === "micro");
  switch (id) {
    case "visitors":
      return { unit: "count", value: f.visitors };
    case "new_visitors":
      return { unit: "count", value: f.newVisitors };
    case "returning_visitors":
      return { unit: "count", value: f.visitors - f.newVisitors };
    case "visitors_per_source":
      return { unit: "count", value: f.topSources.length ? f.topSources[0].value : null, items: f.topSources };
    case "bounce_rate":
      return { unit: "rate", value: rate(f.bounced, f.visitors) };
    case "visitor_to_lead_rate":
      return { unit: "rate", value: rate(f.stageVisitors.interest, f.visitors) };
    case "micro_conversions":
      return {
        unit: "count",
        value: micro.length ? micro.reduce((s, g) => s + g.conversions, 0) : null,
        items: micro.map((g) => ({ label: g.name, value: g.conversions })),
      };
    case "decision_visitors":
      return { unit: "count", value: f.stageVisitors.decision };
    case "add_to_cart_rate": {
      const cart = f.goals.find((g) => g.match.event === "add_to_cart");
      return { unit: "rate", value: cart ? cart.rate.rate : null };
    }
    case "product_page_click_through":
      return { unit: "rate", value: f.clickThrough ? rate(f.clickThrough.clickedThrough, f.clickThrough.viewers) : null };
    case "time_on_key_pages":
      return { unit: "seconds", value: f.timeOnKeyPagesSeconds };
    case "requests":
      return { unit: "count", value: macro ? macro.conversions : null };
    case "purchases":
      return { unit: "count", value: paid ? paid.conversions : null };
    case "macro_conversion_rate":
      return { unit: "rate", value: macro ? macro.rate.rate : null };
    case "average_order_value":
      return { unit: "money", value: paid?.revenue?.averageOrderValue ?? null };
    case "revenue":
      return { unit: "money", value: paid?.revenue ? paid.revenue.total : null };
    case "customer_lifetime_value":
      return { unit: "money", value: f.customerLifetimeValue };
    case "repeat_purchases":
      return { unit: "count", value: paid ? paid.repeatConverters : null };
    case "repeat_conversions":
      return { unit: "count", value: macro ? macro.repeatConverters : null };
  }
  return undefined;
}

/** Each stage's KPIs as the sector template names them, with their values (null where the data does not allow one). */
export function stageKpis(template: SectorTemplate, facts: StageFacts): Record<FunnelStage, StageKpiValue[]> {
  const out = {} as Record<FunnelStage, StageKpiValue[]>;
  for (const stage of FUNNEL_STAGES) {
    out[stage] = template.stages[stage].kpis.flatMap((kpi: StageKpi) => {
      const c = computeKpi(kpi.id, facts);
      return c ? [{ id: kpi.id, name: kpi.name, ...c }] : [];
    });
  }
  return out;
}
