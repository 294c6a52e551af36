"use client";

import { useI18n } from "@/components/i18n/I18nProvider";
import { useLastEvent } from "@/components/hooks/api";
import { apiErrorText } from "@/lib/api-client/errors";
import { Card, CardHeader } from "@/components/ui/Card";
import { Button } from "@/components/ui/Button";
import { CopyField } from "@/components/ui/CopyField";

export function snippetTag(origin: string, writeKey: string): string {
  return `<script defer src="${origin}/t.js" data-key="${writeKey}"></script>`;
}

function serverExample(origin: string, writeKey: string): string {
  return `// npm install @segment/analytics-node
import { Analytics } from "@segment/analytics-node";

const analytics = new Analytics({ writeKey: "${writeKey}", host: "${origin}" });
analytics.track({ userId: "user-42", event: "purchase", properties: { revenue: 59.95 } });

# or with curl
curl ${origin}/v1/track -u ${writeKey}: -H 'content-type: application/json' \\
  -d '{"anonymousId":"a1","event":"add_to_cart","properties":{"sku":"T-42"}}'`;
}

export function InstallCard({ projectId, writeKey, origin }: { projectId: string; writeKey: string | null; origin: string }) {
  const { t, f } = useI18n();
  const last = useLastEvent(projectId);
  const checking = last.isFetching;
  const key = writeKey ?? "WRITE_KEY";
  return (
    <Card>
      <CardHeader title={t("project.settings.snippetTitle")} description={t("project.settings.snippetBody")} />
      <div className="space-y-5 p-5">
        <CopyField value={snippetTag(origin, key)} label={t("project.settings.snippetTitle")} multiline testId="snippet" />
        <p className="text-sm text-slate-600">{t("project.settings.snippetApi")}</p>
        <div>
          <h3 className="text-sm font-semibold text-slate-900">{t("project.settings.serverTitle")}</h3>
          <p className="mb-2 mt-0.5 text-sm text-slate-500">{t("project.settings.serverBody")}</p>
          <CopyField value={serverExample(origin, key)} label={t("project.settings.serverTitle")} multiline />
        </div>
        <div className="rounded-lg bg-slate-50 p-4 ring-1 ring-inset ring-slate-200">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h3 className="text-sm font-semibold text-slate-900">{t("project.settings.verifyTitle")}</h3>
            <Button size="sm" variant="secondary" onClick={() => void last.refetch()} disabled={checking} data-testid="verify-install">
              {checking ? t("project.settings.verifyChecking") : t("project.settings.verifyButton")}
            </Button>
          </div>
          {!checking && last.isError ? (
            <p role="status" data-testid="verify-result" className="mt-2 text-sm text-red-700">
              {apiErrorText(t, last.error)}
            </p>
          ) : !checking && last.isSuccess ? (
            <p role="status" data-testid="verify-result" className="mt-2 text-sm text-slate-700">
              {last.data
                ? t(last.data.path ? "project.settings.verifyLast" : "project.settings.verifyLastNoPath", {
                    name: last.data.name,
                    path: last.data.path ?? "",
                    when: f.dateTime(last.data.receivedAt),
                  })
                : t("project.settings.verifyNone")}
            </p>
          ) : null}
        </div>
      </div>
    </Card>
  );
}
