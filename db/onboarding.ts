import { and, eq } from "drizzle-orm";
import type { TeamScope } from "./tenant";
import { onboardingDrafts } from "./schema";
import { draftSchema, type OnboardingDraft } from "../lib/onboarding/draft";

export type { OnboardingDraft };

export async function getDraft(scope: TeamScope): Promise<OnboardingDraft | null> {
  const [row] = await scope.db
    .select()
    .from(onboardingDrafts)
    .where(and(eq(onboardingDrafts.teamId, scope.teamId), eq(onboardingDrafts.userId, scope.userId)));
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
