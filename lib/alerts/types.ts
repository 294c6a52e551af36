export const ALERT_TARGETS = ["goal", "funnel"] as const;
export const ALERT_CONDITIONS = ["below", "drop", "no_events"] as const;

/** Why a rule fired (kept with its episode, shown in the mail and on the project page). */
export type AlertReason =
  | { condition: "below"; rate: number | null; threshold: number; visitors: number; converted: number; from: string; to: string }
  | {
      condition: "drop";
      rate: number | null;
      visitors: number;
      converted: number;
      /** the previous 4 weeks' rate and the 95 % interval the current rate fell below */
      baseline: number;
      low: number;
      from: string;
      to: string;
    }
  | { condition: "no_events"; hours: number; lastEventAt: string | null };
