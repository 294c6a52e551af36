"use server";

import { z } from "zod";
import { action, id } from "@/server/action";
import { propertySuggestions } from "@/db/property-suggestions";

/** The most event names one suggestions request may name (a step's events, or an exclusion's). */
const MAX_EVENTS = 10;

/** Property names and values of the project's recent events of these names, for the funnel editor's conditions. Admins (who edit funnels) only. */
export const propertySuggestionsAction = action(
  {
    access: "admin",
    project: ([projectId]) => projectId,
    input: z.tuple([id, z.array(z.string().max(200), "Event names are a list.").max(MAX_EVENTS, `At most ${MAX_EVENTS} event names.`)]),
  },
  async ([, eventNames], { project }) => propertySuggestions(project, eventNames),
);
