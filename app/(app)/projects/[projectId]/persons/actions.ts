"use server";

import { z } from "zod";
import { action, id, refuse } from "@/server/action";
import { deletePerson } from "@/db/persons";
import { personIdSchema } from "@/lib/privacy/types";

const ARGS = ["projectId", "personId", "confirmation"] as const;

/**
 * Erases a person (db/persons.ts deletePerson) once the admin typed their id again; answers what
 * went, per kind. Admins only. `confirmation` must equal `personId` exactly.
 */
export const deletePersonAction = action(
  {
    input: z.tuple([id, personIdSchema, z.string().max(200)]),
    access: "admin",
    project: ([projectId]) => projectId,
    field: (path) => ARGS[Number(path[0])] ?? "form",
  },
  async ([, personId, confirmation], { project }) => {
    if (confirmation !== personId) throw refuse("invalid_input", { confirmation: "invalid" });
    return deletePerson(project, personId);
  },
);
