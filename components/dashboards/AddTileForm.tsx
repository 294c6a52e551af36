"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { addTileAction } from "@/app/(app)/projects/[projectId]/dashboards/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { Button } from "@/components/ui/Button";
import { TextField, inputClass } from "@/components/ui/Field";
import { cx } from "@/components/ui/cx";
import { actionErrorText, fieldErrorText } from "@/lib/action-result";
import { SEGMENT_TABLES } from "@/lib/conversions/query";
import { SEGMENT_FIELDS, type BuiltinSegmentField } from "@/lib/funnel/types";
import { segmentFieldLabel } from "@/lib/funnel/field-label";
import { TILE_KINDS, TILE_WIDTHS, type TileKind } from "@/lib/dashboards/types";
import type { TileInput } from "@/lib/dashboards/schemas";

type Option = { id: string; name: string };

/** A labelled select with its error beside it. */
function Select({ label, error, children, ...rest }: React.SelectHTMLAttributes<HTMLSelectElement> & { label: string; error?: string }) {
  return (
    <label className="block text-sm font-medium text-slate-700">
      {label}
      <select className={cx(inputClass, "mt-1.5")} aria-invalid={error ? true : undefined} {...rest}>
        {children}
      </select>
      {error ? (
        <span className="mt-1.5 block text-sm font-normal text-red-600" data-testid={`error-${rest.name}`}>
          {error}
        </span>
      ) : null}
    </label>
  );
}

/** Adds a tile of any kind to the dashboard (admins): a saved funnel with filters and breakdown, a goal, a segment table, the stage KPIs or a note. */
export function AddTileForm({
  projectId,
  dashboardId,
  funnels,
  goals,
}: {
  projectId: string;
  dashboardId: string;
  funnels: Option[];
  goals: Option[];
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [kind, setKind] = useState<TileKind>("funnel");
  const [funnelId, setFunnelId] = useState(funnels[0]?.id ?? "");
  const [goalId, setGoalId] = useState(goals[0]?.id ?? "");
  const [segmentGoal, setSegmentGoal] = useState("");
  const [field, setField] = useState<(typeof SEGMENT_TABLES)[number]>("source");
  const [breakdown, setBreakdown] = useState("");
  const [filterField, setFilterField] = useState("");
  const [filterValues, setFilterValues] = useState("");
  const [text, setText] = useState("");
  const [title, setTitle] = useState("");
  const [width, setWidth] = useState(1);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const input = (): TileInput => {
    const common = { title: title.trim() || undefined, width: width as 1 | 2 | 3 };
    switch (kind) {
      case "funnel":
        return {
          kind,
          funnelId,
          breakdown: (breakdown || undefined) as BuiltinSegmentField | undefined,
          filters: filterField && filterValues.trim() ? { [filterField]: [filterValues] } : {},
          ...common,
        };
      case "goal":
        return { kind, goalId, ...common };
      case "segments":
        return { kind, field, goalId: segmentGoal || undefined, ...common };
      case "stages":
        return { kind, ...common };
      case "note":
        return { kind, text, ...common };
    }
  };
  const submit = () =>
    start(async () => {
      const r = await addTileAction(projectId, dashboardId, input());
      if (!r.ok) {
        const out: Record<string, string> = {};
        for (const [key, code] of Object.entries(r.error.fieldErrors ?? {})) {
          const name = key.startsWith("filters") ? "filters" : key;
          out[name] ??= fieldErrorText(t, "dashboards", name, code);
        }
        if (!Object.keys(out).length) out.form = actionErrorText(t, "dashboards", r.error);
        return setErrors(out);
      }
      setErrors({});
      setText("");
      setTitle("");
      router.refresh();
    });

  return (
    <Card>
      <CardHeader title={t("dashboards.add.title")} description={t("dashboards.add.body")} />
      <form
        className="grid gap-4 p-5 sm:grid-cols-2 lg:grid-cols-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        data-testid="add-tile"
      >
        <Select
          label={t("dashboards.add.kind")}
          name="kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as TileKind)}
          data-testid="tile-kind"
        >
          {TILE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`dashboards.kinds.${k}`)}
            </option>
          ))}
        </Select>
        {kind === "funnel" ? (
          <>
            <Select
              label={t("dashboards.add.funnel")}
              name="funnelId"
              value={funnelId}
              onChange={(e) => setFunnelId(e.target.value)}
              error={errors.funnelId}
              data-testid="tile-funnel-select"
            >
              {funnels.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </Select>
            <Select
              label={t("dashboards.add.breakdown")}
              name="breakdown"
              value={breakdown}
              onChange={(e) => setBreakdown(e.target.value)}
              error={errors.breakdown}
              data-testid="tile-breakdown"
            >
              <option value="">{t("dashboards.add.noBreakdown")}</option>
              {SEGMENT_FIELDS.map((f) => (
                <option key={f} value={f}>
                  {segmentFieldLabel(t, f)}
                </option>
              ))}
            </Select>
            <div className="grid grid-cols-2 gap-2">
              <Select
                label={t("dashboards.add.filterField")}
                name="filterField"
                value={filterField}
                onChange={(e) => setFilterField(e.target.value)}
                data-testid="tile-filter-field"
              >
                <option value="">{t("dashboards.add.noFilter")}</option>
                {SEGMENT_FIELDS.map((f) => (
                  <option key={f} value={f}>
                    {segmentFieldLabel(t, f)}
                  </option>
                ))}
              </Select>
              <TextField
                label={t("dashboards.add.filterValues")}
                name="filters"
                value={filterValues}
                onChange={(e) => setFilterValues(e.target.value)}
                error={errors.filters}
                hint={t("dashboards.add.filterHint")}
                data-testid="tile-filter-values"
              />
            </div>
          </>
        ) : null}
        {kind === "goal" ? (
          <Select
            label={t("dashboards.add.goal")}
            name="goalId"
            value={goalId}
            onChange={(e) => setGoalId(e.target.value)}
            error={errors.goalId}
            data-testid="tile-goal-select"
          >
            {goals.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </Select>
        ) : null}
        {kind === "segments" ? (
          <>
            <Select
              label={t("dashboards.add.field")}
              name="field"
              value={field}
              onChange={(e) => setField(e.target.value as typeof field)}
              error={errors.field}
              data-testid="tile-field"
            >
              {SEGMENT_TABLES.map((f) => (
                <option key={f} value={f}>
                  {segmentFieldLabel(t, f)}
                </option>
              ))}
            </Select>
            <Select
              label={t("dashboards.add.segmentGoal")}
              name="goalId"
              value={segmentGoal}
              onChange={(e) => setSegmentGoal(e.target.value)}
              error={errors.goalId}
            >
              <option value="">{t("dashboards.add.macroGoal")}</option>
              {goals.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </Select>
          </>
        ) : null}
        {kind === "note" ? (
          <label className="block text-sm font-medium text-slate-700 sm:col-span-2">
            {t("dashboards.add.text")}
            <textarea
              name="text"
              rows={3}
              maxLength={2000}
              value={text}
              onChange={(e) => setText(e.target.value)}
              className={cx(inputClass, "mt-1.5")}
              aria-invalid={errors.text ? true : undefined}
              data-testid="tile-text"
            />
            {errors.text ? (
              <span className="mt-1.5 block text-sm font-normal text-red-600" data-testid="error-text">
                {errors.text}
              </span>
            ) : null}
          </label>
        ) : null}
        <TextField
          label={t("dashboards.add.tileTitle")}
          name="title"
          value={title}
          maxLength={100}
          onChange={(e) => setTitle(e.target.value)}
          error={errors.title}
          hint={t("dashboards.add.tileTitleHint")}
          data-testid="tile-title-input"
        />
        <Select label={t("dashboards.grid.width")} name="width" value={width} onChange={(e) => setWidth(Number(e.target.value))}>
          {TILE_WIDTHS.map((w) => (
            <option key={w} value={w}>
              {t(`dashboards.grid.widths.${w}`)}
            </option>
          ))}
        </Select>
        <div className="flex items-end sm:col-span-2 lg:col-span-4">
          <Button type="submit" disabled={pending} data-testid="add-tile-submit">
            {t("dashboards.add.submit")}
          </Button>
          {errors.form ? (
            <p className="ml-3 text-sm text-red-600" data-testid="add-tile-error">
              {errors.form}
            </p>
          ) : null}
        </div>
      </form>
    </Card>
  );
}
