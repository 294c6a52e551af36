"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { createDashboardShareAction, revokeDashboardShareAction } from "@/app/(app)/projects/[projectId]/dashboards/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { TextField, inputClass } from "@/components/ui/Field";
import { CopyField } from "@/components/ui/CopyField";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { cx } from "@/components/ui/cx";
import { actionErrorText, fieldErrorText } from "@/lib/action-result";
import { describeShareTerms, type SharePeriod } from "@/lib/share-lock";
import { segmentFieldLabel } from "@/lib/funnel/field-label";
import { SEGMENT_FIELDS, type SegmentFilters } from "@/lib/funnel/types";
import { contrastRatio, readableUnderWhite } from "@/lib/dashboards/colour";
import { LOGO_MAX_BYTES, LOGO_TYPES } from "@/lib/dashboards/types";

/** A dashboard share link as the list shows it (no token, no password, no logo bytes). */
export type DashboardShareView = {
  id: string;
  label: string | null;
  rollingDays: number | null;
  fixedDays: { from: string; to: string } | null;
  filters: SegmentFilters;
  hasPassword: boolean;
  hasLogo: boolean;
  colour: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  lastOpenedAt: string | null;
  createdAt: string;
};

const FIELD_OF: Record<string, string> = {
  "range.days": "days",
  "range.from": "period",
  "range.to": "period",
  range: "period",
  "logo.type": "logo",
  "logo.data": "logo",
};

/** Reads a chosen file as base64 (what the server action takes), or null when it cannot be read. */
function readBase64(file: File): Promise<string | null> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(",")[1] ?? null);
    reader.onerror = () => resolve(null);
    reader.readAsDataURL(file);
  });
}

/**
 * Share one dashboard as a read-only link (admins): a period, locked filters, a password and an
 * expiry as a report's link has, plus the client's logo and colour. The colour is checked here
 * (white text on it must reach 4.5:1) and again on the server; so are the logo's type and size.
 */
export function DashboardShares({
  projectId,
  dashboardId,
  links,
}: {
  projectId: string;
  dashboardId: string;
  links: DashboardShareView[];
}) {
  const { t, f } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [label, setLabel] = useState("");
  const [days, setDays] = useState("30");
  const [filterField, setFilterField] = useState("");
  const [filterValues, setFilterValues] = useState("");
  const [password, setPassword] = useState("");
  const [expires, setExpires] = useState("");
  const [colour, setColour] = useState("");
  const [logo, setLogo] = useState<File | null>(null);
  const [created, setCreated] = useState<string>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [revoking, setRevoking] = useState<DashboardShareView | null>(null);
  const filters: Record<string, string[]> =
    filterField && filterValues.trim()
      ? {
          [filterField]: filterValues
            .split(",")
            .map((v) => v.trim())
            .filter(Boolean),
        }
      : {};
  const colourProblem = colour && !readableUnderWhite(colour);

  const create = () =>
    start(async () => {
      const out: Record<string, string> = {};
      let logoInput: { type: (typeof LOGO_TYPES)[number]; data: string } | undefined;
      if (logo) {
        const data = await readBase64(logo);
        if (!data || !(LOGO_TYPES as readonly string[]).includes(logo.type)) out.logo = t("dashboards.errors.logo");
        else if (logo.size > LOGO_MAX_BYTES) out.logo = t("dashboards.errors.logoSize");
        else logoInput = { type: logo.type as (typeof LOGO_TYPES)[number], data };
      }
      if (Object.keys(out).length) return setErrors(out);
      const r = await createDashboardShareAction(projectId, dashboardId, {
        label: label.trim() || undefined,
        range: { kind: "rolling", days: Number(days) },
        filters,
        password: password || undefined,
        expiresAt: expires ? new Date(expires + "T23:59:59") : undefined,
        colour: colour || undefined,
        logo: logoInput,
      });
      if (!r.ok) {
        for (const [field, code] of Object.entries(r.error.fieldErrors ?? {})) {
          const key = FIELD_OF[field] ?? field.split(".")[0];
          out[key] ??= fieldErrorText(t, "dashboards", key, code);
        }
        if (!Object.keys(out).length) out.form = actionErrorText(t, "dashboards", r.error);
        return setErrors(out);
      }
      setErrors({});
      setCreated(r.data?.url);
      setPassword("");
      router.refresh();
    });

  const name = (l: DashboardShareView) => l.label || t("share.noLabel");
  return (
    <Card>
      <CardHeader title={t("dashboards.share.title")} description={t("dashboards.share.body")} />
      <div className="grid gap-6 p-5 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <form
          className="min-w-0 space-y-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            create();
          }}
          data-testid="dashboard-share-form"
        >
          <TextField
            label={t("share.label")}
            name="label"
            value={label}
            maxLength={100}
            onChange={(e) => setLabel(e.target.value)}
            hint={t("share.labelHint")}
            error={errors.label}
            data-testid="dshare-label"
          />
          <TextField
            label={t("dashboards.share.days")}
            name="days"
            type="number"
            min={1}
            max={365}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            error={errors.days}
            className="max-w-40"
            data-testid="dshare-days"
          />
          <div className="grid grid-cols-2 gap-2">
            <label className="block text-sm font-medium text-slate-700">
              {t("dashboards.share.filterField")}
              <select
                className={cx(inputClass, "mt-1.5")}
                value={filterField}
                onChange={(e) => setFilterField(e.target.value)}
                data-testid="dshare-filter-field"
              >
                <option value="">{t("dashboards.add.noFilter")}</option>
                {SEGMENT_FIELDS.map((fd) => (
                  <option key={fd} value={fd}>
                    {segmentFieldLabel(t, fd)}
                  </option>
                ))}
              </select>
            </label>
            <TextField
              label={t("dashboards.add.filterValues")}
              name="filters"
              value={filterValues}
              onChange={(e) => setFilterValues(e.target.value)}
              error={errors.filters}
              hint={t("dashboards.add.filterHint")}
              data-testid="dshare-filter-values"
            />
          </div>
          <TextField
            label={t("share.password")}
            name="password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errors.password}
            data-testid="dshare-password"
          />
          <TextField
            label={t("share.expires")}
            name="expiresAt"
            type="date"
            value={expires}
            onChange={(e) => setExpires(e.target.value)}
            error={errors.expiresAt}
            className="max-w-56"
            data-testid="dshare-expires"
          />
          <div className="flex flex-wrap items-end gap-3">
            <TextField
              label={t("dashboards.share.colour")}
              name="colour"
              value={colour}
              placeholder="#1e3a8a"
              maxLength={7}
              onChange={(e) => setColour(e.target.value.trim())}
              error={errors.colour ?? (colourProblem ? t("dashboards.errors.colour") : undefined)}
              hint={
                colour && !colourProblem
                  ? t("dashboards.share.contrast", { ratio: f.decimal(contrastRatio(colour, "#ffffff")) })
                  : t("dashboards.share.colourHint")
              }
              className="min-w-0 flex-1"
              data-testid="dshare-colour"
            />
            <input
              type="color"
              aria-label={t("dashboards.share.colourPicker")}
              value={/^#[0-9a-f]{6}$/i.test(colour) ? colour : "#1e3a8a"}
              onChange={(e) => setColour(e.target.value)}
              className="mb-[1.9rem] h-9 w-12 cursor-pointer rounded-md border-0 bg-white ring-1 ring-slate-300"
            />
          </div>
          <label className="block text-sm font-medium text-slate-700">
            {t("dashboards.share.logo")}
            <input
              type="file"
              name="logo"
              accept="image/png,image/jpeg,image/webp"
              onChange={(e) => setLogo(e.target.files?.[0] ?? null)}
              className="mt-1.5 block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium"
              aria-invalid={errors.logo ? true : undefined}
              data-testid="dshare-logo"
            />
            {errors.logo ? (
              <span className="mt-1.5 block text-sm font-normal text-red-600" data-testid="error-logo">
                {errors.logo}
              </span>
            ) : (
              <span className="mt-1.5 block text-sm font-normal text-slate-500">{t("dashboards.share.logoHint")}</span>
            )}
          </label>
          {errors.form ? (
            <p className="text-sm text-red-600" data-testid="dshare-error">
              {errors.form}
            </p>
          ) : null}
          <Button type="submit" disabled={pending || Boolean(colourProblem)} data-testid="dshare-create">
            {t("share.create")}
          </Button>
          {created ? (
            <div className="space-y-1.5">
              <CopyField value={created} label={t("dashboards.share.title")} testId="dshare-url" />
              <p className="text-xs text-amber-800">{t("share.created")}</p>
            </div>
          ) : null}
        </form>
        <section className="min-w-0" aria-labelledby="dshare-list-title">
          <h3 id="dshare-list-title" className="text-sm font-semibold text-slate-900">
            {t("dashboards.share.links")}
          </h3>
          {links.length === 0 ? (
            <p className="mt-2 rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600">
              {t("dashboards.share.none")}
            </p>
          ) : null}
          <ul className="mt-2 divide-y divide-slate-100" data-testid="dshare-list">
            {links.map((l) => {
              const expired = l.expiresAt !== null && new Date(l.expiresAt) < new Date();
              const period: SharePeriod = l.fixedDays ? { kind: "fixed", ...l.fixedDays } : { kind: "rolling", days: l.rollingDays ?? 30 };
              const shows = describeShareTerms(t, f, { period, filters: l.filters, breakdown: null, compare: false });
              return (
                <li key={l.id} className="py-3 text-sm" data-testid="dshare-link">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="min-w-0 break-words font-medium text-slate-900">{name(l)}</span>
                    {l.revokedAt ? (
                      <Badge tone="red">{t("share.revoked")}</Badge>
                    ) : expired ? (
                      <Badge tone="amber">{t("share.expired")}</Badge>
                    ) : (
                      <Badge tone="green">{t("share.active")}</Badge>
                    )}
                    {l.hasPassword ? <Badge>{t("share.withPassword")}</Badge> : null}
                    {l.hasLogo ? <Badge>{t("dashboards.share.withLogo")}</Badge> : null}
                    {l.colour ? (
                      <span
                        aria-hidden
                        className="inline-block size-3.5 rounded-full ring-1 ring-slate-300"
                        style={{ background: l.colour }}
                      />
                    ) : null}
                    {!l.revokedAt ? (
                      <Button
                        size="sm"
                        variant="ghost"
                        className="ml-auto text-red-700 hover:bg-red-50"
                        aria-label={t("share.revokeLabel", { label: name(l) })}
                        disabled={pending}
                        onClick={() => setRevoking(l)}
                        data-testid="dshare-revoke"
                      >
                        {t("share.revoke")}
                      </Button>
                    ) : null}
                  </div>
                  <dl className="mt-1.5 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-xs">
                    <dt className="text-slate-500">{t("share.columns.shows")}</dt>
                    <dd className="break-words text-slate-800">
                      {[shows.period, ...(shows.filters.length ? shows.filters : [t("share.allVisitors")])].join(" · ")}
                    </dd>
                    <dt className="text-slate-500">{t("share.columns.expires")}</dt>
                    <dd className="text-slate-800">{l.expiresAt ? f.date(l.expiresAt) : t("share.neverExpires")}</dd>
                    <dt className="text-slate-500">{t("share.columns.created")}</dt>
                    <dd className="text-slate-800">{f.dateTime(l.createdAt)}</dd>
                    <dt className="text-slate-500">{t("share.columns.lastOpened")}</dt>
                    <dd className="text-slate-800" data-testid="dshare-opened">
                      {l.lastOpenedAt ? f.dateTime(l.lastOpenedAt) : t("share.neverOpened")}
                    </dd>
                  </dl>
                </li>
              );
            })}
          </ul>
        </section>
      </div>
      <ConfirmDialog
        open={revoking !== null}
        title={t("share.confirm.title")}
        body={t("share.confirm.body", { label: revoking ? name(revoking) : "" })}
        confirmLabel={t("share.confirm.confirm")}
        cancelLabel={t("share.confirm.cancel")}
        busy={pending}
        onConfirm={() =>
          revoking &&
          start(async () => {
            const r = await revokeDashboardShareAction(projectId, dashboardId, revoking.id);
            setRevoking(null);
            if (!r.ok) setErrors({ form: actionErrorText(t, "dashboards", r.error) });
            router.refresh();
          })
        }
        onCancel={() => setRevoking(null)}
        testId="dshare-revoke-dialog"
      />
    </Card>
  );
}
