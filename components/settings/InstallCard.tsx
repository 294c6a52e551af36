"use client";

import { useState } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Card, CardHeader } from "@/components/ui/Card";
import { Button } from "@/components/ui/Button";
import { CopyField } from "@/components/ui/CopyField";

type LastEvent = { name: string; path: string | null; receivedAt: string } | null;

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
  const [state, setState] = useState<"idle" | "checking" | { last: LastEvent }>("idle");
  const verify = async () => {
    setState("checking");
    const res = await fetch(`/api/v1/projects/${projectId}/last-event`, { cache: "no-store" });
    const body = res.ok ? await res.json() : { lastEvent: null };
    setState({ last: body.lastEvent });
  };
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
            <Button size="sm" variant="secondary" onClick={verify} disabled={state === "checking"} data-testid="verify-install">
              {state === "checking" ? t("project.settings.verifyChecking") : t("project.settings.verifyButton")}
            </Button>
          </div>
          {typeof state === "object" ? (
            <p role="status" data-testid="verify-result" className="mt-2 text-sm text-slate-700">
              {state.last
                ? t(state.last.path ? "project.settings.verifyLast" : "project.settings.verifyLastNoPath", { name: state.last.name, path: state.last.path ?? "", when: f.dateTime(state.last.receivedAt) })
                : t("project.settings.verifyNone")}
            </p>
          ) : null}
        </div>
      </div>
    </Card>
  );
}
