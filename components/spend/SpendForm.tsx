"use client";

import { useState, useTransition } from "react";
import { addSpendAction } from "@/app/(app)/projects/[projectId]/spend/actions";
import { actionErrorText, fieldErrorText, firstFieldError } from "@/lib/action-result";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { TextField } from "@/components/ui/Field";
import { NumberInput } from "@/components/ui/NumberInput";
import { Button } from "@/components/ui/Button";
import { SPEND_INPUT_FIELDS, type SpendInputField } from "@/lib/spend/entry";

/** One spend entry by hand: a day or a month, source, medium, campaign and amount; problems beside their field. */
export function SpendForm({ projectId, onSaved }: { projectId: string; onSaved: (text: string) => void }) {
  const { t } = useI18n();
  const [pending, start] = useTransition();
  const [period, setPeriod] = useState<"day" | "month">("day");
  const [values, setValues] = useState({ date: "", source: "", medium: "", campaign: "" });
  const [amount, setAmount] = useState<number | null>(null);
  const [problem, setProblem] = useState<{ field?: SpendInputField; text: string } | null>(null);
  const set = (k: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement>) => setValues({ ...values, [k]: e.target.value });
  const errorFor = (field: SpendInputField) => (problem?.field === field ? problem.text : undefined);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    start(async () => {
      // The amount as read by the NumberInput ("1.234,50" → 1234.5); nothing typed or unreadable → empty, which the server refuses by name.
      const r = await addSpendAction(projectId, { ...values, amount: amount ?? "" });
      if (r.ok) {
        setAmount(null);
        return onSaved(r.data?.replaced ? t("spend.form.replaced") : t("spend.form.saved"));
      }
      const bad = firstFieldError(r.error, SPEND_INPUT_FIELDS);
      if (bad) return setProblem({ field: bad.field, text: fieldErrorText(t, "spend", bad.field, bad.code) });
      setProblem({ text: actionErrorText(t, "spend", r.error) });
    });
  };

  return (
    <Card>
      <CardHeader title={t("spend.form.title")} description={t("spend.form.description")} />
      <form noValidate onSubmit={submit} className="space-y-4 p-5" data-testid="spend-form">
        <fieldset className="flex gap-4 text-sm">
          <legend className="sr-only">{t("spend.form.period")}</legend>
          {(["day", "month"] as const).map((p) => (
            <label key={p} className="inline-flex items-center gap-2 text-slate-700">
              <input
                type="radio"
                name="period"
                value={p}
                checked={period === p}
                onChange={() => {
                  setPeriod(p);
                  setValues({ ...values, date: "" });
                }}
                className="text-brand-600 focus:ring-brand-500"
                data-testid={`spend-period-${p}`}
              />
              {t(`spend.form.${p}`)}
            </label>
          ))}
        </fieldset>
        {/* Three columns at most: five squeezed the date field below its "mm/dd/yyyy" at 1280px. */}
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <TextField
            key={period}
            label={period === "day" ? t("spend.form.date") : t("spend.form.monthLabel")}
            name="date"
            type={period === "day" ? "date" : "month"}
            placeholder={period === "day" ? "2026-03-31" : "2026-03"}
            value={values.date}
            onChange={set("date")}
            error={errorFor("date")}
            required
          />
          <TextField
            label={t("spend.form.source")}
            name="source"
            placeholder={t("spend.form.sourcePlaceholder")}
            value={values.source}
            onChange={set("source")}
            error={errorFor("source")}
            required
            autoCapitalize="none"
          />
          <TextField
            label={`${t("spend.form.medium")} (${t("spend.form.optional")})`}
            name="medium"
            placeholder={t("spend.form.mediumPlaceholder")}
            value={values.medium}
            onChange={set("medium")}
            error={errorFor("medium")}
            autoCapitalize="none"
          />
          <TextField
            label={`${t("spend.form.campaign")} (${t("spend.form.optional")})`}
            name="campaign"
            placeholder={t("spend.form.campaignPlaceholder")}
            value={values.campaign}
            onChange={set("campaign")}
            error={errorFor("campaign")}
            autoCapitalize="none"
          />
          <NumberInput
            label={t("spend.form.amount")}
            name="amount"
            placeholder={t("spend.form.amountPlaceholder")}
            value={amount}
            onValueChange={setAmount}
            min={0.01}
            maxDecimals={2}
            error={errorFor("amount")}
            required
            data-testid="spend-amount"
          />
        </div>
        {problem && !problem.field ? (
          <p role="alert" className="text-sm text-red-600">
            {problem.text}
          </p>
        ) : null}
        <Button type="submit" disabled={pending} data-testid="spend-add">
          {t("spend.form.save")}
        </Button>
      </form>
    </Card>
  );
}
