import { getI18n } from "@/server/i18n";

/**
 * The head of a shared dashboard: the client's colour as a band under white text (checked for 4.5:1
 * when the link was made), the client's logo on a white plate (so any logo reads on any colour), the
 * dashboard's name and who shares it.
 */
export async function SharedDashboardHeader({
  title,
  project,
  colour,
  logoUrl,
}: {
  title: string;
  project: string;
  colour: string | null;
  logoUrl: string | null;
}) {
  const { t } = await getI18n();
  return (
    <div
      className="flex flex-wrap items-center gap-4 rounded-xl px-5 py-4 text-white shadow-sm"
      style={{ background: colour ?? "#1e293b" }}
      data-testid="shared-dashboard-header"
      data-colour={colour ?? undefined}
    >
      {logoUrl ? (
        <span className="flex h-12 max-w-40 shrink-0 items-center rounded-lg bg-white p-1.5">
          {/* eslint-disable-next-line @next/next/no-img-element -- a same-origin image behind the link's token, not optimisable */}
          <img
            src={logoUrl}
            alt={t("dashboards.share.logoAlt")}
            className="max-h-full max-w-full object-contain"
            data-testid="shared-logo"
          />
        </span>
      ) : null}
      <div className="min-w-0">
        <h1 className="break-words text-2xl font-semibold tracking-tight" data-testid="share-title">
          {title}
        </h1>
        <p className="text-sm text-white">{t("share.sharedBy", { project })}</p>
      </div>
    </div>
  );
}
