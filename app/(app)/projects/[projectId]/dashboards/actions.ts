"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { action, id } from "@/server/action";
import { requestOrigin } from "@/server/origin";
import { addTile, createDashboard, deleteDashboard, removeTile, reorderTiles, resizeTile } from "@/db/dashboards";
import { createDashboardShare, dashboardShareInputSchema, revokeDashboardShare } from "@/db/dashboards-share";
import { createAnnotation, deleteAnnotation } from "@/db/annotations";
import { dashboardInputSchema, tileInputSchema, tileSizeSchema } from "@/lib/dashboards/schemas";
import { annotationInputSchema } from "@/lib/annotations/types";
import { MAX_TILES } from "@/lib/dashboards/types";

const dashboards = (projectId: string) => `/projects/${projectId}/dashboards`;
/** Admin actions on a project: the first argument names it, the tenant guard re-fetches it. */
const admin = { access: "admin", project: ([projectId]: [string, ...unknown[]]) => projectId } as const;
const onDashboard = { ...admin, revalidate: ([p]: [string, ...unknown[]]) => [dashboards(p)] } as const;

export const createDashboardAction = action(
  { ...admin, input: z.tuple([id, dashboardInputSchema]), revalidate: ([p]) => [dashboards(p)] },
  async ([, input], { project }) => ({ id: (await createDashboard(project, input)).id }),
);

export const deleteDashboardAction = action({ ...onDashboard, input: z.tuple([id, id]) }, async ([, dashboardId], { project }) => {
  await deleteDashboard(project, dashboardId);
});

export const addTileAction = action(
  { ...onDashboard, input: z.tuple([id, id, tileInputSchema]) },
  async ([, dashboardId, input], { project }) => {
    await addTile(project, dashboardId, input);
  },
);

export const resizeTileAction = action(
  { ...onDashboard, input: z.tuple([id, id, id, tileSizeSchema]) },
  async ([, dashboardId, tileId, size], { project }) => resizeTile(project, dashboardId, tileId, size),
);

export const removeTileAction = action({ ...onDashboard, input: z.tuple([id, id, id]) }, async ([, dashboardId, tileId], { project }) =>
  removeTile(project, dashboardId, tileId),
);

export const reorderTilesAction = action(
  { ...onDashboard, input: z.tuple([id, id, z.array(id).min(1).max(MAX_TILES)]) },
  async ([, dashboardId, tileIds], { project }) => reorderTiles(project, dashboardId, tileIds),
);

/** Creates a read-only link to one dashboard; the URL with its token is returned once. */
export const createDashboardShareAction = action(
  { ...onDashboard, input: z.tuple([id, id, dashboardShareInputSchema]) },
  async ([, dashboardId, input], { project }) => {
    const { token } = await createDashboardShare(project, dashboardId, input);
    return { url: `${requestOrigin(await headers())}/share/dashboard/${token}` };
  },
);

export const revokeDashboardShareAction = action({ ...onDashboard, input: z.tuple([id, id, id]) }, async ([, , linkId], { project }) =>
  revokeDashboardShare(project, linkId),
);

/** Annotations belong to the project: every page of it draws them, so the whole project is revalidated. */
const onProject = { ...admin, revalidate: ([p]: [string, ...unknown[]]) => [`/projects/${p}`] } as const;

export const createAnnotationAction = action(
  { ...onProject, input: z.tuple([id, annotationInputSchema]) },
  async ([, input], { project }) => {
    await createAnnotation(project, input);
  },
);

export const deleteAnnotationAction = action({ ...onProject, input: z.tuple([id, id]) }, async ([, annotationId], { project }) =>
  deleteAnnotation(project, annotationId),
);
