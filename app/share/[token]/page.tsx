import { Suspense } from "react";
import { cookies } from "next/headers";
import { connection } from "next/server";
import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { openShareForRequest } from "@/db/share";
import { getFunnel } from "@/db/funnels";
import { getI18n } from "@/lib/i18n/server";
import { Logo } from "@/components/ui/Logo";
import { LocaleSwitcher } from "@/components/i18n/LocaleSwitcher";
import { SharedReport, SharedConversions } from "@/components/share/SharedReport";
import { SharePasswordForm } from "@/components/share/SharePasswordForm";

export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

/** The read-only report behind a share link: that report, the project's name, nothing else of the team. */
export default async function SharePage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const { t } = await getI18n();
  const db = await getDb();
  const jar = await cookies();
  const opened = await openShareForRequest(db, token, (id) => jar.get(`trechter_share_${id}`)?.value, true);
  let body: React.ReactNode;
  if (opened.state === "ok" && opened.link.report === "conversions") {
    body = (
      <>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900" data-testid="share-title">{t("share.sharedBy", { project: opened.projectName })}</h1>
        <h2 className="text-lg font-semibold text-slate-800">{t("conversions.title")}</h2>
        <Suspense>
          <SharedConversions token={token} />
        </Suspense>
      </>
    );
  } else if (opened.state === "ok" && opened.link.funnelId) {
    const funnel = await getFunnel(opened.scope, opened.link.funnelId);
    body = (
      <>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900" data-testid="share-title">{t("share.sharedBy", { project: opened.projectName })}</h1>
        <Suspense>
          <SharedReport token={token} funnel={{ id: funnel.id, name: funnel.name, steps: funnel.steps, windowSeconds: funnel.windowSeconds }} />
        </Suspense>
      </>
    );
  } else if (opened.state === "password") {
    body = <SharePasswordForm token={token} />;
  } else {
    const state = opened.state === "ok" ? "unknown" : opened.state;
    body = <p data-testid={`share-${state}`} className="rounded-xl bg-white p-6 text-slate-700 shadow-sm ring-1 ring-slate-200">{t(`share.unavailable.${state}`)}</p>;
  }
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-7xl items-center justify-between px-4 sm:px-6">
          <Logo />
          <LocaleSwitcher />
        </div>
      </header>
      <main className="mx-auto max-w-7xl space-y-6 px-4 py-8 sm:px-6">{body}</main>
      <footer className="pb-8 text-center text-xs text-slate-400">{t("share.poweredBy")}</footer>
    </div>
  );
}
