"use server";

import { ZodError } from "zod";
import { apiTeamScope } from "@/db/guard";
import { saveDraft, clearDraft, type OnboardingDraft } from "@/db/onboarding";
import { createProject, projectInputSchema } from "@/db/projects";
import { seedDemoData } from "@/db/demo/seed";
import { funnelProblem } from "@/lib/funnel/validate";
import { AccessError } from "@/db/errors";

export type CreateResult = { ok: true; projectId: string; writeKey: string } | { ok: false; field: string; message: string };

export async function saveDraftAction(draft: OnboardingDraft): Promise<void> {
  await saveDraft(await apiTeamScope(), draft);
}

/** Creates the project, its funnel and its goals in one transaction, from the reviewed draft. */
export async function createProjectAction(draft: OnboardingDraft): Promise<CreateResult> {
  const scope = await apiTeamScope();
  const site = projectInputSchema.safeParse({ name: draft.name, siteUrl: draft.siteUrl, sector: draft.sector });
  if (!site.success) {
    const issue = site.error.issues[0];
    return { ok: false, field: String(issue.path[0] ?? "name"), message: issue.message };
  }
  const funnel = { name: draft.funnelName, steps: draft.steps, windowSeconds: draft.windowSeconds ?? 7 * 86400 };
  const problem = funnelProblem(funnel);
  if (problem) return { ok: false, field: "steps", message: problem };
  const goals = draft.goals.filter((g) => g.enabled && g.name.trim());
  if (!goals.some((g) => g.kind === "macro")) return { ok: false, field: "goals", message: "Keep at least one macro goal: it is what the funnel leads to." };
  try {
    const { project, writeKey } = await createProject(scope, site.data, {
      funnels: [{ name: funnel.name.trim(), steps: funnel.steps.map((s) => ({ ...s, label: s.label?.trim() || undefined })), windowSeconds: funnel.windowSeconds }],
      goals: goals.map(({ enabled: _e, ...g }) => ({ ...g, name: g.name.trim() })),
    });
    await saveDraft(scope, { ...draft, step: "install", projectId: project.id });
    return { ok: true, projectId: project.id, writeKey };
  } catch (err) {
    if (err instanceof AccessError) return { ok: false, field: "form", message: err.message };
    if (err instanceof ZodError) return { ok: false, field: "form", message: err.issues[0].message };
    throw err;
  }
}

/** Ends onboarding; with `demo`, fills the new project with demo traffic first. */
export async function finishOnboardingAction(projectId: string, demo: boolean): Promise<{ ok: boolean }> {
  const team = await apiTeamScope();
  const scope = await team.project(projectId);
  if (demo) await seedDemoData(scope, { visitors: 5000, days: 90 });
  await clearDraft(team);
  return { ok: true };
}

export async function restartOnboardingAction(): Promise<void> {
  await clearDraft(await apiTeamScope());
}
