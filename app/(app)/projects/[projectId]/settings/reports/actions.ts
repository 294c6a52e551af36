"use server";

import { z } from "zod";
import { action, id } from "@/server/action";
import { createDigestSchedule, deleteDigestSchedule, digestInputSchema, setDigestPaused } from "@/db/digests";
import { alertInputSchema, createAlertRule, deleteAlertRule } from "@/db/alerts";
import { authSecret } from "@/lib/config";

const revalidate = ([projectId]: [string, ...unknown[]]) => [`/projects/${projectId}/settings/reports`];
/** A problem inside an outside address list is the list's; everything else is its top-level field. */
const field = (path: PropertyKey[]) => (path.length > 1 ? String(path[1]) : "form");

/** Schedules a report by e-mail (db/digests.ts). Answers the first send time. Admins only. */
export const createDigestAction = action(
  { input: z.tuple([id, digestInputSchema]), access: "admin", project: ([p]) => p, revalidate, field },
  async ([, input], { project }) => {
    const schedule = await createDigestSchedule(project, input, { secret: authSecret() });
    return { nextRunAt: schedule.nextRunAt.toISOString() };
  },
);

/** Deletes a schedule and revokes its live link. Admins only. */
export const deleteDigestAction = action(
  { input: z.tuple([id, id]), access: "admin", project: ([p]) => p, revalidate },
  async ([, scheduleId], { project }) => deleteDigestSchedule(project, scheduleId),
);

/** Pauses a schedule (true) or resumes it (false). Answers the next send time, null while paused. Admins only. */
export const pauseDigestAction = action(
  { input: z.tuple([id, id, z.boolean()]), access: "admin", project: ([p]) => p, revalidate },
  async ([, scheduleId, paused], { project }) => {
    const next = await setDigestPaused(project, scheduleId, paused);
    return { nextRunAt: next?.toISOString() ?? null };
  },
);

/** Adds an alert rule (db/alerts.ts), first checked within the hour. Admins only. */
export const createAlertAction = action(
  { input: z.tuple([id, alertInputSchema]), access: "admin", project: ([p]) => p, revalidate, field },
  async ([, input], { project }) => {
    await createAlertRule(project, input);
  },
);

/** Deletes an alert rule and its episodes. Admins only. */
export const deleteAlertAction = action(
  { input: z.tuple([id, id]), access: "admin", project: ([p]) => p, revalidate },
  async ([, ruleId], { project }) => deleteAlertRule(project, ruleId),
);
