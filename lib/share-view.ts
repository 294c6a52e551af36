import type { BuiltinSegmentField, SegmentFilters } from "./funnel/types";

/** A share link as the admin's list shows it (dates as ISO strings, no token, no hash). */
export type ShareLinkView = {
  id: string;
  report: "funnel" | "conversions";
  funnelId: string | null;
  label: string | null;
  filters: SegmentFilters;
  breakdown: BuiltinSegmentField | null;
  compare: boolean;
  rollingDays: number | null;
  /** a fixed period's first and last day (YYYY-MM-DD, the project's calendar) */
  fixedDays: { from: string; to: string } | null;
  hasPassword: boolean;
  expiresAt: string | null;
  revokedAt: string | null;
  lastOpenedAt: string | null;
  createdAt: string;
};

type Listed = Omit<ShareLinkView, "expiresAt" | "revokedAt" | "lastOpenedAt" | "createdAt"> & {
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
    label: l.label,
    filters: l.filters ?? {},
    breakdown: l.breakdown,
    compare: l.compare,
    rollingDays: l.rollingDays,
    fixedDays: l.fixedDays,
    hasPassword: l.hasPassword,
    expiresAt: iso(l.expiresAt),
    revokedAt: iso(l.revokedAt),
    lastOpenedAt: iso(l.lastOpenedAt),
    createdAt: l.createdAt.toISOString(),
  }));
}
