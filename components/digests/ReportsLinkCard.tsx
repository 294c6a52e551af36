import Link from "next/link";
import { getI18n } from "@/server/i18n";
import { Card, CardHeader } from "@/components/ui/Card";
import { buttonClass } from "@/components/ui/Button";

/** On the settings page: the way to the project's schedules and alerts. */
export async function ReportsLinkCard({ projectId }: { projectId: string }) {
  const { t } = await getI18n();
  return (
    <Card data-testid="reports-link-card">
      <CardHeader title={t("digests.page.link")} description={t("digests.page.linkBody")} />
      <div className="p-5">
        <Link href={`/projects/${projectId}/settings/reports`} className={buttonClass("secondary")} data-testid="reports-link">
          {t("digests.page.link")}
        </Link>
      </div>
    </Card>
  );
}
