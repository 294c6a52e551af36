"use server";

import { z } from "zod";
import { action, id } from "@/server/action";
import { seedDemoData } from "@/db/demo/seed";
import { getLocale } from "@/server/i18n";
import { createFunnel, updateFunnel, deleteFunnel } from "@/db/funnels";
import { funnelDefinitionFullSchema } from "@/lib/funnel/validate";

const inProject = {
  access: "admin",
  project: ([projectId]: [string, ...unknown[]]) => projectId,
  revalidate: ([projectId]: [string, ...unknown[]]) => [`/projects/${projectId}`],
} as const;

/** Fills an empty project with demo traffic for its sector. Admins only. */
export const loadDemoAction = action({ ...inProject, input: z.tuple([id]) }, async (_input, { project }) => {
  await seedDemoData(project, { visitors: 5000, days: 90, locale: await getLocale() });
});

/** Saves a new funnel (funnelId null) or replaces one of the project's funnels, with every rule of a definition (DESIGN.md). Admins only. */
export const saveFunnelAction = action(
  { ...inProject, input: z.tuple([id, id.nullable(), funnelDefinitionFullSchema]) },
  async ([, funnelId, definition], { project }) => {
    const row = funnelId ? await updateFunnel(project, funnelId, definition) : await createFunnel(project, definition);
    return { id: row.id };
  },
);

export const deleteFunnelAction = action({ ...inProject, input: z.tuple([id, id]) }, async ([, funnelId], { project }) => {
  await deleteFunnel(project, funnelId);
});
