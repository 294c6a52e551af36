/** A share link as the admin's list shows it (dates as ISO strings, no token, no hash). */
export type ShareLinkView = {
  id: string;
  report: "funnel" | "conversions";
  funnelId: string | null;
  rollingDays: number | null;
  fixedFrom: string | null;
  fixedTo: string | null;
  hasPassword: boolean;
  expiresAt: string | null;
  revokedAt: string | null;
  lastOpenedAt: string | null;
  createdAt: string;
};

type Listed = Omit<ShareLinkView, "fixedFrom" | "fixedTo" | "expiresAt" | "revokedAt" | "lastOpenedAt" | "createdAt"> & {
  fixedFrom: Date | null;
  fixedTo: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastOpenedAt: Date | null;
  createdAt: Date;
};

/** listShareLinks rows → what the client component receives. */
export function shareLinkViews(links: Listed[]): ShareLinkView[] {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return links.map((l) => ({
    id: l.id,
    report: l.report,
    funnelId: l.funnelId,
    rollingDays: l.rollingDays,
    fixedFrom: iso(l.fixedFrom),
    fixedTo: iso(l.fixedTo),
    hasPassword: l.hasPassword,
    expiresAt: iso(l.expiresAt),
    revokedAt: iso(l.revokedAt),
    lastOpenedAt: iso(l.lastOpenedAt),
    createdAt: l.createdAt.toISOString(),
  }));
}
