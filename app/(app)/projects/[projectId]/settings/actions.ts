"use server";

import { z } from "zod";
import { action, id } from "@/server/action";
import { rotateReadKey, rotateWriteKey } from "@/db/projects";

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
