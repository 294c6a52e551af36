"use client";

import { useI18n } from "@/components/i18n/I18nProvider";
import type { RateChange } from "@/lib/funnel/compare";

/**
 * A change of a rate against the previous period in percentage points, with its 95 % interval under
 * it ("+1.20 pp", "95%: −0.30 to +2.70 pp"); an arrow and the sign carry the direction, not colour alone.
 */
export function PointsChange({ change, inline = false }: { change: RateChange; inline?: boolean }) {
  const { t, f } = useI18n();
  if (change.difference === null) return <span>{t("funnels.compare.none")}</span>;
  const arrow = change.difference > 0 ? "▲" : change.difference < 0 ? "▼" : "";
  const tone = change.difference > 0 ? "text-emerald-700" : change.difference < 0 ? "text-red-700" : "text-slate-700";
  const interval = change.interval
    ? t("funnels.compare.interval", { low: f.signedPoints(change.interval.low), high: f.signedPoints(change.interval.high) })
    : null;
  return (
    <>
      <span className={tone}>
        {arrow ? (
          <span aria-hidden className="mr-1 text-[0.7em]">
            {arrow}
          </span>
        ) : null}
        {t("funnels.compare.points", { value: f.signedPoints(change.difference) })}
      </span>
      {interval ? <span className={inline ? "ml-1 text-xs text-slate-500" : "block text-xs text-slate-500"}>{interval}</span> : null}
    </>
  );
}
