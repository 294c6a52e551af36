"use client";

import { useI18n } from "@/components/i18n/I18nProvider";
import { isClearChange, type RateChange } from "@/lib/funnel/compare";

/**
 * A change of a rate against the previous period in percentage points ("+1.20 pp"), then what it is
 * compared with (`vs`: "vs previous period (2.43%)"), and its 95 % interval under it. Only a clear
 * change (the interval excludes zero) is green or red with an arrow; one whose interval includes zero
 * is neutral and says it is no clear change. The sign and the words carry the direction, not colour alone.
 */
export function PointsChange({ change, vs }: { change: RateChange; vs?: string }) {
  const { t, f } = useI18n();
  if (change.difference === null) return <span>{t("funnels.compare.none")}</span>;
  const clear = isClearChange(change);
  const arrow = !clear ? "" : change.difference > 0 ? "▲" : "▼";
  const tone = !clear ? "text-slate-700" : change.difference > 0 ? "text-emerald-700" : "text-red-700";
  const interval = change.interval
    ? t("funnels.compare.interval", { low: f.signedPoints(change.interval.low), high: f.signedPoints(change.interval.high) })
    : null;
  return (
    <>
      <span className={tone} data-clear={clear}>
        {arrow ? (
          <span aria-hidden className="mr-1 text-[0.7em]">
            {arrow}
          </span>
        ) : null}
        {t("funnels.compare.points", { value: f.signedPoints(change.difference) })}
      </span>
      {vs ? ` ${vs}` : null}
      {clear ? null : <span className="block text-xs text-slate-600">{t("funnels.compare.unclear")}</span>}
      {interval ? <span className="block text-xs text-slate-500">{interval}</span> : null}
    </>
  );
}
