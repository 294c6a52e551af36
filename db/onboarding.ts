import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { TeamScope } from "./tenant";
import { onboardingDrafts } from "./schema";
import { SECTORS } from "../lib/sectors";
import { funnelStepSchema, stepMatchSchema } from "../lib/funnel/validate";
import { goalKeySchema } from "../lib/goals/validate";
import { GOAL_KINDS, type FunnelStep, type GoalKind, type StepMatch } from "../lib/funnel/types";
import { hasUnstorableText } from "../lib/text/safe";

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
    steps: z.array(funnelStepSchema.strict()).max(10).default([]),
    goals: z
      .array(z.strictObject({ key: goalKeySchema, name: z.string().max(100), kind: z.enum(GOAL_KINDS), match: stepMatchSchema.strict(), revenue: z.boolean(), enabled: z.boolean() }))
      .max(50)
      .default([]),
    windowSeconds: z.number().int().positive().max(90 * 86400).optional(),
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

export async function getDraft(scope: TeamScope): Promise<OnboardingDraft | null> {
  const [row] = await scope.db.select().from(onboardingDrafts).where(and(eq(onboardingDrafts.teamId, scope.teamId), eq(onboardingDrafts.userId, scope.userId)));
  if (!row) return null;
  const parsed = draftSchema.safeParse(row.data);
  return parsed.success ? (parsed.data as OnboardingDraft) : null;
}

/** Saves the draft of the signed-in member (admins only: viewers cannot create projects). */
export async function saveDraft(scope: TeamScope, draft: OnboardingDraft): Promise<void> {
  scope.require("admin");
  const data = draftSchema.parse(draft) as OnboardingDraft;
  await scope.db
    .insert(onboardingDrafts)
    .values({ teamId: scope.teamId, userId: scope.userId, data, updatedAt: new Date() })
    .onConflictDoUpdate({ target: [onboardingDrafts.teamId, onboardingDrafts.userId], set: { data, updatedAt: new Date() } });
}

export async function clearDraft(scope: TeamScope): Promise<void> {
  await scope.db.delete(onboardingDrafts).where(and(eq(onboardingDrafts.teamId, scope.teamId), eq(onboardingDrafts.userId, scope.userId)));
}
