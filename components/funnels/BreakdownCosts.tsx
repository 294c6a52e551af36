"use client";

import { useI18n } from "@/components/i18n/I18nProvider";
import { segmentFieldLabel } from "@/lib/funnel/field-label";
import { Card, CardHeader } from "@/components/ui/Card";
import { Table, THead, TBody, Th, Tr, RowHeader, Td } from "@/components/ui/Table";
import type { FunnelResults } from "@/lib/funnel/types";

/** Ad spend per breakdown value (source, medium or campaign) with its cost per entered and per converted visitor. */
export function BreakdownCosts({ breakdown }: { breakdown: NonNullable<FunnelResults["breakdown"]> }) {
  const { t, f } = useI18n();
  const rows = breakdown.series.filter((s) => s.costs);
  if (!rows.length) return null;
  const label = (v: string | null) => (v === null ? t("funnels.filters.other") : v === "(none)" ? t("funnels.filters.none") : v);
  return (
    <Card data-testid="funnel-costs">
      <CardHeader title={t("spend.costs.title")} description={segmentFieldLabel(t, breakdown.field)} />
      <Table label={t("spend.costs.title")} wrapperClassName="px-4 py-2">
        <THead>
          <Th>{segmentFieldLabel(t, breakdown.field)}</Th>
          <Th numeric>{t("funnels.summary.entered")}</Th>
          <Th numeric>{t("funnels.summary.converted")}</Th>
          <Th numeric>{t("spend.funnel.spend")}</Th>
          <Th numeric>{t("spend.funnel.perEntered")}</Th>
          <Th numeric>{t("spend.funnel.perConverted")}</Th>
        </THead>
        <TBody>
          {rows.map((s) => (
            <Tr key={s.value ?? "other"} data-testid="funnel-cost-row" data-value={s.value ?? ""}>
              <RowHeader>{label(s.value)}</RowHeader>
              <Td numeric>{f.number(s.steps[0].visitors)}</Td>
              <Td numeric>{f.number(s.steps[s.steps.length - 1].visitors)}</Td>
              <Td numeric>{f.currency(s.costs!.spend)}</Td>
              <Td numeric data-testid="funnel-cost-entered">
                {f.currency(s.costs!.perEntered)}
              </Td>
              <Td numeric data-testid="funnel-cost-converted">
                {f.currency(s.costs!.perConverted)}
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}
