"use server";

import { z } from "zod";
import { action, id, refuse } from "@/server/action";
import { saveDraft, clearDraft } from "@/db/onboarding";
import { clientDraftSchema, type OnboardingDraft } from "@/lib/onboarding/draft";
import { createProject, projectInputSchema } from "@/db/projects";
import { seedDemoData } from "@/db/demo/seed";
import { funnelProblem } from "@/lib/funnel/validate";
import { TEMPLATES, localizeTemplateNames } from "@/lib/templates";
import { getLocale } from "@/server/i18n";

/** Saves the caller's own onboarding draft in the session's team (admins: viewers cannot create projects). */
export const saveDraftAction = action(
  { input: z.tuple([clientDraftSchema]), access: "admin", field: draftField },
  async ([draft], { team }) => {
    await saveDraft(team, draft as OnboardingDraft);
  },
);

/**
 * Creates the project, its funnel and its goals in one transaction, from the reviewed draft. The
 * draft is parsed strictly (no key it does not have, anywhere) and every row is built from its
 * named fields: ids inside it never choose where anything is written. Names still as the template
 * wrote them are stored in the creator's language now. Answers with both keys: the read key is
 * stored only as a hash, so this is the one time the wizard can show it.
 */
export const createProjectAction = action(
  { input: z.tuple([clientDraftSchema]), access: "admin", field: draftField },
  async ([parsed], { team }) => {
    const draft = parsed.sector ? localizeTemplateNames(parsed, TEMPLATES[parsed.sector], await getLocale()) : parsed;
    const site = projectInputSchema.safeParse({ name: draft.name, siteUrl: draft.siteUrl, sector: draft.sector });
    if (!site.success) throw refuse("invalid_input", { [String(site.error.issues[0].path[0] ?? "name")]: "invalid" });
    const funnel = {
      name: draft.funnelName.trim(),
      steps: draft.steps.map((s) => ({ event: s.event, path: s.path, where: s.where, label: s.label?.trim() || undefined })),
      windowSeconds: draft.windowSeconds ?? 7 * 86400,
    };
    if (funnelProblem(funnel)) throw refuse("invalid_input", { steps: "invalid" });
    const goals = draft.goals.filter((g) => g.enabled && g.name.trim());
    if (!goals.some((g) => g.kind === "macro")) throw refuse("invalid_input", { goals: "required" });
    const { project, writeKey, readKey } = await createProject(team, site.data, {
      funnels: [funnel],
      goals: goals.map((g) => ({
        key: g.key,
        name: g.name.trim(),
        kind: g.kind,
        match: { event: g.match.event, path: g.match.path, where: g.match.where },
        revenue: g.revenue,
      })),
    });
    await saveDraft(team, { ...(draft as OnboardingDraft), step: "install", projectId: project.id });
    return { projectId: project.id, writeKey, readKey };
  },
);

/** Ends onboarding; with `demo`, fills the new project with demo traffic first (named in the caller's language). */
export const finishOnboardingAction = action(
  {
    input: z.tuple([id, z.boolean()]),
    access: "admin",
    project: ([projectId]) => projectId,
    revalidate: ([projectId]) => [`/projects/${projectId}`],
  },
  async ([, demo], { team, project }) => {
    if (demo) await seedDemoData(project, { visitors: 5000, days: 90, locale: await getLocale() });
    await clearDraft(team);
  },
);

/** Throws the caller's own draft away. */
export const restartOnboardingAction = action({ input: z.tuple([]), access: "viewer" }, async (_input, { team }) => {
  await clearDraft(team);
});

/** A draft problem's field as the wizard shows it: the site fields, the funnel's steps, the goals, else the form. */
function draftField(path: PropertyKey[]): string {
  const top = String(path[1] ?? "form");
  if (top === "name" || top === "siteUrl" || top === "sector" || top === "goals") return top;
  if (top === "steps" || top === "funnelName" || top === "windowSeconds") return "steps";
  return "form";
}
