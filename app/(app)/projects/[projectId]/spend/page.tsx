import { connection } from "next/server";
import { pageProjectScope } from "@/server/guard";
import { listSpend } from "@/db/spend";
import { getI18n } from "@/server/i18n";
import { spendBySegmentValue } from "@/lib/spend/prorate";
import { spendListRange } from "@/lib/spend/range";
import { SpendPage } from "@/components/spend/SpendPage";

export async function generateMetadata() {
  const { t } = await getI18n();
  return { title: t("spend.title") };
}

export default async function AdSpendPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const { projectId } = await params;
  const scope = await pageProjectScope(projectId);
  const search = await searchParams;
  const range = spendListRange(
    typeof search.from === "string" ? search.from : null,
    typeof search.to === "string" ? search.to : null,
    new Date(),
    scope.project.timeZone,
  );
  const rows = await listSpend(scope, range);
  const bySource = spendBySegmentValue(rows, range.first, range.last, "source");
  return (
    <SpendPage
      projectId={projectId}
      canEdit={scope.can("admin")}
      range={range}
      entries={rows.map((r) => ({
        id: r.id,
        period: r.period,
        day: r.day,
        source: r.source,
        medium: r.medium,
        campaign: r.campaign,
        amount: r.amount,
      }))}
      total={bySource.total}
      bySource={[...bySource.values].sort((a, b) => b[1] - a[1]).map(([source, amount]) => ({ source, amount }))}
    />
  );
}
