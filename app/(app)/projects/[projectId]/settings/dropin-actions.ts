"use server";

import { z } from "zod";
import { action, id } from "@/server/action";
import { dropInClaimsSchema, setDropInClaims } from "@/db/dropin";

/** Claims (or releases) the Plausible site domain and Umami website id whose events the project receives. Admins only. */
export const saveDropInClaimsAction = action(
  {
    input: z.tuple([id, dropInClaimsSchema]),
    access: "admin",
    project: ([projectId]) => projectId,
    revalidate: ([projectId]) => [`/projects/${projectId}/settings`],
  },
  async ([, claims], { project }) => setDropInClaims(project, claims),
);
