"use client";

import { useI18n } from "@/components/i18n/I18nProvider";
import { Table, THead, TBody, Th, Tr, RowHeader, Td } from "@/components/ui/Table";
import type { StepResult } from "@/lib/funnel/rates";
import { MIN_VISITORS_FOR_RATE } from "@/lib/stats/wilson";

/**
 * The numbers behind the chart, step by step, with each rate's 95 % interval. With `audienceHref`,
 * each step but the last links to the download of who reached it but not the next step.
 */
export function StepTable({
  labels,
  steps,
  audienceHref,
  peopleHref,
}: {
  labels: string[];
  steps: StepResult[];
  audienceHref?: (step: number) => string;
  /** The page listing who dropped off after a step (each person viewable and, for admins, deletable). */
  peopleHref?: (step: number) => string;
}) {
  const { t, f } = useI18n();
  return (
    <Table label={t("funnels.table.caption")} density="roomy" testId="step-table">
      <THead>
        <Th>{t("funnels.table.step")}</Th>
        <Th numeric>{t("funnels.table.visitors")}</Th>
        <Th numeric>{t("funnels.table.fromStart")}</Th>
        <Th numeric>{t("funnels.table.fromPrevious")}</Th>
        <Th numeric>{t("funnels.table.dropOff")}</Th>
        <Th numeric>{t("funnels.table.medianTime")}</Th>
        {audienceHref ? <Th numeric>{t("funnels.table.audience")}</Th> : null}
      </THead>
      <TBody>
        {steps.map((s, i) => {
          const prev = i === 0 ? s.visitors : steps[i - 1].visitors;
          const small = prev > 0 && prev < MIN_VISITORS_FOR_RATE;
          return (
            <Tr key={i}>
              <RowHeader>
                <span className="mr-2 inline-flex size-5 items-center justify-center rounded-full bg-brand-50 text-xs text-brand-700">
                  {i + 1}
                </span>
                {labels[i]}
              </RowHeader>
              <Td numeric data-testid={`step-visitors-${i + 1}`}>
                {f.number(s.visitors)}
              </Td>
              <Td numeric>
                {f.percent(s.conversionFromStart)}
                {i > 0 && s.conversionFromStart !== null ? (
                  <span className="block text-xs text-slate-400">{f.interval(s.intervalFromStart.low, s.intervalFromStart.high)}</span>
                ) : null}
              </Td>
              <Td numeric>
                {i === 0 ? "–" : f.percent(s.conversionFromPrevious)}
                {small ? (
                  <span title={t("funnels.table.smallSample")} aria-label={t("funnels.table.smallSample")} className="ml-1 text-amber-600">
                    ⚠
                  </span>
                ) : null}
              </Td>
              <Td numeric className="text-orange-700">
                {i === 0 ? "–" : f.percent(s.dropOff)}
              </Td>
              <Td numeric className="text-slate-600">
                {i === 0 ? "–" : f.duration(s.medianSecondsFromPrevious)}
              </Td>
              {audienceHref ? (
                <Td numeric>
                  {i < steps.length - 1 ? (
                    <a
                      href={audienceHref(i + 1)}
                      download
                      data-testid={`audience-${i + 1}`}
                      title={t("funnels.table.whoDroppedOffLabel", { count: s.visitors - steps[i + 1].visitors, step: labels[i] })}
                      className="whitespace-nowrap rounded text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
                    >
                      {t("funnels.table.whoDroppedOff", { n: f.number(s.visitors - steps[i + 1].visitors) })}
                    </a>
                  ) : null}
                  {peopleHref && i < steps.length - 1 ? (
                    <a
                      href={peopleHref(i + 1)}
                      data-testid={`audience-people-${i + 1}`}
                      aria-label={t("persons.audience.viewPeopleLabel", { step: labels[i] })}
                      className="ml-3 whitespace-nowrap rounded text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
                    >
                      {t("persons.audience.viewPeople")}
                    </a>
                  ) : null}
                </Td>
              ) : null}
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
