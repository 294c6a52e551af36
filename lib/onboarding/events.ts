import type { FunnelStepMatch, PropertyValue, StepMatch } from "../funnel/types";

/** An event a project's funnel or goals wait for, with what its sender should put in it. */
export type NeededEvent = {
  event: string;
  /** property equalities a step or goal matches on (the first one that names them) */
  properties: Record<string, PropertyValue>;
  /** a goal sums this event's revenue */
  revenue: boolean;
};

/** Page views are sent by the snippet itself; every other event is the site's to send. */
const AUTOMATIC = new Set(["pageview"]);

/**
 * The events the funnel's steps and the enabled goals need that the snippet does not send by
 * itself, in the order they first appear (steps, then goals), each once.
 */
export function neededEvents(
  steps: readonly FunnelStepMatch[],
  goals: readonly { match: StepMatch; revenue: boolean; enabled?: boolean }[],
): NeededEvent[] {
  const out = new Map<string, NeededEvent>();
  const add = (m: StepMatch, revenue: boolean) => {
    const name = m.event.trim();
    if (!name || AUTOMATIC.has(name)) return;
    const seen = out.get(name);
    if (seen) {
      seen.revenue ||= revenue;
      if (!Object.keys(seen.properties).length && m.where) seen.properties = { ...m.where };
      return;
    }
    out.set(name, { event: name, properties: { ...(m.where ?? {}) }, revenue });
  };
  // A step may accept one of several events: each is needed.
  for (const s of steps) for (const event of typeof s.event === "string" ? [s.event] : s.event) add({ event, where: s.where }, false);
  for (const g of goals) if (g.enabled !== false) add(g.match, g.revenue);
  return [...out.values()];
}

/** The snippet call that sends one needed event: `trechter.track("reservation");`, with its properties and an example revenue. */
export function trackLine(e: NeededEvent): string {
  const props: Record<string, PropertyValue> = { ...e.properties, ...(e.revenue ? { revenue: 59.95 } : {}) };
  const body = Object.keys(props).length
    ? `, { ${Object.entries(props)
        .map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${JSON.stringify(v)}`)
        .join(", ")} }`
    : "";
  return `trechter.track(${JSON.stringify(e.event)}${body});`;
}
