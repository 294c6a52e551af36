"use client";

import { useQuery } from "@tanstack/react-query";
import { propertySuggestionsAction } from "@/app/(app)/projects/[projectId]/funnels/actions";
import type { PropertySuggestion } from "@/lib/funnel/suggestions";

/**
 * The property names (and their frequent values) of the project's recent events of `events`, for a
 * step's condition fields; asked once per set of names and kept, off while no name is typed.
 */
export function usePropertySuggestions(projectId: string, events: string[], enabled: boolean): PropertySuggestion[] {
  const names = [...new Set(events.map((e) => e.trim()).filter(Boolean))].sort().slice(0, 10);
  const q = useQuery({
    queryKey: ["project", projectId, "property-suggestions", names],
    enabled: enabled && names.length > 0,
    staleTime: 5 * 60_000,
    retry: false,
    queryFn: async () => {
      const r = await propertySuggestionsAction(projectId, names);
      return r.ok ? (r.data ?? []) : [];
    },
  });
  return q.data ?? [];
}
