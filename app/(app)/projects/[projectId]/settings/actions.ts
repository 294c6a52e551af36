"use server";

import { z } from "zod";
import { redirect } from "next/navigation";
import { action, id } from "@/server/action";
import { deleteProject, originSettingsSchema, rotateReadKey, rotateWriteKey, setAllowedOrigins, updateProject } from "@/db/projects";

const rotation = {
  input: z.tuple([id]),
  access: "admin",
  project: ([projectId]: [string]) => projectId,
  revalidate: ([projectId]: [string]) => [`/projects/${projectId}/settings`],
} as const;

/** Replaces the write key; the old one stops working at once. Admins only. */
export const rotateWriteKeyAction = action(rotation, async (_input, { project }) => ({ key: await rotateWriteKey(project) }));

/** Replaces the read key and returns it (shown once). Admins only. */
export const rotateReadKeyAction = action(rotation, async (_input, { project }) => ({ key: await rotateReadKey(project) }));

/** Renames the project and changes its site and time zone (db/projects.ts updateProject says what follows a new zone). Admins only. */
export const updateProjectAction = action(
  {
    input: z.tuple([id, z.strictObject({ name: z.string().max(200), siteUrl: z.string().max(300), timeZone: z.string().max(100) })]),
    access: "admin",
    project: ([projectId]) => projectId,
    revalidate: ([projectId]) => [`/projects/${projectId}`, "/projects"],
    field: (path) => path.slice(1).map(String).join(".") || "form",
  },
  async ([, details], { project }) => {
    await updateProject(project, details);
  },
);

/** Sets the sites that may send events with the write key, and whether server-side libraries may. Admins only. */
export const saveAllowedOriginsAction = action(
  {
    input: z.tuple([id, originSettingsSchema]),
    access: "admin",
    project: ([projectId]) => projectId,
    revalidate: ([projectId]) => [`/projects/${projectId}/settings`],
    field: (path) => path.slice(1).map(String).join(".") || "form",
  },
  async ([, settings], { project }) => ({ origins: await setAllowedOrigins(project, settings) }),
);

/**
 * Deletes the project and all of its data when `confirmName` is its name, then goes to the project
 * list (a redirect, so the deleted project's page is not rendered again). Admins and owners only.
 */
export const deleteProjectAction = action(
  {
    input: z.tuple([id, z.string().max(200)]),
    access: "admin",
    project: ([projectId]) => projectId,
    revalidate: () => ["/projects"],
    field: (path) => (path[0] === 1 ? "confirmName" : "form"),
  },
  async ([, confirmName], { project }) => {
    await deleteProject(project, confirmName);
    redirect("/projects");
  },
);
