"use client";

import { useI18n } from "@/components/i18n/I18nProvider";
import { Badge } from "@/components/ui/Badge";
import { Table, THead, TBody, Th, Tr, RowHeader, Td } from "@/components/ui/Table";
import { intlTag } from "@/lib/i18n/locales";
import type { Readout } from "@/lib/experiments/readout";
import type { ExperimentView } from "./types";

/** One experiment's readout: the table per variant with the test named, progress to the plan, and the verdict in words. */
export function ReadoutCard({ result }: { result: ExperimentView }) {
  const { t, f, locale } = useI18n();
  // p-values to two significant digits, the tiny ones as "< 0.0001": more digits claim a precision the normal approximation lacks.
  const sig = new Intl.NumberFormat(intlTag(locale), { maximumSignificantDigits: 2 });
  const pValue = (p: number | null) => (p === null ? "–" : p < 0.0001 ? `< ${sig.format(0.0001)}` : sig.format(p));
  const { readout, experiment } = result;
  if (!readout)
    return (
      <p className="px-5 py-4 text-sm text-amber-800" data-testid="experiment-missing-target">
        {t("experiments.meta.missingTarget")}
      </p>
    );
  // No early winner (README: A/B tests): until every variant has the planned sample, no significance
  // badge and no green or red uplift, only what is still missing.
  const planned = readout.plannedPerVariant;
  const sampleReached = planned !== null && readout.progress >= 1;
  return (
    <div className="space-y-4 px-5 py-4">
      <Table label={t("experiments.table.caption")} testId="readout-table">
        <THead>
          <Th>{t("experiments.table.variant")}</Th>
          <Th numeric>{t("experiments.table.visitors")}</Th>
          <Th numeric>{t("experiments.table.conversions")}</Th>
          <Th numeric>{t("experiments.table.rate")}</Th>
          <Th numeric>{t("experiments.table.uplift")}</Th>
          <Th numeric>{t("experiments.table.pValue")}</Th>
          <Th numeric>{t("experiments.table.significant")}</Th>
        </THead>
        <TBody>
          {readout.variants.map((v) => (
            <Tr key={v.variant} data-testid="readout-row" data-variant={v.variant}>
              <RowHeader>
                <code className="font-mono text-xs">{v.variant}</code>
                {v.isControl ? (
                  <span className="ml-2 align-middle">
                    <Badge>{t("experiments.table.control")}</Badge>
                  </span>
                ) : null}
              </RowHeader>
              <Td numeric>{f.number(v.visitors)}</Td>
              <Td numeric>{f.number(v.converted)}</Td>
              <Td numeric>
                <span className="font-semibold text-slate-900">{f.percent(v.rate)}</span>
                {v.rate !== null ? (
                  <span className="block text-[11px] text-slate-400">{f.interval(v.rateInterval.low, v.rateInterval.high)}</span>
                ) : null}
              </Td>
              <Td numeric data-testid="readout-uplift">
                {v.isControl ? (
                  "–"
                ) : (
                  <span
                    className={
                      sampleReached && v.significant
                        ? v.uplift! > 0
                          ? "font-semibold text-emerald-700"
                          : "font-semibold text-red-700"
                        : "text-slate-900"
                    }
                  >
                    {f.signedPercent(v.uplift)}
                  </span>
                )}
                {v.upliftInterval ? (
                  <span className="block text-[11px] text-slate-400">{f.signedInterval(v.upliftInterval.low, v.upliftInterval.high)}</span>
                ) : null}
              </Td>
              <Td numeric data-testid="readout-p">
                {pValue(v.pValue)}
              </Td>
              <Td className="text-right" data-testid="readout-significant">
                {v.isControl ? (
                  "–"
                ) : !sampleReached ? (
                  <span className="text-xs text-slate-600" data-testid="readout-missing">
                    {planned === null
                      ? t("experiments.table.noPlanYet")
                      : planned > v.visitors
                        ? t("experiments.table.missing", { count: planned - v.visitors })
                        : t("experiments.table.waitingOthers")}
                  </span>
                ) : v.significant ? (
                  <Badge tone={v.uplift! > 0 ? "green" : "red"}>{t("experiments.table.yes")}</Badge>
                ) : (
                  <Badge>{t("experiments.table.no")}</Badge>
                )}
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      <p className="text-xs text-slate-500" data-testid="readout-test">
        {readout.comparisons > 1
          ? t("experiments.table.test", { n: readout.comparisons, alpha: f.decimal(Number(readout.alphaPerComparison.toPrecision(3))) })
          : t("experiments.table.testOne")}
      </p>
      <Progress readout={readout} minimumUplift={experiment.minimumUplift} />
      <Verdict readout={readout} minimumUplift={experiment.minimumUplift} />
      {result.unassigned > 0 ? (
        <p className="text-xs text-slate-500" data-testid="readout-unassigned">
          {t("experiments.meta.unassigned", { count: result.unassigned })}
        </p>
      ) : null}
    </div>
  );
}

function Progress({ readout, minimumUplift }: { readout: Readout; minimumUplift: number }) {
  const { t, f } = useI18n();
  if (readout.plannedPerVariant === null)
    return (
      <p className="text-sm text-slate-500" data-testid="readout-progress">
        {t("experiments.progress.noPlan")}
      </p>
    );
  const smallest = Math.min(...readout.variants.map((v) => v.visitors));
  const pct = Math.round(readout.progress * 100);
  return (
    <div data-testid="readout-progress">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium text-slate-700">{t("experiments.progress.label")}</span>
        <span className="tabular-nums text-slate-600">
          {t("experiments.progress.value", {
            done: Math.min(smallest, readout.plannedPerVariant),
            count: readout.plannedPerVariant,
            pct: f.percent(readout.progress),
          })}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={t("experiments.progress.label")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        className="mt-1.5 h-2 overflow-hidden rounded-full bg-slate-100"
      >
        <div
          className={readout.progress >= 1 ? "h-full rounded-full bg-emerald-500" : "h-full rounded-full bg-brand-500"}
          style={{ width: `${pct}%` }}
        />
      </div>
      {readout.baselineRate !== null ? (
        <p className="mt-1.5 text-xs text-slate-500">
          {t("experiments.progress.basis", {
            uplift: f.percent(minimumUplift),
            rate: f.percent(readout.baselineRate),
            source: t(
              readout.baselineSource === "pre_experiment" ? "experiments.progress.sourcePre" : "experiments.progress.sourceControl",
            ),
          })}
        </p>
      ) : null}
    </div>
  );
}

function Verdict({ readout, minimumUplift }: { readout: Readout; minimumUplift: number }) {
  const { t, f } = useI18n();
  const v = readout.verdict;
  const upliftOf = (id: string) => readout.variants.find((r) => r.variant === id)?.uplift ?? null;
  const text =
    v.code === "collecting"
      ? readout.plannedPerVariant === null
        ? t("experiments.verdict.noPlan")
        : t("experiments.verdict.collecting", { pct: f.percent(readout.progress) })
      : v.code === "winner"
        ? t("experiments.verdict.winner", { variant: v.variantId, uplift: f.signedPercent(upliftOf(v.variantId)) })
        : v.code === "loser"
          ? t("experiments.verdict.loser", { variant: v.variantId, uplift: f.signedPercent(upliftOf(v.variantId)) })
          : t("experiments.verdict.noDifference", { uplift: f.percent(minimumUplift) });
  const tone =
    v.code === "winner"
      ? "bg-emerald-50 ring-emerald-200 text-emerald-900"
      : v.code === "loser"
        ? "bg-red-50 ring-red-200 text-red-900"
        : v.code === "collecting"
          ? "bg-amber-50 ring-amber-200 text-amber-900"
          : "bg-slate-50 ring-slate-200 text-slate-800";
  return (
    <div className={`rounded-lg p-3 text-sm ring-1 ring-inset ${tone}`} data-testid="readout-verdict" data-verdict={v.code}>
      <span className="font-semibold">{t("experiments.verdict.label")}: </span>
      {text}
    </div>
  );
}
