import type { ProjectScope } from "./tenant";
import { listGoals } from "./goals";
import { conversionsOverview } from "./queries/conversions/conversionsOverview";
import type { ConversionsOverview, OverviewGoalDef } from "../lib/conversions/types";
import type { SegmentField, SegmentFilters } from "../lib/funnel/types";

/** The project's saved goals as the overview counts them. */
export async function savedOverviewGoals(scope: ProjectScope): Promise<OverviewGoalDef[]> {
  return (await listGoals(scope)).map((g) => ({ key: g.key, name: g.name, kind: g.kind, match: g.match, revenue: g.revenue }));
}

/** The conversions overview over the project's saved goals (the dashboard's and the share link's). */
export async function projectConversions(
  scope: ProjectScope,
  q: { from: Date; to: Date; filters: SegmentFilters; segments: SegmentField[]; spend?: { lead?: string | null } },
): Promise<ConversionsOverview> {
  return conversionsOverview(scope, { ...q, goals: await savedOverviewGoals(scope) });
}
