"use client";

import { Fragment } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Badge } from "@/components/ui/Badge";
import { Table, THead, TBody, Th, Tr, RowHeader, Td } from "@/components/ui/Table";
import { COLORS } from "@/components/charts/register";
import type { StepResult } from "@/lib/funnel/rates";
import type { RateChange } from "@/lib/funnel/compare";
import { MIN_VISITORS_FOR_RATE } from "@/lib/stats/wilson";
import { PointsChange } from "./PointsChange";

/** A breakdown value's steps, as its rows under each step of the table. */
export type ValueRows = { label: string; steps: StepResult[] }[];

/**
 * The numbers behind the chart, step by step, with each rate's 95 % interval. Optional steps say so.
 * With `changes` (compare with previous period) a column gives each step's change of conversion from
 * the start in percentage points with its interval; with `values` (a breakdown) each step has a row per
 * value under it, and a note under the table says a visitor can count under more than one value. With
 * `audienceHref`, each step but the last links to the download of who reached it but not the next step.
 * A rate from fewer than MIN_VISITORS_FOR_RATE visitors has a ⚠ whose meaning is a footnote under the
 * table (visible on a phone, read in place by a screen reader), not only a hover title.
 */
export function StepTable({
  labels,
  steps,
  optional = [],
  changes,
  values,
  audienceHref,
  peopleHref,
}: {
  labels: string[];
  steps: StepResult[];
  /** per step: marked optional in the definition */
  optional?: boolean[];
  changes?: (RateChange | null)[];
  values?: ValueRows;
  audienceHref?: (step: number) => string;
  /** The page listing who dropped off after a step (each person viewable and, for admins, deletable). */
  peopleHref?: (step: number) => string;
}) {
  const { t, f } = useI18n();
  const smallAt = (i: number) => {
    const prev = i === 0 ? steps[i].visitors : steps[i - 1].visitors;
    return prev > 0 && prev < MIN_VISITORS_FOR_RATE;
  };
  const anySmall = steps.some((_, i) => smallAt(i));
  return (
    <>
      <Table label={t("funnels.table.caption")} density="roomy" testId="step-table">
        <THead>
          <Th>{t("funnels.table.step")}</Th>
          <Th numeric>{t("funnels.table.visitors")}</Th>
          <Th numeric>{t("funnels.table.fromStart")}</Th>
          <Th numeric>{t("funnels.table.fromPrevious")}</Th>
          <Th numeric>{t("funnels.table.dropOff")}</Th>
          {changes ? <Th numeric>{t("funnels.compare.column")}</Th> : null}
          <Th numeric>{t("funnels.table.medianTime")}</Th>
          {audienceHref ? <Th numeric>{t("funnels.table.audience")}</Th> : null}
        </THead>
        <TBody>
          {steps.map((s, i) => {
            const small = smallAt(i);
            return (
              <Fragment key={i}>
                <Tr data-testid={`step-row-${i + 1}`} data-optional={optional[i] ? "true" : undefined}>
                  {/* A name wraps at word breaks in a column wide enough for two words, beside its number. */}
                  <RowHeader className="min-w-40">
                    <span className="flex items-start gap-2">
                      <span className="inline-flex size-5 shrink-0 items-center justify-center rounded-full bg-brand-50 text-xs text-brand-700">
                        {i + 1}
                      </span>
                      <span className="min-w-0">
                        {labels[i]}
                        {optional[i] ? (
                          <span className="ml-2" data-testid={`step-optional-${i + 1}`}>
                            <Badge>{t("funnels.table.optional")}</Badge>
                          </span>
                        ) : null}
                      </span>
                    </span>
                  </RowHeader>
                  <Td numeric data-testid={`step-visitors-${i + 1}`}>
                    {f.number(s.visitors)}
                  </Td>
                  <Td numeric>
                    {f.percent(s.conversionFromStart)}
                    {i > 0 && s.conversionFromStart !== null ? (
                      <span className="block text-xs text-slate-500">{f.interval(s.intervalFromStart.low, s.intervalFromStart.high)}</span>
                    ) : null}
                  </Td>
                  <Td numeric>
                    {i === 0 ? "–" : f.percent(s.conversionFromPrevious)}
                    {small ? (
                      // role="img" with its label, not an sr-only span: an absolutely placed span in a far column
                      // escapes the table's sideways scroll and widens the page on a phone.
                      <span
                        role="img"
                        className="ml-1 text-amber-700"
                        title={t("funnels.table.smallSample")}
                        aria-label={t("funnels.table.smallSample")}
                        data-testid={`step-small-${i + 1}`}
                      >
                        ⚠
                      </span>
                    ) : null}
                  </Td>
                  <Td numeric className="text-orange-700">
                    {i === 0 ? "–" : f.percent(s.dropOff)}
                  </Td>
                  {changes ? (
                    <Td numeric data-testid={`step-change-${i + 1}`} data-points={changes[i]?.difference ?? undefined}>
                      {changes[i] ? <PointsChange change={changes[i]} /> : "–"}
                    </Td>
                  ) : null}
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
                {values?.map((v, vi) => {
                  const vs = v.steps[i];
                  if (!vs) return null;
                  return (
                    <Tr
                      key={`${i}-${vi}`}
                      className="bg-slate-50/60 text-slate-700"
                      data-testid="step-value-row"
                      data-step={String(i + 1)}
                      data-value={v.label}
                    >
                      <RowHeader className="min-w-40 pl-7 font-normal text-slate-700">
                        {/* The chip stays beside its value, however the value wraps. */}
                        <span className="flex items-center gap-2">
                          <span
                            aria-hidden
                            className="inline-block size-2.5 shrink-0 rounded-sm"
                            style={{ background: COLORS.series[vi % COLORS.series.length] }}
                          />
                          <span className="min-w-0 break-words">
                            <span className="sr-only">{t("funnels.table.valueOf", { step: labels[i] })} </span>
                            {v.label}
                          </span>
                        </span>
                      </RowHeader>
                      <Td numeric data-testid="value-visitors">
                        {f.number(vs.visitors)}
                      </Td>
                      <Td numeric>{f.percent(vs.conversionFromStart)}</Td>
                      <Td numeric>{i === 0 ? "–" : f.percent(vs.conversionFromPrevious)}</Td>
                      <Td numeric className="text-orange-700">
                        {i === 0 ? "–" : f.percent(vs.dropOff)}
                      </Td>
                      {changes ? <Td numeric /> : null}
                      <Td numeric className="text-slate-600">
                        {i === 0 ? "–" : f.duration(vs.medianSecondsFromPrevious)}
                      </Td>
                      {audienceHref ? <Td numeric /> : null}
                    </Tr>
                  );
                })}
              </Fragment>
            );
          })}
        </TBody>
      </Table>
      {values?.length || anySmall ? (
        <div className="mt-3 space-y-1 text-xs text-slate-600">
          {values?.length ? <p data-testid="breakdown-overlap-note">{t("funnels.table.breakdownOverlap")}</p> : null}
          {anySmall ? (
            <p data-testid="small-sample-note">
              <span aria-hidden className="mr-1 text-amber-700">
                ⚠
              </span>
              {t("funnels.table.smallSampleNote", { count: MIN_VISITORS_FOR_RATE })}
            </p>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
