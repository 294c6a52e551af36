"use client";

import { NumberInput } from "@/components/ui/NumberInput";
import { useState, useTransition } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { createShareLinkAction, revokeShareLinkAction } from "@/app/(app)/projects/[projectId]/share-actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/Field";
import { CopyField } from "@/components/ui/CopyField";
import { SEGMENT_FIELDS } from "@/lib/funnel/types";
import { refusalTexts } from "@/lib/action-result";

import type { ShareLinkView } from "@/lib/share-view";

export type { ShareLinkView };

/** Create, list and revoke read-only links to one report, a funnel or the conversions overview (admins). */
export function ShareLinks({
  projectId,
  report = "funnel",
  funnelId,
  links,
}: {
  projectId: string;
  report?: "funnel" | "conversions";
  funnelId?: string;
  links: ShareLinkView[];
}) {
  const { t, f } = useI18n();
  const router = useRouter();
  const search = useSearchParams();
  const [pending, start] = useTransition();
  const [days, setDays] = useState<number | null>(30);
  const [password, setPassword] = useState("");
  const [expires, setExpires] = useState("");
  const [created, setCreated] = useState<string>();
  const [error, setError] = useState<string>();
  // The link carries the filters on screen, so the client sees what you see.
  const filters = Object.fromEntries(SEGMENT_FIELDS.filter((k) => search.getAll(k).length).map((k) => [k, search.getAll(k)]));
  const create = () =>
    start(async () => {
      const r = await createShareLinkAction(projectId, {
        report,
        funnelId: report === "funnel" ? funnelId : undefined,
        range: { kind: "rolling", days: days ?? 0 },
        filters,
        password: password || undefined,
        expiresAt: expires ? new Date(expires + "T23:59:59") : undefined,
      });
      if (!r.ok || !r.data) return setError(r.ok ? undefined : Object.values(refusalTexts(t, "share", r.error, []))[0]);
      setError(undefined);
      setCreated(r.data.url);
      setPassword("");
      router.refresh();
    });
  const mine = links.filter((l) => l.report === report && (report !== "funnel" || l.funnelId === funnelId));
  return (
    <Card>
      <CardHeader title={t("share.title")} description={t("share.body")} />
      <div className="grid gap-6 p-5 lg:grid-cols-2">
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            create();
          }}
        >
          <NumberInput
            label={t("share.days")}
            name="share-days"
            inputClassName="w-32"
            value={days}
            onValueChange={setDays}
            min={1}
            max={365}
            integer
            required
            hint={days === null ? undefined : t("share.rolling", { count: days })}
            data-testid="share-days"
          />
          <label className="block text-sm font-medium text-slate-700">
            {t("share.password")}
            <input
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              className={`${inputClass} mt-1.5`}
              data-testid="share-password"
            />
          </label>
          <label className="block text-sm font-medium text-slate-700">
            {t("share.expires")}
            <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} className={`${inputClass} mt-1.5 w-48`} />
          </label>
          {error ? (
            <p className="text-sm text-red-600" data-testid="share-error">
              {error}
            </p>
          ) : null}
          <Button type="submit" disabled={pending} data-testid="create-share">
            {t("share.create")}
          </Button>
          {created ? (
            <div className="space-y-1.5">
              <CopyField value={created} label={t("share.title")} testId="share-url" />
              <p className="text-xs text-amber-700">{t("share.created")}</p>
            </div>
          ) : null}
        </form>
        <div>
          <h3 className="text-sm font-semibold text-slate-900">{t("share.links")}</h3>
          {mine.length === 0 ? <p className="mt-2 text-sm text-slate-500">{t("share.none")}</p> : null}
          <ul className="mt-2 divide-y divide-slate-100" data-testid="share-list">
            {mine.map((l) => {
              const expired = l.expiresAt && new Date(l.expiresAt) < new Date();
              return (
                <li key={l.id} className="flex flex-wrap items-center gap-2 py-2.5 text-sm">
                  <span className="text-slate-800">{l.rollingDays ? t("share.rolling", { count: l.rollingDays }) : t("share.fixed")}</span>
                  {l.hasPassword ? <Badge>{t("share.withPassword")}</Badge> : null}
                  {l.revokedAt ? (
                    <Badge tone="red">{t("share.revoked")}</Badge>
                  ) : expired ? (
                    <Badge tone="amber">{t("share.expired")}</Badge>
                  ) : null}
                  <span className="w-full text-xs text-slate-500">
                    {l.lastOpenedAt ? t("share.lastOpened", { when: f.dateTime(l.lastOpenedAt) }) : t("share.neverOpened")}
                  </span>
                  {!l.revokedAt ? (
                    <Button
                      size="sm"
                      variant="ghost"
                      data-testid="revoke-share"
                      disabled={pending}
                      onClick={() =>
                        start(async () => {
                          await revokeShareLinkAction(projectId, l.id);
                          router.refresh();
                        })
                      }
                    >
                      {t("share.revoke")}
                    </Button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </div>
      </div>
    </Card>
  );
}
