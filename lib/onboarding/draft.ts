import { z } from "zod";
import { SECTORS } from "../sectors";
import { definitionStepSchema, stepMatchSchema } from "../funnel/validate";
import { goalKeySchema } from "../goals/validate";
import { GOAL_KINDS, type FunnelStep, type GoalKind, type StepMatch } from "../funnel/types";
import { hasUnstorableText } from "../text/safe";

/**
 * What the onboarding flow keeps between steps, so it can be resumed (and nothing half is created).
 * Strict at every level: the draft is stored and later fed back into createProjectAction, so a key
 * it does not have (a goal's `projectId`) is refused here, not carried along.
 */
const draftFields = z.strictObject({
  step: z.enum(["site", "sector", "review", "install"]),
  name: z.string().max(100).default(""),
  siteUrl: z.string().max(300).default(""),
  sector: z.enum(SECTORS).optional(),
  funnelName: z.string().max(100).default(""),
  steps: z.array(definitionStepSchema).max(10).default([]),
  goals: z
    .array(
      z.strictObject({
        key: goalKeySchema,
        name: z.string().max(100),
        kind: z.enum(GOAL_KINDS),
        match: stepMatchSchema.strict(),
        revenue: z.boolean(),
        enabled: z.boolean(),
      }),
    )
    .max(50)
    .default([]),
  windowSeconds: z
    .number()
    .int()
    .positive()
    .max(90 * 86400)
    .optional(),
  projectId: z.guid().optional(),
});
export const draftSchema = draftFields.refine((d) => !hasUnstorableText(d), { message: "unsafe_text" });

/** The draft as the browser may send it: the project id is set by the server when the project is created, never by a client. */
export const clientDraftSchema = draftFields.omit({ projectId: true }).refine((d) => !hasUnstorableText(d), { message: "unsafe_text" });
// The parsed schema makes an omitted path an explicit undefined; the flow works with the plain shapes.
export type OnboardingDraft = Omit<z.infer<typeof draftSchema>, "steps" | "goals"> & {
  steps: FunnelStep[];
  goals: { key: string; name: string; kind: GoalKind; match: StepMatch; revenue: boolean; enabled: boolean }[];
};
