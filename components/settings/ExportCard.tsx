"use client";

import { useState } from "react";
import Link from "next/link";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { Button } from "@/components/ui/Button";
import { TextField, inputClass } from "@/components/ui/Field";
import { cx } from "@/components/ui/cx";
import { EXPORT_FORMATS, type ExportFormat } from "@/lib/export/events";
import { isOneOf } from "@/lib/one-of";

type Problem = { field: "from" | "to" | "form"; text: string };

/**
 * Downloads the project's events for a range of days (GET /api/v1/projects/:id/export). It asks the
 * route to count first (check=1), so a range that is too large or wrong is said beside its field in
 * the reader's language; then the browser downloads the streamed file itself (no copy in memory).
 */
export function ExportCard({
  projectId,
  defaultFrom,
  defaultTo,
  maxRows,
}: {
  projectId: string;
  defaultFrom: string;
  defaultTo: string;
  maxRows: number;
}) {
  const { t } = useI18n();
  const [from, setFrom] = useState(defaultFrom);
  const [to, setTo] = useState(defaultTo);
  const [format, setFormat] = useState<ExportFormat>("csv");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [started, setStarted] = useState<number | null>(null);

  const download = async () => {
    setProblem(null);
    setStarted(null);
    if (!from || !to || from > to) return setProblem({ field: "from", text: t("project.settings.exportErrors.range") });
    const url = `/api/v1/projects/${projectId}/export?${new URLSearchParams({ from, to, format })}`;
    setBusy(true);
    try {
      const res = await fetch(`${url}&check=1`, { cache: "no-store" });
      const body = (await res.json().catch(() => null)) as { rows?: number; error?: { field?: string } } | null;
      if (!res.ok) {
        const field = body?.error?.field === "to" ? "to" : "from";
        if (res.status === 422) return setProblem({ field: "from", text: t("project.settings.exportErrors.tooLarge", { count: maxRows }) });
        if (res.status === 429) return setProblem({ field: "form", text: t("project.settings.exportErrors.busy") });
        if (res.status === 403) return setProblem({ field: "form", text: t("project.settings.exportAdminOnly") });
        if (res.status === 400) return setProblem({ field, text: t("project.settings.exportErrors.day") });
        return setProblem({ field: "form", text: t("project.settings.exportErrors.failed") });
      }
      setStarted(body?.rows ?? 0);
      const a = document.createElement("a");
      a.href = url;
      a.download = "";
      document.body.appendChild(a);
      a.click();
      a.remove();
    } catch {
      setProblem({ field: "form", text: t("project.settings.exportErrors.failed") });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card>
      <CardHeader title={t("project.settings.exportTitle")} description={t("project.settings.exportBody")} />
      <form
        className="space-y-4 p-5"
        data-testid="export-events"
        onSubmit={(e) => {
          e.preventDefault();
          void download();
        }}
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t("project.settings.exportFrom")}
            name="from"
            type="date"
            min="2000-01-01"
            max="2100-12-31"
            required
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            error={problem?.field === "from" ? problem.text : undefined}
          />
          <TextField
            label={t("project.settings.exportTo")}
            name="to"
            type="date"
            min="2000-01-01"
            max="2100-12-31"
            required
            value={to}
            onChange={(e) => setTo(e.target.value)}
            error={problem?.field === "to" ? problem.text : undefined}
          />
        </div>
        <div>
          <label htmlFor="export-format" className="block text-sm font-medium text-slate-700">
            {t("project.settings.exportFormat")}
          </label>
          <select
            id="export-format"
            value={format}
            onChange={(e) => isOneOf(EXPORT_FORMATS, e.target.value) && setFormat(e.target.value)}
            className={cx(inputClass, "mt-1.5")}
          >
            <option value="csv">{t("project.settings.exportCsv")}</option>
            <option value="ndjson">{t("project.settings.exportNdjson")}</option>
          </select>
        </div>
        <p className="text-sm text-slate-500">{t("project.settings.exportLimit", { count: maxRows })}</p>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={busy} data-testid="export-button">
            {busy ? t("project.settings.exportChecking") : t("project.settings.exportButton")}
          </Button>
          <p
            role="status"
            className={cx("text-sm", problem?.field === "form" ? "text-red-700" : "text-slate-600")}
            data-testid="export-status"
          >
            {problem?.field === "form" ? problem.text : started !== null ? t("project.settings.exportStarted", { count: started }) : ""}
          </p>
        </div>
        <p className="text-sm">
          <Link href="/privacy" className="font-medium text-brand-700 underline-offset-2 hover:underline">
            {t("project.settings.privacyLink")}
          </Link>
        </p>
      </form>
    </Card>
  );
}
