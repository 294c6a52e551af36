/** The periods a member's dashboard offers (`?days=`), the last N whole days of the project, today included. */
export const DASHBOARD_RANGES = [7, 30, 90] as const;

/** The `days` URL value as one of DASHBOARD_RANGES; anything else is the default, 30. */
export function dashboardDays(value: string | undefined): number {
  const n = Number(value);
  return (DASHBOARD_RANGES as readonly number[]).includes(n) ? n : 30;
}
