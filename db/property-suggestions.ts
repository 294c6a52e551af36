import { sql } from "drizzle-orm";
import type { ProjectScope } from "./tenant";
import { queryRows } from "./client";
import { limitedStatements } from "./limits";
import type { PropertySuggestion } from "../lib/funnel/suggestions";

/** How far back, and how many of the newest events of the asked names, the suggestions read: bounded work whatever the traffic. */
export const SUGGESTION_LIMITS = { days: 30, events: 5000, properties: 40, values: 15 } as const;

/**
 * The property names the project's recent events of these names carry, most frequent first, each
 * with its most frequent values (text, numbers and booleans as text), for the funnel editor's
 * condition fields. Reads at most the newest SUGGESTION_LIMITS.events such events of the last 30
 * days, under the suggestions time limit (db/limits.ts).
 */
export async function propertySuggestions(scope: ProjectScope, eventNames: string[], now = new Date()): Promise<PropertySuggestion[]> {
  const names = [...new Set(eventNames.map((n) => n.trim()).filter(Boolean))];
  if (!names.length) return [];
  const since = new Date(now.getTime() - SUGGESTION_LIMITS.days * 86400_000);
  const rows = await limitedStatements(scope.db, "suggestionsMs", (db) =>
    queryRows<{ name: string; count: number; value: string | null; value_count: number | null }>(
      db,
      sql`with recent as materialized (
            select properties from events
            where project_id = ${scope.projectId}::uuid
              and name in (${sql.join(
                names.map((n) => sql`${n}`),
                sql`, `,
              )})
              and time >= ${since.toISOString()}::timestamptz
              and jsonb_typeof(properties) = 'object'
            order by time desc
            limit ${SUGGESTION_LIMITS.events}
          ),
          keys as (
            select p.key as name, count(*)::int as count
            from recent, jsonb_each(recent.properties) p
            group by p.key
            order by count(*) desc, p.key
            limit ${SUGGESTION_LIMITS.properties}
          )
          select k.name, k.count, v.value, v.count as value_count
          from keys k
          left join lateral (
            select r.properties ->> k.name as value, count(*)::int as count
            from recent r
            where jsonb_typeof(r.properties -> k.name) in ('string', 'number', 'boolean')
            group by 1
            order by count(*) desc, 1
            limit ${SUGGESTION_LIMITS.values}
          ) v on true
          order by k.count desc, k.name, v.count desc nulls last, v.value`,
    ),
  );
  const byName = new Map<string, PropertySuggestion>();
  for (const r of rows) {
    let s = byName.get(r.name);
    if (!s) byName.set(r.name, (s = { name: r.name, count: Number(r.count), values: [] }));
    if (r.value !== null) s.values.push({ value: r.value, count: Number(r.value_count) });
  }
  return [...byName.values()];
}
