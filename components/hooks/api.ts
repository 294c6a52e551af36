"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiUrls, queryKeys, type ReportSource } from "@/lib/api-client/keys";
import { isRetryable } from "@/lib/api-client/errors";
import type { ConversionsOverview } from "@/lib/conversions/types";
import type { FunnelEstimate, FunnelResults } from "@/lib/funnel/types";
import { lastDays } from "@/lib/funnel/ranges";
import { fetchJson } from "./fetch-json";

/**
 * One hook per JSON endpoint the pages read. Errors are ApiErrors (lib/api-client/errors.ts): word
 * them with apiErrorText. A refusal (4xx) is not asked again; a busy or failing server once.
 */
const retry = (failures: number, error: unknown) => failures < 1 && isRetryable(error);

/**
 * A funnel's report; `definition` (steps and window, serialised) keys the cache so an edit is not
 * answered from it. A member's report asks for the quick answer first (`estimate=1`: a sample of
 * people when the funnel reads many events and its facts are not ready; the answer says so), then,
 * only when it was an estimate, the exact one, which replaces it. A share link asks once, exactly.
 */
export function useFunnelResults(source: ReportSource, funnelId: string, definition: string, params: string) {
  const quick = source.kind === "project";
  const ask = (estimate: boolean) => () =>
    fetchJson<FunnelResults>(apiUrls.funnelResults(source, funnelId, estimate ? [params, "estimate=1"].filter(Boolean).join("&") : params));
  const first = useQuery({
    queryKey: quick
      ? [...queryKeys.funnelResults(source, funnelId, definition, params), "first"]
      : queryKeys.funnelResults(source, funnelId, definition, params),
    queryFn: ask(quick),
    placeholderData: keepPreviousData,
    retry,
  });
  const exact = useQuery({
    queryKey: queryKeys.funnelResults(source, funnelId, definition, params),
    enabled: quick && first.data?.estimate !== undefined && !first.isPlaceholderData,
    queryFn: ask(false),
    retry,
  });
  return {
    data: (quick ? exact.data : undefined) ?? first.data,
    isError: first.isError || (quick && exact.isError),
    error: (quick ? exact.error : null) ?? first.error,
    isFetching: first.isFetching || (quick && exact.isFetching),
  };
}

/**
 * Visitors per step of an unsaved funnel over the last `days` whole days in the project's time
 * zone, today included: the dashboard's own range rule (lib/funnel/ranges.ts lastDays), so the
 * editor's counts match the dashboard's "Last 30 days". Off while `enabled` is false.
 */
export function useFunnelPreview(
  projectId: string,
  draft: { steps: readonly unknown[]; windowSeconds: number; order?: string; exclusions?: readonly unknown[]; hold?: readonly string[] },
  enabled: boolean,
  timeZone: string,
  days = 30,
) {
  // The day is part of the key: after midnight the range moves on.
  const { from, to } = lastDays(days, timeZone);
  const { steps, windowSeconds, order, exclusions, hold } = draft;
  const key = JSON.stringify([steps, windowSeconds, order, exclusions, hold, from.toISOString(), to.toISOString()]);
  const ask = (estimate: boolean) => async () => {
    const body = { projectId, steps, window: windowSeconds, order, exclusions, hold, from: from.toISOString(), to: to.toISOString() };
    const res = await fetchJson<{ steps: { visitors: number }[]; estimate?: FunnelEstimate }>(
      estimate ? `${apiUrls.funnelPreview()}?estimate=1` : apiUrls.funnelPreview(),
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
    );
    return { counts: res.steps.map((s) => s.visitors), estimate: res.estimate };
  };
  // The quick answer first (a sample of people when the funnel reads many events: it says so, and
  // from what share), then, only when it was an estimate, the exact one, which replaces it.
  const first = useQuery({
    queryKey: [...queryKeys.funnelPreview(projectId, key), "first"],
    enabled,
    retry,
    placeholderData: keepPreviousData,
    queryFn: ask(true),
  });
  const exact = useQuery({
    queryKey: queryKeys.funnelPreview(projectId, key),
    enabled: enabled && first.data?.estimate !== undefined && !first.isPlaceholderData,
    retry,
    queryFn: ask(false),
  });
  return { data: exact.data ?? first.data };
}

/** The conversions overview for the API parameters `params` (see overviewParams). */
export function useConversions(source: ReportSource, params: string) {
  return useQuery({
    queryKey: queryKeys.conversions(source, params),
    queryFn: () => fetchJson<ConversionsOverview>(apiUrls.conversions(source, params)),
    placeholderData: keepPreviousData,
    retry,
  });
}

export type SegmentValue = { value: string; visitors: number };

/** The values of one segment field in a range, most visitors first; off while `field` is empty. */
export function useSegmentValues(source: ReportSource, field: string, rangeParams: string) {
  return useQuery({
    queryKey: queryKeys.segmentValues(source, field, rangeParams),
    enabled: Boolean(field),
    retry,
    queryFn: async () => (await fetchJson<{ values: SegmentValue[] }>(apiUrls.segmentValues(source, field, rangeParams))).values,
  });
}

export type LastEvent = { name: string; path: string | null; receivedAt: string } | null;

/** The project's newest event, read only when asked (`refetch`), never from the cache. */
export function useLastEvent(projectId: string) {
  return useQuery({
    queryKey: queryKeys.lastEvent(projectId),
    enabled: false,
    gcTime: 0,
    retry,
    queryFn: async () => (await fetchJson<{ lastEvent: LastEvent }>(apiUrls.lastEvent(projectId), { cache: "no-store" })).lastEvent,
  });
}
