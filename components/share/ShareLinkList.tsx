"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { revokeShareLinkAction } from "@/app/(app)/projects/[projectId]/share-actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { actionErrorText } from "@/lib/action-result";
import { describeShareTerms, type SharePeriod } from "@/lib/share-lock";
import type { ShareLinkView } from "@/lib/share-view";

/**
 * The links to one report, newest first, each with what tells it apart: its label, what it shows
 * (period, filters, breakdown, comparison), expiry, when it was made and last opened, and its state.
 * Revoking asks first, in a modal dialog.
 */
export function ShareLinkList({ projectId, links }: { projectId: string; links: ShareLinkView[] }) {
  const { t, f } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [revoking, setRevoking] = useState<ShareLinkView | null>(null);
  const [error, setError] = useState<string>();
  // A link without a label of its own is named in the reader's language, by the day it was made.
  const name = (l: ShareLinkView) => l.label || t("share.labelDefault", { date: f.date(l.createdAt) });
  const revoke = (l: ShareLinkView) =>
    start(async () => {
      const r = await revokeShareLinkAction(projectId, l.id);
      if (!r.ok) setError(actionErrorText(t, "share", r.error));
      else setError(undefined);
      setRevoking(null);
      router.refresh();
    });
  return (
    <section aria-labelledby="share-links-title" className="min-w-0">
      <h3 id="share-links-title" className="text-sm font-semibold text-slate-900">
        {t("share.links")}
      </h3>
      {error ? <p className="mt-2 text-sm text-red-600">{error}</p> : null}
      {links.length === 0 ? (
        <p
          className="mt-2 rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600"
          data-testid="share-none"
        >
          {t("share.none")}
        </p>
      ) : null}
      <ul className="mt-2 divide-y divide-slate-100" data-testid="share-list">
        {links.map((l) => {
          const expired = l.expiresAt !== null && new Date(l.expiresAt) < new Date();
          const period: SharePeriod = l.fixedDays ? { kind: "fixed", ...l.fixedDays } : { kind: "rolling", days: l.rollingDays ?? 30 };
          const shows = describeShareTerms(t, f, { period, filters: l.filters, breakdown: l.breakdown, compare: l.compare });
          return (
            <li key={l.id} className="py-3 text-sm" data-testid="share-link">
              <div className="flex flex-wrap items-center gap-2">
                <span className="min-w-0 break-words font-medium text-slate-900" data-testid="share-link-label">
                  {name(l)}
                </span>
                {l.revokedAt ? (
                  <Badge tone="red">{t("share.revoked")}</Badge>
                ) : expired ? (
                  <Badge tone="amber">{t("share.expired")}</Badge>
                ) : (
                  <Badge tone="green">{t("share.active")}</Badge>
                )}
                {l.hasPassword ? <Badge>{t("share.withPassword")}</Badge> : null}
                {!l.revokedAt ? (
                  <Button
                    size="sm"
                    variant="ghost"
                    className="ml-auto text-red-700 hover:bg-red-50"
                    data-testid="revoke-share"
                    aria-label={t("share.revokeLabel", { label: name(l) })}
                    disabled={pending}
                    onClick={() => setRevoking(l)}
                  >
                    {t("share.revoke")}
                  </Button>
                ) : null}
              </div>
              <dl className="mt-1.5 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-xs">
                <dt className="text-slate-500">{t("share.columns.shows")}</dt>
                <dd className="break-words text-slate-800" data-testid="share-link-shows">
                  {[shows.period, ...(shows.filters.length ? shows.filters : [t("share.allVisitors")]), shows.breakdown, shows.compare]
                    .filter(Boolean)
                    .join(" · ")}
                </dd>
                <dt className="text-slate-500">{t("share.columns.expires")}</dt>
                <dd className="text-slate-800">{l.expiresAt ? f.date(l.expiresAt) : t("share.neverExpires")}</dd>
                <dt className="text-slate-500">{t("share.columns.created")}</dt>
                <dd className="text-slate-800">{f.dateTime(l.createdAt)}</dd>
                <dt className="text-slate-500">{t("share.columns.lastOpened")}</dt>
                <dd className="text-slate-800" data-testid="share-link-opened">
                  {l.lastOpenedAt ? f.dateTime(l.lastOpenedAt) : t("share.neverOpened")}
                </dd>
              </dl>
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={revoking !== null}
        title={t("share.confirm.title")}
        body={t("share.confirm.body", { label: revoking ? name(revoking) : "" })}
        confirmLabel={t("share.confirm.confirm")}
        cancelLabel={t("share.confirm.cancel")}
        busy={pending}
        onConfirm={() => revoking && revoke(revoking)}
        onCancel={() => setRevoking(null)}
        testId="revoke-dialog"
      />
    </section>
  );
}
