"use server";

import { headers } from "next/headers";
import { requestOrigin } from "@/server/origin";
import { z } from "zod";
import { action, id } from "@/server/action";
import { createShareLink, revokeShareLink, shareInputSchema } from "@/db/share";

const inProject = {
  access: "admin",
  project: ([projectId]: [string, ...unknown[]]) => projectId,
  revalidate: ([projectId]: [string, ...unknown[]]) => [`/projects/${projectId}`],
} as const;

/** Creates a share link for one report (admins); the URL with its token is returned once. */
export const createShareLinkAction = action({ ...inProject, input: z.tuple([id, shareInputSchema]) }, async ([, input], { project }) => {
  const { token } = await createShareLink(project, input);
  return { url: `${requestOrigin(await headers())}/share/${token}` };
});

export const revokeShareLinkAction = action({ ...inProject, input: z.tuple([id, id]) }, async ([, linkId], { project }) => {
  await revokeShareLink(project, linkId);
});
