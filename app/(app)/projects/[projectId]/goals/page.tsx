import { connection } from "next/server";
import { pageProjectScope } from "@/server/guard";
import { listGoals } from "@/db/goals";
import { eventSuggestions } from "@/db/funnels";
import { getI18n } from "@/server/i18n";
import { GoalsEditor } from "@/components/goals/GoalsEditor";

export async function generateMetadata() {
  const { t } = await getI18n();
  return { title: t("goals.title") };
}

export default async function GoalsPage({ params }: { params: Promise<{ projectId: string }> }) {
  await connection();
  const { projectId } = await params;
  const scope = await pageProjectScope(projectId);
  const canEdit = scope.can("admin");
  const [goals, suggestions] = await Promise.all([listGoals(scope), canEdit ? eventSuggestions(scope) : null]);
  return (
    <GoalsEditor
      projectId={projectId}
      canEdit={canEdit}
      eventNames={suggestions?.events.map((e) => e.name) ?? []}
      paths={suggestions?.paths.map((p) => p.path) ?? []}
      goals={goals.map((g) => ({ id: g.id, key: g.key, name: g.name, kind: g.kind, match: g.match, revenue: g.revenue }))}
    />
  );
}
