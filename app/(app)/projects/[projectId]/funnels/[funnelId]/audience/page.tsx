import { notFound } from "next/navigation";
import { pageProjectScope } from "@/server/guard";
import { getI18n } from "@/server/i18n";
import { funnelDefinitionOf, getFunnel } from "@/db/funnels";
import { stepEventsText } from "@/lib/funnel/step-name";
import { AudienceTooLargeError, checkAudienceStep, openDropOffAudience } from "@/db/queries/funnel/dropOffAudience";
import { audienceSlot, AUDIENCE_MAX_ROWS } from "@/db/limits";
import { parseRangeParams } from "@/lib/funnel/query";
import { apiUrls } from "@/lib/api-client/keys";
import { InputError } from "@/lib/errors";
import { TooBusyError } from "@/lib/semaphore";
import type { AudienceMember } from "@/lib/funnel/types";
import { AudiencePeople, type AudienceRow } from "@/components/persons/AudiencePeople";
import { EmptyState } from "@/components/ui/EmptyState";

export async function generateMetadata() {
  const { t } = await getI18n();
  return { title: t("persons.audience.viewPeople") };
}

/** People shown on the page; the download streams everyone. */
const SHOWN = 100;

/**
 * Who dropped off after a step of a saved funnel, with the funnel page's range and filters (the same
 * query parameters as the audience download): the first SHOWN people, each a link to their person
 * page, where an admin can delete them.
 */
export default async function AudiencePage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string; funnelId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { projectId, funnelId } = await params;
  const scope = await pageProjectScope(projectId);
  const funnel = await getFunnel(scope, funnelId).catch(() => notFound());
  const { t } = await getI18n();
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) for (const one of [v ?? []].flat()) search.append(k, one);
  const step = /^\d{1,3}$/.test(search.get("step") ?? "") ? Number(search.get("step")) : NaN;
  const rangeQuery = new URLSearchParams(search);
  rangeQuery.delete("step");
  const backHref = `/projects/${projectId}?${new URLSearchParams([["funnel", funnelId], ...rangeQuery]).toString()}`;
  const problem = (body: string) => (
    <EmptyState
      title={t("persons.audience.viewPeople")}
      body={body}
      action={
        <a href={backHref} className="text-sm font-medium text-brand-700 hover:underline">
          {t("persons.audience.back")}
        </a>
      }
      testId="audience-problem"
    />
  );

  let rows: AudienceRow[];
  let total: number;
  try {
    checkAudienceStep(step, funnel.steps.length);
    const q = parseRangeParams(rangeQuery, scope.project.timeZone);
    const release = audienceSlot(scope.projectId);
    try {
      const audience = await openDropOffAudience(
        scope,
        { ...funnelDefinitionOf(funnel), from: q.from, to: q.to, filters: q.filters, step },
        { pageSize: SHOWN },
      );
      total = audience.size;
      const first = await audience.pages.next();
      await audience.pages.return(undefined);
      rows = ((first.value ?? []) as AudienceMember[]).map((m) => ({
        personId: m.personId,
        entrySource: m.entrySource,
        entryTime: m.entryTime.toISOString(),
        lastSeen: m.lastSeen?.toISOString() ?? null,
      }));
    } finally {
      release();
    }
  } catch (err) {
    if (err instanceof AudienceTooLargeError) return problem(t("persons.audience.tooLarge", { count: AUDIENCE_MAX_ROWS }));
    if (err instanceof InputError) return problem(t("persons.audience.badRange"));
    if (err instanceof TooBusyError) return problem(t("persons.audience.busy"));
    throw err;
  }
  const s = funnel.steps[step - 1];
  return (
    <AudiencePeople
      projectId={projectId}
      step={step}
      stepLabel={s.label || (s.path ? `${stepEventsText(s)} ${s.path}` : stepEventsText(s))}
      total={total}
      rows={rows}
      downloadHref={apiUrls.funnelAudience(funnelId, step, rangeQuery.toString())}
      backHref={backHref}
      selfHref={`/projects/${projectId}/funnels/${funnelId}/audience?${search.toString()}`}
      canDelete={scope.can("admin")}
    />
  );
}
