"use client";

import { useState, useTransition } from "react";
import { usePathname, useRouter } from "next/navigation";
import { deleteSpendAction } from "@/app/(app)/projects/[projectId]/spend/actions";
import { actionErrorText } from "@/lib/action-result";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { Table, THead, TBody, Th, Tr, RowHeader, Td } from "@/components/ui/Table";
import { Button } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/Field";
import { intlTag } from "@/lib/i18n/locales";
import { SpendForm } from "./SpendForm";
import { SpendUpload } from "./SpendUpload";

export type SpendEntryView = {
  id: string;
  period: "day" | "month";
  day: string;
  source: string;
  medium: string;
  campaign: string;
  amount: number;
};

type Props = {
  projectId: string;
  canEdit: boolean;
  range: { first: string; last: string };
  entries: SpendEntryView[];
  total: number;
  bySource: { source: string; amount: number }[];
};

/** The ad spend page: a form and a CSV upload for admins, and the entries of a range with their totals. */
export function SpendPage({ projectId, canEdit, range, entries, total, bySource }: Props) {
  const { t, f, locale } = useI18n();
  const router = useRouter();
  const pathname = usePathname();
  const [pending, start] = useTransition();
  const [status, setStatus] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [from, setFrom] = useState(range.first);
  const [to, setTo] = useState(range.last);
  const month = new Intl.DateTimeFormat(intlTag(locale), { month: "long", year: "numeric", timeZone: "UTC" });
  const day = new Intl.DateTimeFormat(intlTag(locale), { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  const when = (e: SpendEntryView) =>
    e.period === "month"
      ? t("spend.list.monthOf", { month: month.format(new Date(`${e.day}T00:00:00Z`)) })
      : day.format(new Date(`${e.day}T00:00:00Z`));
  const saved = (text: string) => {
    setStatus({ tone: "ok", text });
    router.refresh();
  };
  const remove = (e: SpendEntryView) => {
    if (!window.confirm(t("spend.list.deleteConfirm"))) return;
    start(async () => {
      const r = await deleteSpendAction(projectId, e.id);
      if (!r.ok) return setStatus({ tone: "error", text: actionErrorText(t, "spend", r.error) });
      saved(t("spend.list.deleted"));
    });
  };

  return (
    <div className="space-y-5" data-testid="spend-page">
      <div className="max-w-3xl">
        <h2 className="text-lg font-semibold text-slate-900">{t("spend.title")}</h2>
        <p className="mt-0.5 text-sm text-slate-500">{t("spend.intro")}</p>
      </div>
      {!canEdit ? (
        <p className="text-sm text-slate-500" data-testid="spend-read-only">
          {t("spend.readOnly")}
        </p>
      ) : null}
      {status ? (
        <p role="status" className={status.tone === "ok" ? "text-sm text-emerald-700" : "text-sm text-red-600"} data-testid="spend-status">
          {status.text}
        </p>
      ) : null}
      {canEdit ? (
        <div className="grid gap-5 xl:grid-cols-[3fr_2fr] [&>*]:min-w-0">
          <SpendForm projectId={projectId} onSaved={saved} />
          <SpendUpload projectId={projectId} onImported={() => router.refresh()} />
        </div>
      ) : null}

      <Card>
        <CardHeader
          title={t("spend.list.title")}
          description={t("spend.list.range", {
            from: day.format(new Date(`${range.first}T00:00:00Z`)),
            to: day.format(new Date(`${range.last}T00:00:00Z`)),
          })}
          actions={
            <form
              className="flex flex-wrap items-end gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                router.replace(`${pathname}?from=${from}&to=${to}`);
              }}
            >
              <label className="text-xs font-medium text-slate-500">
                {t("spend.list.from")}
                <input
                  type="date"
                  value={from}
                  onChange={(e) => setFrom(e.target.value)}
                  className={`${inputClass} mt-1 py-1.5`}
                  data-testid="spend-from"
                />
              </label>
              <label className="text-xs font-medium text-slate-500">
                {t("spend.list.to")}
                <input
                  type="date"
                  value={to}
                  onChange={(e) => setTo(e.target.value)}
                  className={`${inputClass} mt-1 py-1.5`}
                  data-testid="spend-to"
                />
              </label>
              <Button type="submit" variant="secondary" size="sm">
                {t("spend.list.show")}
              </Button>
            </form>
          }
        />
        {entries.length === 0 ? (
          <p className="px-5 py-8 text-center text-sm text-slate-500" data-testid="spend-empty">
            {t("spend.list.empty")}
          </p>
        ) : (
          <Table label={t("spend.list.title")} testId="spend-table" wrapperClassName="px-4 py-2">
            <THead>
              <Th>{t("spend.list.period")}</Th>
              <Th>{t("spend.list.source")}</Th>
              <Th>{t("spend.list.medium")}</Th>
              <Th>{t("spend.list.campaign")}</Th>
              <Th numeric>{t("spend.list.amount")}</Th>
              {canEdit ? (
                <Th>
                  <span className="sr-only">{t("spend.list.delete")}</span>
                </Th>
              ) : null}
            </THead>
            <TBody>
              {entries.map((e) => (
                <Tr key={e.id} data-testid="spend-row" data-source={e.source}>
                  <Td className="whitespace-nowrap text-slate-700">{when(e)}</Td>
                  <RowHeader className="text-slate-900">{e.source}</RowHeader>
                  <Td className="text-slate-600">{e.medium || "–"}</Td>
                  <Td className="text-slate-600">{e.campaign || "–"}</Td>
                  <Td numeric className="text-slate-900" data-testid="spend-amount">
                    {f.currency(e.amount)}
                  </Td>
                  {canEdit ? (
                    <Td className="text-right">
                      <Button
                        variant="ghost"
                        size="sm"
                        disabled={pending}
                        onClick={() => remove(e)}
                        aria-label={t("spend.list.deleteLabel", { source: e.source, date: when(e) })}
                        data-testid="spend-delete"
                      >
                        {t("spend.list.delete")}
                      </Button>
                    </Td>
                  ) : null}
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
        <div className="grid gap-4 border-t border-slate-100 px-5 py-4 sm:grid-cols-[auto_1fr]">
          <div>
            <p className="text-sm text-slate-500">{t("spend.list.total")}</p>
            <p className="text-2xl font-semibold tabular-nums text-slate-900" data-testid="spend-total">
              {f.currency(total)}
            </p>
            <p className="mt-1 text-xs text-slate-500">{t("spend.list.totalHint")}</p>
          </div>
          {bySource.length ? (
            <div className="sm:pl-6">
              <p className="text-sm text-slate-500">{t("spend.list.bySource")}</p>
              <ul className="mt-1 flex flex-wrap gap-x-5 gap-y-1 text-sm" data-testid="spend-by-source">
                {bySource.map((s) => (
                  <li key={s.source}>
                    <span className="font-medium text-slate-800">{s.source}</span>{" "}
                    <span className="tabular-nums text-slate-600">{f.currency(s.amount)}</span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      </Card>
    </div>
  );
}
