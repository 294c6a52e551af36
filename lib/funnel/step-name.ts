import type { FunnelStepMatch } from "./types";

/** A step's event names as one text ("signup / trial_started"): a step may accept one of several events. */
export function stepEventsText(m: Pick<FunnelStepMatch, "event">): string {
  return typeof m.event === "string" ? m.event : m.event.join(" / ");
}
