"use client";

import { useState, useTransition } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { createShareLinkAction } from "@/app/(app)/projects/[projectId]/share-actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { Button } from "@/components/ui/Button";
import { TextField, inputClass } from "@/components/ui/Field";
import { NumberInput } from "@/components/ui/NumberInput";
import { CopyField } from "@/components/ui/CopyField";
import { fieldErrorText, actionErrorText } from "@/lib/action-result";
import { screenTerms, plainDay } from "@/lib/share-form";
import { describeShareTerms, type SharePeriod } from "@/lib/share-lock";
import { segmentFieldLabel } from "@/lib/funnel/field-label";
import { ShareLinkList } from "./ShareLinkList";

import type { ShareLinkView } from "@/lib/share-view";

export type { ShareLinkView };

/** The form's fields that show their own error; anything else is shown under the form. */
const FIELD_OF: Record<string, string> = {
  label: "label",
  "range.days": "days",
  "range.from": "period",
  "range.to": "period",
  range: "period",
  password: "password",
  expiresAt: "expiresAt",
};

/** Today as a plain calendar day in the reader's own clock (the server reads the days in the project's time zone). */
function localToday(): string {
  const d = new Date();
  return plainDay(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/**
 * Create, list and revoke read-only links to one report, a funnel or the conversions overview (admins).
 * A new link carries what is on screen (filters, breakdown, comparison, period) and the form says so
 * before it is made; the period and the comparison can be changed here.
 */
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
  const today = localToday();
  const screen = screenTerms(search, report, today);
  const screenKey = JSON.stringify(screen.range) + screen.compare;
  // Empty unless the reader names the link: the list then names it in each reader's language
  // (share.labelDefault with the day it was made), instead of storing one language's words.
  const [label, setLabel] = useState("");
  const [kind, setKind] = useState(screen.range.kind);
  const [days, setDays] = useState<number | null>(screen.range.kind === "rolling" ? screen.range.days : 30);
  const [from, setFrom] = useState(screen.range.kind === "fixed" ? screen.range.from : today);
  const [to, setTo] = useState(screen.range.kind === "fixed" ? screen.range.to : today);
  const [compare, setCompare] = useState(screen.compare);
  const [password, setPassword] = useState("");
  const [expires, setExpires] = useState("");
  const [created, setCreated] = useState<string>();
  const [errors, setErrors] = useState<Record<string, string>>({});

  // When the report on screen changes its period or comparison, the form follows it (state adjusted while rendering, as React advises).
  const [seen, setSeen] = useState(screenKey);
  if (seen !== screenKey) {
    setSeen(screenKey);
    setKind(screen.range.kind);
    if (screen.range.kind === "rolling") setDays(screen.range.days);
    else {
      setFrom(screen.range.from);
      setTo(screen.range.to);
    }
    setCompare(screen.compare);
  }

  const period: SharePeriod = kind === "rolling" ? { kind, days: days ?? 1 } : { kind, from, to };
  const summary = describeShareTerms(t, f, { period, filters: screen.filters, breakdown: screen.breakdown, compare });
  const dropped = report === "funnel" && search.get("breakdown")?.startsWith("prop:") ? search.get("breakdown")! : null;

  const create = () =>
    start(async () => {
      const r = await createShareLinkAction(projectId, {
        report,
        funnelId: report === "funnel" ? funnelId : undefined,
        label: label.trim() || undefined,
        range: kind === "rolling" ? { kind, days: days ?? 0 } : { kind, from, to },
        filters: screen.filters,
        breakdown: screen.breakdown ?? undefined,
        compare,
        password: password || undefined,
        expiresAt: expires ? new Date(expires + "T23:59:59") : undefined,
      });
      if (!r.ok) {
        const out: Record<string, string> = {};
        for (const [field, code] of Object.entries(r.error.fieldErrors ?? {})) {
          const key = FIELD_OF[field] ?? "form";
          out[key] ??= fieldErrorText(t, "share", key === "form" ? field.split(".")[0] : key, code);
        }
        if (!Object.keys(out).length) out.form = actionErrorText(t, "share", r.error);
        return setErrors(out);
      }
      setErrors({});
      setCreated(r.data?.url);
      setPassword("");
      router.refresh();
    });
  const mine = links.filter((l) => l.report === report && (report !== "funnel" || l.funnelId === funnelId));
  const radio = "size-4 accent-brand-600";
  return (
    <Card>
      <CardHeader title={t("share.title")} description={t("share.body")} />
      <div className="grid gap-6 p-5 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <form
          className="min-w-0 space-y-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            create();
          }}
        >
          <TextField
            label={t("share.label")}
            name="label"
            value={label}
            placeholder={t("share.labelDefault", { date: f.date(new Date()) })}
            maxLength={100}
            onChange={(e) => setLabel(e.target.value)}
            hint={t("share.labelHint")}
            error={errors.label}
            data-testid="share-label"
          />
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-700">{t("share.range")}</legend>
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="radio"
                name="share-period"
                className={radio}
                checked={kind === "rolling"}
                onChange={() => setKind("rolling")}
                data-testid="share-rolling"
              />
              {t("share.rollingOption")}
            </label>
            {kind === "rolling" ? (
              <NumberInput
                label={t("share.days")}
                name="share-days"
                className="ml-6"
                inputClassName="w-28"
                value={days}
                onValueChange={setDays}
                min={1}
                max={365}
                integer
                required
                error={errors.days}
                hint={days === null ? undefined : t("share.rolling", { count: days })}
                data-testid="share-days"
              />
            ) : null}
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="radio"
                name="share-period"
                className={radio}
                checked={kind === "fixed"}
                onChange={() => setKind("fixed")}
                data-testid="share-fixed"
              />
              {t("share.fixedOption")}
            </label>
            {kind === "fixed" ? (
              <div className="ml-6 flex flex-wrap gap-3">
                <label className="text-xs font-medium text-slate-600">
                  {t("share.from")}
                  <input
                    type="date"
                    value={from}
                    onChange={(e) => setFrom(e.target.value)}
                    className={`${inputClass} mt-1`}
                    data-testid="share-from"
                    aria-invalid={errors.period ? true : undefined}
                  />
                </label>
                <label className="text-xs font-medium text-slate-600">
                  {t("share.to")}
                  <input
                    type="date"
                    value={to}
                    onChange={(e) => setTo(e.target.value)}
                    className={`${inputClass} mt-1`}
                    data-testid="share-to"
                    aria-invalid={errors.period ? true : undefined}
                  />
                </label>
                {errors.period ? (
                  <p className="w-full text-sm text-red-600" data-testid="error-period">
                    {errors.period}
                  </p>
                ) : null}
              </div>
            ) : null}
          </fieldset>
          <label className="flex items-start gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              className="mt-0.5 size-4 accent-brand-600"
              checked={compare}
              onChange={(e) => setCompare(e.target.checked)}
              data-testid="share-compare"
            />
            <span>
              {t("share.compareOption")}
              <span className="block text-xs text-slate-500">{t("share.compareHint")}</span>
            </span>
          </label>
          <div
            className="rounded-lg bg-slate-50 px-3 py-2.5 text-sm ring-1 ring-inset ring-slate-200"
            data-testid="share-summary"
            aria-live="polite"
          >
            <p className="text-xs font-medium text-slate-600">{t("share.willShow")}</p>
            <p className="mt-0.5 text-slate-800">
              {[
                summary.period,
                ...(summary.filters.length ? summary.filters : [t("share.allVisitors")]),
                summary.breakdown,
                summary.compare,
              ]
                .filter(Boolean)
                .join(" · ")}
            </p>
            {dropped ? (
              <p className="mt-1 text-xs text-amber-800">{t("share.droppedBreakdown", { field: segmentFieldLabel(t, dropped) })}</p>
            ) : null}
          </div>
          <TextField
            label={t("share.password")}
            name="password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errors.password}
            data-testid="share-password"
          />
          <TextField
            label={t("share.expires")}
            name="expiresAt"
            type="date"
            value={expires}
            onChange={(e) => setExpires(e.target.value)}
            error={errors.expiresAt}
            className="max-w-56"
            data-testid="share-expires"
          />
          {errors.form ? (
            <p className="text-sm text-red-600" data-testid="share-error">
              {errors.form}
            </p>
          ) : null}
          <Button type="submit" disabled={pending} data-testid="create-share">
            {t("share.create")}
          </Button>
          {created ? (
            <div className="space-y-1.5">
              <CopyField value={created} label={t("share.title")} testId="share-url" />
              <p className="text-xs text-amber-800">{t("share.created")}</p>
            </div>
          ) : null}
        </form>
        <ShareLinkList projectId={projectId} links={mine} />
      </div>
    </Card>
  );
}
