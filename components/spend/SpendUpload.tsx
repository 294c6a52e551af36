"use client";

import { useId, useRef, useState, useTransition } from "react";
import { importSpendAction } from "@/app/(app)/projects/[projectId]/spend/actions";
import { actionErrorText, fieldErrorText } from "@/lib/action-result";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { Button } from "@/components/ui/Button";
import type { SpendCsvError } from "@/lib/spend/csv";
import { spendProblemText } from "@/lib/spend/problem-text";

const MAX_BYTES = 1_000_000;

/** A CSV upload: the file's text goes to the server, which keeps the good rows and lists each bad one by line. */
export function SpendUpload({ projectId, onImported }: { projectId: string; onImported: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const file = useRef<HTMLInputElement>(null);
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ inserted: number; replaced: number; errors: SpendCsvError[] } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const chosen = file.current?.files?.[0];
    if (!chosen) return setProblem(t("spend.upload.noFile"));
    if (chosen.size > MAX_BYTES) return setProblem(t("spend.upload.tooLarge"));
    start(async () => {
      const r = await importSpendAction(projectId, await chosen.text());
      if (!r.ok || !r.data) {
        const file = r.ok ? undefined : r.error.fieldErrors?.file;
        return setProblem(
          r.ok
            ? t("common.somethingWrong")
            : r.error.code === "too_large"
              ? t("spend.upload.tooLarge")
              : file
                ? fieldErrorText(t, "spend", "file", file)
                : actionErrorText(t, "spend", r.error),
        );
      }
      setResult({ inserted: r.data.inserted + r.data.replacedRows, replaced: r.data.replacedRows, errors: r.data.errors });
      if (file.current) file.current.value = "";
      onImported();
    });
  };

  return (
    <Card>
      <CardHeader title={t("spend.upload.title")} description={t("spend.upload.description")} />
      <form onSubmit={submit} className="space-y-4 p-5" data-testid="spend-upload">
        <pre className="overflow-x-auto rounded-lg bg-slate-50 px-3 py-2 font-mono text-xs text-slate-700 ring-1 ring-inset ring-slate-200">
          {t("spend.upload.example")}
        </pre>
        <div className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor={`${id}-file`} className="block text-sm font-medium text-slate-700">
              {t("spend.upload.file")}
            </label>
            <input
              id={`${id}-file`}
              ref={file}
              type="file"
              accept=".csv,text/csv,text/plain"
              className="mt-1.5 block text-sm text-slate-700 file:mr-3 file:rounded-lg file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-brand-700 hover:file:bg-brand-100"
              data-testid="spend-file"
            />
          </div>
          <Button type="submit" variant="secondary" disabled={pending} data-testid="spend-upload-submit">
            {t("spend.upload.submit")}
          </Button>
        </div>
        {problem ? (
          <p role="alert" className="text-sm text-red-600">
            {problem}
          </p>
        ) : null}
        {result ? (
          <div role="status" className="space-y-2 text-sm" data-testid="spend-upload-result">
            <p className="font-medium text-emerald-700" data-testid="spend-imported">
              {result.replaced
                ? t("spend.upload.importedReplaced", { count: result.inserted, replaced: result.replaced })
                : t("spend.upload.imported", { count: result.inserted })}
            </p>
            {result.errors.length ? (
              <div className="rounded-lg bg-red-50 px-4 py-3 ring-1 ring-inset ring-red-200">
                <p className="font-medium text-red-800">{t("spend.upload.rejected", { count: result.errors.length })}</p>
                <ul className="mt-1 space-y-0.5 text-red-700" data-testid="spend-upload-errors">
                  {result.errors.map((e) => (
                    <li key={e.line} data-testid="spend-upload-error" data-line={e.line}>
                      <span className="font-medium">{t("spend.upload.line", { line: e.line })}</span>: {spendProblemText(t, e)}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </div>
        ) : null}
      </form>
    </Card>
  );
}
