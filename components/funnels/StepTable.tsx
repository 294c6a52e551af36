"use client";

import { useI18n } from "@/components/i18n/I18nProvider";
import type { StepResult } from "@/lib/funnel/rates";
import { MIN_VISITORS_FOR_RATE } from "@/lib/stats/wilson";

/**
 * The numbers behind the chart, step by step, with each rate's 95 % interval. With `audienceHref`,
 * each step but the last links to the download of who reached it but not the next step.
 */
export function StepTable({ labels, steps, audienceHref }: { labels: string[]; steps: StepResult[]; audienceHref?: (step: number) => string }) {
  const { t, f } = useI18n();
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="step-table">
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <th scope="col" className="py-2 pr-3">{t("funnels.table.step")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("funnels.table.visitors")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("funnels.table.fromStart")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("funnels.table.fromPrevious")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("funnels.table.dropOff")}</th>
            <th scope="col" className="py-2 pl-3 text-right">{t("funnels.table.medianTime")}</th>
            {audienceHref ? <th scope="col" className="py-2 pl-3 text-right">{t("funnels.table.audience")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {steps.map((s, i) => {
            const prev = i === 0 ? s.visitors : steps[i - 1].visitors;
            const small = prev > 0 && prev < MIN_VISITORS_FOR_RATE;
            return (
              <tr key={i} className="border-b border-slate-100 last:border-0">
                <th scope="row" className="py-2.5 pr-3 text-left font-medium text-slate-800">
                  <span className="mr-2 inline-flex size-5 items-center justify-center rounded-full bg-brand-50 text-xs text-brand-700">{i + 1}</span>
                  {labels[i]}
                </th>
                <td className="px-3 py-2.5 text-right tabular-nums" data-testid={`step-visitors-${i + 1}`}>{f.number(s.visitors)}</td>
                <td className="px-3 py-2.5 text-right tabular-nums">
                  {f.percent(s.conversionFromStart)}
                  {i > 0 && s.conversionFromStart !== null ? <span className="block text-xs text-slate-400">{f.percent(s.intervalFromStart.low)} – {f.percent(s.intervalFromStart.high)}</span> : null}
                </td>
                <td className="px-3 py-2.5 text-right tabular-nums">
                  {i === 0 ? "–" : f.percent(s.conversionFromPrevious)}
                  {small ? <span title={t("funnels.table.smallSample")} aria-label={t("funnels.table.smallSample")} className="ml-1 text-amber-600">⚠</span> : null}
                </td>
                <td className="px-3 py-2.5 text-right tabular-nums text-orange-700">{i === 0 ? "–" : f.percent(s.dropOff)}</td>
                <td className="py-2.5 pl-3 text-right tabular-nums text-slate-600">{i === 0 ? "–" : f.duration(s.medianSecondsFromPrevious)}</td>
                {audienceHref ? (
                  <td className="py-2.5 pl-3 text-right">
                    {i < steps.length - 1 ? (
                      <a
                        href={audienceHref(i + 1)}
                        download
                        data-testid={`audience-${i + 1}`}
                        title={t("funnels.table.whoDroppedOffLabel", { n: f.number(s.visitors - steps[i + 1].visitors), step: labels[i] })}
                        className="whitespace-nowrap rounded text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
                      >
                        {t("funnels.table.whoDroppedOff", { n: f.number(s.visitors - steps[i + 1].visitors) })}
                      </a>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
