"use client";

import { useI18n } from "@/components/i18n/I18nProvider";
import { segmentFieldLabel } from "@/lib/funnel/field-label";
import { Card, CardHeader } from "@/components/ui/Card";
import type { FunnelResults } from "@/db/queries/funnel/funnelResults";

/** Ad spend per breakdown value (source, medium or campaign) with its cost per entered and per converted visitor. */
export function BreakdownCosts({ breakdown }: { breakdown: NonNullable<FunnelResults["breakdown"]> }) {
  const { t, f } = useI18n();
  const rows = breakdown.series.filter((s) => s.costs);
  if (!rows.length) return null;
  const label = (v: string | null) => (v === null ? t("funnels.filters.other") : v === "(none)" ? t("funnels.filters.none") : v);
  return (
    <Card data-testid="funnel-costs">
      <CardHeader title={t("spend.costs.title")} description={segmentFieldLabel(t, breakdown.field)} />
      <div className="overflow-x-auto px-4 py-2">
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-xs font-medium uppercase tracking-wide text-slate-500">
              <th scope="col" className="py-2 pr-3 text-left">{segmentFieldLabel(t, breakdown.field)}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("funnels.summary.entered")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("funnels.summary.converted")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("spend.funnel.spend")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("spend.funnel.perEntered")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("spend.funnel.perConverted")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.value ?? "other"} className="border-b border-slate-100 last:border-0" data-testid="funnel-cost-row" data-value={s.value ?? ""}>
                <th scope="row" className="py-2 pr-3 text-left font-medium text-slate-800">{label(s.value)}</th>
                <td className="px-3 py-2 text-right tabular-nums">{f.number(s.steps[0].visitors)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{f.number(s.steps[s.steps.length - 1].visitors)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{f.currency(s.costs!.spend)}</td>
                <td className="px-3 py-2 text-right tabular-nums" data-testid="funnel-cost-entered">{f.currency(s.costs!.perEntered)}</td>
                <td className="px-3 py-2 text-right tabular-nums" data-testid="funnel-cost-converted">{f.currency(s.costs!.perConverted)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
