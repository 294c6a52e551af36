/**
 * Where the client reads its reports, and the query keys it caches them under. A report is read
 * through a project (signed in, or with a read key) or through a share link, whose endpoints check
 * the link instead; the same hooks serve both.
 */
export type ReportSource = { kind: "project"; projectId: string } | { kind: "share"; token: string };

export const projectSource = (projectId: string): ReportSource => ({ kind: "project", projectId });
export const shareSource = (token: string): ReportSource => ({ kind: "share", token });

const scope = (s: ReportSource) => (s.kind === "project" ? (["project", s.projectId] as const) : (["share", s.token] as const));
const withQuery = (path: string, query: string) => (query ? `${path}?${query}` : path);

/** Endpoints, each with its query string (already in the API's form: see resultParams, overviewParams). */
export const apiUrls = {
  funnelResults: (s: ReportSource, funnelId: string, query: string) =>
    withQuery(
      s.kind === "project"
        ? `/api/v1/funnels/${encodeURIComponent(funnelId)}/results`
        : `/api/share/${encodeURIComponent(s.token)}/results`,
      query,
    ),
  /** The CSV of who reached `step` but not the next one (members only: there is no share form). */
  funnelAudience: (funnelId: string, step: number, query: string) =>
    withQuery(`/api/v1/funnels/${encodeURIComponent(funnelId)}/audience`, [`step=${step}`, query].filter(Boolean).join("&")),
  funnelPreview: () => "/api/v1/funnels/query",
  conversions: (s: ReportSource, query: string) =>
    withQuery(
      s.kind === "project"
        ? `/api/v1/projects/${encodeURIComponent(s.projectId)}/conversions`
        : `/api/share/${encodeURIComponent(s.token)}/conversions`,
      query,
    ),
  segmentValues: (s: ReportSource, field: string, rangeQuery: string) => {
    const base =
      s.kind === "project"
        ? `/api/v1/projects/${encodeURIComponent(s.projectId)}/segments`
        : `/api/share/${encodeURIComponent(s.token)}/segments`;
    return withQuery(base, [new URLSearchParams({ field }).toString(), rangeQuery].filter(Boolean).join("&"));
  },
  lastEvent: (projectId: string) => `/api/v1/projects/${encodeURIComponent(projectId)}/last-event`,
};

/**
 * Structured keys, broadest part first, so a whole project's or funnel's entries can be
 * invalidated at once (`["funnel", id]`, `["project", id]`).
 */
export const queryKeys = {
  /** `definition` is part of the key: after an edit, the same funnel id has other results. */
  funnelResults: (s: ReportSource, funnelId: string, definition: string, params: string) =>
    ["funnel", funnelId, "results", { via: scope(s), definition, params }] as const,
  funnelPreview: (projectId: string, definition: string) => ["project", projectId, "funnel-preview", definition] as const,
  conversions: (s: ReportSource, params: string) => [...scope(s), "conversions", params] as const,
  segmentValues: (s: ReportSource, field: string, params: string) => [...scope(s), "segments", field, params] as const,
  lastEvent: (projectId: string) => ["project", projectId, "last-event"] as const,
};
