"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { saveAllowedOriginsAction } from "@/app/(app)/projects/[projectId]/settings/actions";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { Button } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/Field";
import { cx } from "@/components/ui/cx";
import { MAX_ALLOWED_ORIGINS, parseOriginPattern } from "@/lib/ingest/origin";
import { refusalTexts } from "@/lib/action-result";

/** What is wrong with the typed list, line by line, worded for the reader (the server checks the same with the same parser). */
function problemsOf(text: string, t: ReturnType<typeof useI18n>["t"]): string[] {
  const lines = text.split("\n");
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const parsed = parseOriginPattern(line);
    if (!parsed.ok)
      out.push(t("project.settings.originsLine", { line: i + 1, problem: t(`project.settings.originProblems.${parsed.problem}`) }));
  });
  if (lines.filter((l) => l.trim()).length > MAX_ALLOWED_ORIGINS)
    out.push(t("project.settings.originsTooMany", { max: MAX_ALLOWED_ORIGINS }));
  return out;
}

/** The sites that may send events with the write key, server-side libraries on or off, and how many events were refused lately. */
export function AllowedOriginsCard({
  projectId,
  origins,
  acceptWithoutOrigin,
  refused,
  lastRefusedDay,
  canEdit,
}: {
  projectId: string;
  origins: string[];
  acceptWithoutOrigin: boolean;
  refused: number;
  lastRefusedDay: string | null;
  canEdit: boolean;
}) {
  const { t, f } = useI18n();
  const router = useRouter();
  const [text, setText] = useState(origins.join("\n"));
  const [withoutOrigin, setWithoutOrigin] = useState(acceptWithoutOrigin);
  const [pending, start] = useTransition();
  const [shown, setShown] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);

  const submit = () => {
    setMessage(null);
    const lines = text.split("\n");
    const problems = problemsOf(text, t);
    setShown(problems);
    if (problems.length) return;
    start(async () => {
      const result = await saveAllowedOriginsAction(projectId, { origins: lines, acceptWithoutOrigin: withoutOrigin });
      if (!result.ok) {
        const bad = Object.keys(result.error.fieldErrors ?? {}).find((k) => k.startsWith("origins."));
        return setShown(
          bad
            ? [
                t("project.settings.originsLine", {
                  line: Number(bad.split(".")[1]) + 1,
                  problem: t("project.settings.originProblems.origin_invalid"),
                }),
              ]
            : Object.values(refusalTexts(t, "project.settings", result.error, [])),
        );
      }
      setText((result.data?.origins ?? []).join("\n"));
      setMessage(t("project.settings.saved"));
      router.refresh();
    });
  };

  const count = origins.length;
  return (
    <Card>
      <CardHeader title={t("project.settings.originsTitle")} description={t("project.settings.originsBody")} />
      <form
        className="space-y-4 p-5"
        data-testid="allowed-origins"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <p className="rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-inset ring-slate-200" data-testid="origins-state">
          {count ? t("project.settings.originsActive", { count }) : t("project.settings.originsEmpty")}
        </p>
        <fieldset disabled={!canEdit || pending} className="space-y-4">
          <div>
            <label htmlFor="allowed-origins-list" className="block text-sm font-medium text-slate-700">
              {t("project.settings.originsLabel")}
            </label>
            <textarea
              id="allowed-origins-list"
              name="origins"
              rows={4}
              value={text}
              onChange={(e) => setText(e.target.value)}
              spellCheck={false}
              autoCapitalize="off"
              placeholder="https://www.example.nl"
              aria-invalid={shown.length ? true : undefined}
              aria-describedby="allowed-origins-help"
              className={cx(inputClass, "mt-1.5 font-mono")}
            />
            <div id="allowed-origins-help" className="mt-1.5 text-sm">
              {shown.length ? (
                <ul className="space-y-0.5 text-red-600" data-testid="origins-errors">
                  {shown.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              ) : (
                <p className="text-slate-500">{t("project.settings.originsHint")}</p>
              )}
            </div>
          </div>
          <div className="flex items-start gap-3">
            <input
              id="accept-without-origin"
              type="checkbox"
              checked={withoutOrigin}
              onChange={(e) => setWithoutOrigin(e.target.checked)}
              aria-describedby="accept-without-origin-hint"
              className="mt-0.5 size-4 rounded border-slate-300 text-brand-600 focus-visible:outline-2 focus-visible:outline-brand-500"
            />
            <div>
              <label htmlFor="accept-without-origin" className="text-sm font-medium text-slate-700">
                {t("project.settings.acceptWithoutOrigin")}
              </label>
              <p id="accept-without-origin-hint" className="text-sm text-slate-500">
                {t("project.settings.acceptWithoutOriginHint")}
              </p>
            </div>
          </div>
        </fieldset>
        <div className="flex flex-wrap items-center gap-3">
          {canEdit ? (
            <Button type="submit" disabled={pending} data-testid="save-origins">
              {pending ? t("project.settings.saving") : t("project.settings.save")}
            </Button>
          ) : (
            <p className="text-sm text-slate-500">{t("project.settings.originsAdminOnly")}</p>
          )}
          <p role="status" className="text-sm text-slate-600">
            {message ?? ""}
          </p>
        </div>
        <p className="text-sm text-slate-700" data-testid="origins-refused">
          {t("project.settings.originsRefused", { count: refused, day: lastRefusedDay ? f.date(`${lastRefusedDay}T12:00:00Z`) : "" })}
        </p>
        <p className="text-xs text-slate-500">{t("project.settings.originsNote")}</p>
      </form>
    </Card>
  );
}
