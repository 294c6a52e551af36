import type { AlertReason } from "../alerts/types";

/** What the schedules and alerts settings show (the page builds these from db/; components take only these). */
export type ScheduleView = {
  id: string;
  report: "funnel" | "conversions" | "dashboard";
  funnelName: string | null;
  dashboardName: string | null;
  paused: boolean;
  label: string | null;
  frequency: "daily" | "weekly" | "monthly";
  weekday: number | null;
  hour: number;
  nextRunAt: string;
  recipients: { id: string; email: string; member: boolean; locale: string; unsubscribed: boolean }[];
  history: { periodKey: string; email: string; state: string; attempts: number; error: string | null; sentAt: string | null }[];
};

export type AlertRuleView = {
  id: string;
  name: string;
  target: "goal" | "funnel";
  targetName: string | null;
  condition: "below" | "drop" | "no_events";
  threshold: number | null;
  hours: number | null;
  recipients: string[];
  openSince: string | null;
  episodes: { openedAt: string; resolvedAt: string | null }[];
};

export type OpenAlertView = { ruleId: string; name: string; openedAt: string; reason: AlertReason };

export type Option = { value: string; label: string };

/**
 * A send time as the schedule reads it: in the project's time zone (the zone its hour is in, not
 * the reader's browser), with the weekday, as "Wednesday 9 December 2026, 08:00".
 */
export function formatSendTime(tag: string, timeZone: string, iso: string): string {
  const format = new Intl.DateTimeFormat(tag, {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
  });
  return format.format(new Date(iso));
}
