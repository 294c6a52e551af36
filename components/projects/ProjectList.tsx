import Link from "next/link";
import { getI18n } from "@/server/i18n";
import type { Sector } from "@/lib/sectors";
import { PageHeader } from "@/components/ui/Card";
import { EmptyState } from "@/components/ui/EmptyState";
import { Badge } from "@/components/ui/Badge";
import { ButtonLink } from "@/components/ui/Button";

type Project = { id: string; name: string; sector: Sector; siteUrl: string | null; createdAt: string; events: number };

export async function ProjectList({ projects, canCreate }: { projects: Project[]; canCreate: boolean }) {
  const { t, f } = await getI18n();
  const newButton = canCreate ? (
    <ButtonLink href="/projects/new" data-testid="new-project">
      {t("app.projects.new")}
    </ButtonLink>
  ) : null;
  return (
    <div>
      <PageHeader title={t("app.projects.title")} description={t("app.projects.subtitle")} actions={projects.length ? newButton : null} />
      {projects.length === 0 ? (
        <EmptyState
          testId="projects-empty"
          icon={
            <svg viewBox="0 0 24 24" className="size-10" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden>
              <path d="M3 4h18l-7 8v6l-4 2v-8L3 4z" strokeLinejoin="round" />
            </svg>
          }
          title={t("app.projects.emptyTitle")}
          body={t("app.projects.emptyBody")}
          action={canCreate ? <ButtonLink href="/projects/new">{t("app.projects.emptyCta")}</ButtonLink> : null}
        />
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="project-list">
          {projects.map((p) => (
            <li key={p.id}>
              <Link
                href={`/projects/${p.id}`}
                aria-label={t("app.projects.open", { name: p.name })}
                className="group block h-full rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 transition hover:shadow-md hover:ring-brand-300"
              >
                <div className="flex items-start justify-between gap-3">
                  <h2 className="font-semibold text-slate-900 group-hover:text-brand-700">{p.name}</h2>
                  <Badge tone="brand">{t(`app.sectors.${p.sector}`)}</Badge>
                </div>
                {p.siteUrl ? <p className="mt-1 truncate text-sm text-slate-500">{p.siteUrl.replace(/^https?:\/\//, "")}</p> : null}
                <p className="mt-4 text-sm text-slate-600">{t("app.projects.events", { count: p.events })}</p>
                <p className="mt-1 text-xs text-slate-400">{t("app.projects.created", { date: f.date(p.createdAt) })}</p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
