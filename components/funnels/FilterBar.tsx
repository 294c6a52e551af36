"use client";

import { useState } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { useSegmentValues } from "@/components/hooks/api";
import type { ReportSource } from "@/lib/api-client/keys";
import { apiErrorText } from "@/lib/api-client/errors";
import { inputClass } from "@/components/ui/Field";
import { PRESETS } from "@/lib/funnel/ranges";
import { SEGMENT_FIELDS } from "@/lib/funnel/types";
import { segmentFieldLabel } from "@/lib/funnel/field-label";
import { describePeriod, type ShareLock } from "@/lib/share-lock";

const selectClass =
  "max-w-full rounded-lg border-0 bg-white py-1.5 pl-3 pr-8 text-sm text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500";

type Props = {
  source: ReportSource;
  params: URLSearchParams;
  onChange: (next: URLSearchParams) => void;
  allowBreakdown?: boolean;
  allowCompare?: boolean;
  allowedFields?: readonly string[];
  /** more breakdown options beyond the built-in fields, like an experiment's `prop:variant`, with their labels */
  extraBreakdowns?: readonly { field: string; label: string }[];
  /**
   * A shared report's terms: the range picker starts on the link's own period and offers only the
   * presets and days inside it; a locked breakdown or comparison has no control (the subtitle says it).
   */
  lock?: ShareLock;
};

/** Date presets, compare, breakdown and segment-filter chips; all state lives in the URL. */
export function FilterBar({
  source,
  params,
  onChange,
  allowBreakdown = true,
  allowCompare = true,
  allowedFields = SEGMENT_FIELDS,
  extraBreakdowns = [],
  lock,
}: Props) {
  const { t, f } = useI18n();
  const [adding, setAdding] = useState<string>("");
  const set = (mutate: (p: URLSearchParams) => void) => {
    const next = new URLSearchParams(params);
    mutate(next);
    onChange(next);
  };
  const custom = params.has("from");
  // A shared report starts on the link's period (no range in the URL: the link's own); "30d" elsewhere.
  const presets: readonly string[] = lock ? lock.presets : PRESETS;
  const asked = params.get("range");
  const range = custom ? "custom" : lock ? (asked && presets.includes(asked) ? asked : "") : (asked ?? "30d");
  const chips = SEGMENT_FIELDS.flatMap((field) => params.getAll(field).map((value) => ({ field, value })));
  const rangeParams = new URLSearchParams([...params].filter(([k]) => ["range", "from", "to"].includes(k)));
  const values = useSegmentValues(source, adding, rangeParams.toString());
  const label = (field: string, value: string) =>
    `${segmentFieldLabel(t, field)}: ${value === "(none)" ? t("funnels.filters.none") : value}`;

  return (
    <div className="space-y-3" data-testid="filter-bar">
      <div className="flex flex-wrap items-end gap-3">
        <label className="min-w-0 max-w-full text-xs font-medium text-slate-500">
          {t("funnels.filters.range")}
          <select
            className={`${selectClass} mt-1 block`}
            data-testid="range"
            value={range}
            onChange={(e) =>
              set((p) => {
                p.delete("from");
                p.delete("to");
                p.delete("range");
                if (e.target.value === "custom") {
                  const today = new Date().toISOString().slice(0, 10);
                  p.set("from", lock ? lock.first : new Date(Date.now() - 13 * 86400_000).toISOString().slice(0, 10));
                  p.set("to", lock ? lock.last : today);
                } else if (lock ? e.target.value !== "" : e.target.value !== "30d") p.set("range", e.target.value);
              })
            }
          >
            {lock ? <option value="">{t("share.linkPeriod", { period: describePeriod(t, f, lock.period) })}</option> : null}
            {[...(lock ? lock.presets : PRESETS), "custom" as const].map((p) => (
              <option key={p} value={p}>
                {t(`funnels.filters.presets.${p}`)}
              </option>
            ))}
          </select>
        </label>
        {custom ? (
          <>
            <label className="min-w-0 max-w-full text-xs font-medium text-slate-500">
              {t("funnels.filters.from")}
              <input
                type="date"
                className={`${inputClass} mt-1`}
                value={params.get("from") ?? ""}
                min={lock?.first}
                max={lock?.last}
                onChange={(e) => e.target.value && set((p) => p.set("from", e.target.value))}
              />
            </label>
            <label className="min-w-0 max-w-full text-xs font-medium text-slate-500">
              {t("funnels.filters.to")}
              <input
                type="date"
                className={`${inputClass} mt-1`}
                value={params.get("to") ?? ""}
                min={lock?.first}
                max={lock?.last}
                onChange={(e) => e.target.value && set((p) => p.set("to", e.target.value))}
              />
            </label>
          </>
        ) : null}
        {allowBreakdown && !lock?.breakdown ? (
          <label className="min-w-0 max-w-full text-xs font-medium text-slate-500">
            {t("funnels.filters.breakdown")}
            <select
              className={`${selectClass} mt-1 block`}
              data-testid="breakdown"
              value={params.get("breakdown") ?? ""}
              onChange={(e) => set((p) => (e.target.value ? p.set("breakdown", e.target.value) : p.delete("breakdown")))}
            >
              <option value="">{t("funnels.filters.noBreakdown")}</option>
              {allowedFields.map((f) => (
                <option key={f} value={f}>
                  {segmentFieldLabel(t, f)}
                </option>
              ))}
              {extraBreakdowns.length ? (
                <optgroup label={t("funnels.filters.experiments")}>
                  {extraBreakdowns.map((b) => (
                    <option key={b.field} value={b.field}>
                      {b.label}
                    </option>
                  ))}
                </optgroup>
              ) : null}
            </select>
          </label>
        ) : null}
        {allowCompare && !lock ? (
          <label className="flex items-center gap-2 pb-1.5 text-sm text-slate-700">
            <input
              type="checkbox"
              className="size-4 accent-brand-600"
              data-testid="compare"
              checked={params.get("compare") === "1"}
              onChange={(e) => set((p) => (e.target.checked ? p.set("compare", "1") : p.delete("compare")))}
            />
            {t("funnels.filters.compare")}
          </label>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {chips.map(({ field, value }) => (
          <button
            key={`${field}=${value}`}
            type="button"
            data-testid={`chip-${field}-${value}`}
            aria-label={t("funnels.filters.remove", { field: t(`funnels.filters.fields.${field}`), value })}
            onClick={() =>
              set((p) => {
                const rest = p.getAll(field).filter((v) => v !== value);
                p.delete(field);
                rest.forEach((v) => p.append(field, v));
              })
            }
            className="inline-flex items-center gap-1.5 rounded-full bg-brand-50 px-3 py-1 text-xs font-medium text-brand-800 ring-1 ring-inset ring-brand-200 hover:bg-brand-100"
          >
            {label(field, value)} <span aria-hidden>✕</span>
          </button>
        ))}
        <select
          className={selectClass}
          data-testid="add-filter"
          aria-label={t("funnels.filters.addFilter")}
          value={adding}
          onChange={(e) => setAdding(e.target.value)}
        >
          <option value="">+ {t("funnels.filters.addFilter")}</option>
          {allowedFields.map((f) => (
            <option key={f} value={f}>
              {segmentFieldLabel(t, f)}
            </option>
          ))}
        </select>
        {adding ? (
          <select
            className={selectClass}
            data-testid="filter-value"
            aria-label={t("funnels.filters.chooseValue")}
            value=""
            disabled={!values.data}
            onChange={(e) => {
              const v = e.target.value;
              if (!v) return;
              set((p) => {
                if (!p.getAll(adding).includes(v)) p.append(adding, v);
              });
              setAdding("");
            }}
          >
            <option value="">
              {values.isLoading ? t("common.loading") : values.isError ? apiErrorText(t, values.error) : t("funnels.filters.chooseValue")}
            </option>
            {values.data?.map((v) => (
              <option key={v.value} value={v.value}>
                {v.value === "(none)" ? t("funnels.filters.none") : v.value} ({f.number(v.visitors)})
              </option>
            ))}
          </select>
        ) : null}
        {chips.length ? (
          <button
            type="button"
            className="text-xs font-medium text-slate-500 underline-offset-2 hover:underline"
            onClick={() => set((p) => SEGMENT_FIELDS.forEach((f) => p.delete(f)))}
          >
            {t("funnels.filters.clear")}
          </button>
        ) : null}
      </div>
    </div>
  );
}
