"use server";

import { z } from "zod";
import { action, id } from "@/server/action";
import { setRetention } from "@/db/retention";
import { retentionMonthsSchema } from "@/lib/privacy/types";
import { retentionHorizon } from "@/lib/privacy/retention";

/**
 * Sets how many months the project keeps its events (1–120; the retention job applies it within
 * its next tick). Answers the local day from which events are kept. Admins only.
 */
export const setRetentionAction = action(
  {
    input: z.tuple([id, retentionMonthsSchema]),
    access: "admin",
    project: ([projectId]) => projectId,
    revalidate: ([projectId]) => [`/projects/${projectId}/settings`],
    field: (path) => (path[0] === 1 ? "months" : "form"),
  },
  async ([, months], { project }) => {
    await setRetention(project, months);
    return { keptFrom: retentionHorizon(new Date(), months, project.project.timeZone).day };
  },
);
