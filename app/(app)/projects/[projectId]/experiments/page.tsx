import { connection } from "next/server";
import { pageProjectScope } from "@/server/guard";
import { listExperiments, experimentResult, plannerTraffic } from "@/db/experiments";
import { listGoals } from "@/db/goals";
import { listFunnels } from "@/db/funnels";
import { getI18n } from "@/server/i18n";
import { ExperimentsPage } from "@/components/experiments/ExperimentsPage";

export async function generateMetadata() {
  const { t } = await getI18n();
  return { title: t("experiments.title") };
}

export default async function ExperimentsRoute({ params }: { params: Promise<{ projectId: string }> }) {
  await connection();
  const { projectId } = await params;
  const scope = await pageProjectScope(projectId);
  const [experiments, goals, funnels, traffic] = await Promise.all([
    listExperiments(scope),
    listGoals(scope),
    listFunnels(scope),
    plannerTraffic(scope),
  ]);
  const results = await Promise.all(experiments.map((e) => experimentResult(scope, e)));
  return (
    <ExperimentsPage
      projectId={projectId}
      canEdit={scope.can("admin")}
      goals={goals.map((g) => ({ id: g.id, name: g.name }))}
      funnels={funnels.map((f) => ({ id: f.id, name: f.name }))}
      traffic={traffic}
      results={results.map((r) => ({ ...r, experiment: { ...r.experiment, createdAt: r.experiment.createdAt.toISOString() } }))}
    />
  );
}
