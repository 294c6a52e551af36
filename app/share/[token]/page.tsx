import { Suspense } from "react";
import { cookies } from "next/headers";
import { connection } from "next/server";
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { openShareForRequest } from "@/db/share";
import { sharePasswordCookie } from "@/lib/share-cookie";
import { getFunnel } from "@/db/funnels";
import { AccessError } from "@/lib/errors";
import { getI18n } from "@/server/i18n";
import { sharedSteps } from "@/lib/share-output";
import { SharedReport, SharedConversions } from "@/components/share/SharedReport";
import { SharePasswordForm } from "@/components/share/SharePasswordForm";
import { ShareSubtitle } from "@/components/share/ShareSubtitle";
import { shareTerms } from "@/db/share-report";
import type { ShareLinkRow } from "@/db/share";
import { shareLock, type ShareLock } from "@/lib/share-lock";
import { ShareShell, ShareUnavailable } from "@/components/share/ShareShell";
import { AnnotationsProvider } from "@/components/charts/AnnotationsContext";
import { annotationsFor } from "@/db/annotations";

/**
 * The tab shows the report's name, as the client sees it on the page (the funnel's name, or
 * "Conversions"); a link that shows no report yet (a password to give) or no longer works says only
 * "Shared report": nothing of the project before the password. The link's own label is the team's, never shown.
 */
export async function generateMetadata({ params }: { params: Promise<{ token: string }> }): Promise<Metadata> {
  const hidden: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };
  const { token } = await params;
  const { t } = await getI18n();
  const jar = await cookies();
  const opened = await openShareForRequest(await getDb(), token, (id) => jar.get(sharePasswordCookie(id))?.value);
  if (opened.state !== "ok") return { ...hidden, title: t("share.pageTitle") };
  if (opened.link.report === "conversions") return { ...hidden, title: t("conversions.title") };
  const funnel = opened.link.funnelId ? await sharedFunnel(opened.scope, opened.link.funnelId) : null;
  return { ...hidden, title: funnel?.name ?? t("share.pageTitle") };
}

/** The shared funnel as the page needs it, or null when it was deleted after the link was made. */
async function sharedFunnel(...args: Parameters<typeof getFunnel>) {
  try {
    const funnel = await getFunnel(...args);
    // No ids leave the server: the dashboard only keys its cache by this one.
    return { id: "shared", name: funnel.name, steps: sharedSteps(funnel.steps), windowSeconds: funnel.windowSeconds };
  } catch (err) {
    if (err instanceof AccessError && err.status === 404) return null;
    throw err;
  }
}

/** What the link is locked to today, in the project's calendar: the subtitle and the range picker's choices. */
function linkLock(link: ShareLinkRow, timeZone: string): ShareLock {
  return shareLock(shareTerms(link, timeZone), link.fixedFrom && link.fixedTo ? null : (link.rollingDays ?? 30), timeZone);
}

/**
 * The read-only report behind a share link: that report, the project's name, nothing else of the
 * team. A link whose funnel was deleted answers 404 with "this report no longer exists" (not-found.tsx).
 */
export default async function SharePage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const { t } = await getI18n();
  const db = await getDb();
  const jar = await cookies();
  const opened = await openShareForRequest(db, token, (id) => jar.get(sharePasswordCookie(id))?.value, true);
  const lock = opened.state === "ok" ? linkLock(opened.link, opened.scope.project.timeZone) : null;
  // The project's annotations within the link's period, on the report's trend chart.
  const terms = opened.state === "ok" ? shareTerms(opened.link, opened.scope.project.timeZone) : null;
  const annotations = opened.state === "ok" && terms ? await annotationsFor(opened.scope, terms.from, terms.to) : [];
  const title =
    opened.state === "ok" && lock ? (
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900" data-testid="share-title">
          {t("share.sharedBy", { project: opened.projectName })}
        </h1>
        <ShareSubtitle lock={lock} />
      </div>
    ) : null;
  let body: React.ReactNode;
  if (opened.state === "ok" && opened.link.report === "conversions") {
    body = (
      <>
        {title}
        <h2 className="text-lg font-semibold text-slate-800">{t("conversions.title")}</h2>
        <Suspense>
          <SharedConversions token={token} lock={lock!} />
        </Suspense>
      </>
    );
  } else if (opened.state === "ok") {
    const funnel = opened.link.funnelId ? await sharedFunnel(opened.scope, opened.link.funnelId) : null;
    if (!funnel) notFound();
    body = (
      <>
        {title}
        <Suspense>
          <SharedReport token={token} funnel={funnel} lock={lock!} />
        </Suspense>
      </>
    );
  } else if (opened.state === "password") {
    body = <SharePasswordForm token={token} />;
  } else {
    body = <ShareUnavailable state={opened.state} message={t(`share.unavailable.${opened.state}`)} />;
  }
  return (
    <ShareShell footer={t("share.poweredBy")}>
      <AnnotationsProvider annotations={annotations}>{body}</AnnotationsProvider>
    </ShareShell>
  );
}
