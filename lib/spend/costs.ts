/** What spend buys: cost per visitor, per lead (a micro goal), per acquisition (a macro goal) and return on ad spend. */
export type SpendCosts = {
  spend: number;
  costPerVisitor: number | null;
  costPerLead: number | null;
  costPerAcquisition: number | null;
  /** revenue / spend (3 = €3 back per €1), null without a revenue goal or revenue */
  roas: number | null;
};

/** The goals costs are measured by, chosen once per overview. */
export type CostGoals = { leadIndex: number | null; acquisitionIndex: number | null; revenueIndex: number | null };

const per = (spend: number, n: number | null | undefined): number | null => (n && n > 0 ? spend / n : null);

/** Picks the lead goal (the micro goal `lead` names, else the first micro goal), the first macro goal, and the first macro revenue goal. */
export function costGoals(goals: { key: string; kind: string; revenue: boolean }[], lead?: string | null): CostGoals {
  const idx = (i: number) => (i >= 0 ? i : null);
  const chosen = goals.findIndex((g) => g.kind === "micro" && g.key === lead);
  return {
    leadIndex: idx(chosen >= 0 ? chosen : goals.findIndex((g) => g.kind === "micro")),
    acquisitionIndex: idx(goals.findIndex((g) => g.kind === "macro")),
    revenueIndex: idx(goals.findIndex((g) => g.kind === "macro" && g.revenue)),
  };
}

/** Costs for one population (a segment value or the whole range) from its spend, visitors and per-goal converted visitors and revenue. */
export function spendCosts(
  spend: number,
  visitors: number,
  goals: { converted: number; revenue: number | null }[],
  pick: CostGoals,
): SpendCosts {
  const revenue = pick.revenueIndex === null ? null : (goals[pick.revenueIndex]?.revenue ?? null);
  return {
    spend,
    costPerVisitor: per(spend, visitors),
    costPerLead: pick.leadIndex === null ? null : per(spend, goals[pick.leadIndex]?.converted),
    costPerAcquisition: pick.acquisitionIndex === null ? null : per(spend, goals[pick.acquisitionIndex]?.converted),
    roas: revenue !== null && spend > 0 ? revenue / spend : null,
  };
}

/** A spend value's key as segment rows name it: an empty medium or campaign is "(none)". */
export function segmentKey(value: string): string {
  return value === "" ? "(none)" : value.toLowerCase();
}

/** A funnel breakdown value's spend with its cost per visitor who entered and per visitor who completed the funnel. */
export type FunnelCosts = { spend: number; perEntered: number | null; perConverted: number | null };

export function funnelCosts(spend: number, entered: number, converted: number): FunnelCosts {
  return { spend, perEntered: per(spend, entered), perConverted: per(spend, converted) };
}
