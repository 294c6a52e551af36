import { it, expect, beforeAll } from "vitest";
import { eq } from "drizzle-orm";
import { describeEachDb } from "../tests/db";
import { ownerWithProject } from "../tests/fixtures";
import { createProject } from "./projects";
import { listGoals } from "./goals";
import { listFunnels } from "./funnels";
import { saveDraft, getDraft, type OnboardingDraft } from "./onboarding";
import { addSpend, importSpend, listSpend } from "./spend";
import { projects, goals } from "./schema";
import type { ProjectScope, TeamScope } from "./tenant";

/**
 * Finding 1 of the hardening issue: rows were built by spreading what a client sent, so a goal
 * carrying a `projectId` was written into that project (another team's), and a goal with a
 * numeric path was stored and broke the owner's reports. Every write now parses its whole input
 * strictly and builds rows from named fields.
 */
describeEachDb("writes take named fields only", (db) => {
  let teamA: TeamScope;
  let b: ProjectScope;

  const goal = { key: "purchase", name: "Purchase", kind: "macro" as const, match: { event: "purchase" }, revenue: false };
  const funnel = { name: "Shop", steps: [{ event: "pageview" }, { event: "purchase" }], windowSeconds: 86400 };

  beforeAll(async () => {
    teamA = (await ownerWithProject(db(), "named-a@example.nl", { name: "A shop" })).team;
    b = (await ownerWithProject(db(), "named-b@example.nl", { name: "B shop" })).scope;
  });

  /** Everything of team B's project a hijacked goal could change. */
  const snapshotB = async () => ({
    goals: await listGoals(b),
    funnels: await listFunnels(b),
    project: (await db().select().from(projects).where(eq(projects.id, b.projectId)))[0],
  });
  const projectsOfA = async () => (await teamA.projects()).map((p) => p.id).sort();

  it("a goal carrying another team's projectId, teamId or id changes nothing of that project, and creates no project", async () => {
    const before = await snapshotB();
    const beforeA = await projectsOfA();
    const [bGoal] = before.goals;
    for (const extra of [
      { projectId: b.projectId },
      { teamId: b.teamId },
      { id: bGoal.id },
      { projectId: b.projectId, id: bGoal.id, position: 0 },
    ]) {
      const hijack = { ...goal, key: "hijack", name: "Hijacked", ...extra };
      const err = await createProject(teamA, { name: "Hijack", sector: "ecommerce" }, { funnels: [funnel], goals: [hijack] }).catch(
        (e) => e,
      );
      expect(err, JSON.stringify(extra)).toMatchObject({ status: 400, field: "goals" });
    }
    // A goal's match and a funnel's step with a projectId are refused the same way.
    await expect(
      createProject(
        teamA,
        { name: "Hijack", sector: "ecommerce" },
        { goals: [{ ...goal, match: { event: "purchase", projectId: b.projectId } as never }] },
      ),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      createProject(teamA, { name: "Hijack", sector: "ecommerce" }, { funnels: [{ ...funnel, projectId: b.projectId } as never] }),
    ).rejects.toMatchObject({ status: 400 });
    expect(await snapshotB()).toEqual(before);
    expect((await db().select().from(goals).where(eq(goals.name, "Hijacked"))).length).toBe(0);
    expect(await projectsOfA()).toEqual(beforeA);
  });

  it("refuses a goal whose path is a number, and stores nothing", async () => {
    const beforeA = await projectsOfA();
    const bad = { ...goal, match: { event: "purchase", path: 12345 as unknown as string } };
    await expect(createProject(teamA, { name: "Numbers", sector: "ecommerce" }, { funnels: [funnel], goals: [bad] })).rejects.toMatchObject(
      { status: 400, field: "goals" },
    );
    expect(await projectsOfA()).toEqual(beforeA);
    expect((await db().select().from(goals).where(eq(goals.key, "purchase"))).every((g) => typeof g.match.path !== "number")).toBe(true);
  });

  it("stores a valid setup from its named fields", async () => {
    const { project } = await createProject(
      teamA,
      { name: "Fine", sector: "ecommerce" },
      { funnels: [funnel], goals: [{ ...goal, match: { event: "purchase", path: "/thanks" } }] },
    );
    const scope = await teamA.project(project.id);
    expect((await listGoals(scope)).map((g) => ({ projectId: g.projectId, key: g.key, match: g.match }))).toEqual([
      { projectId: project.id, key: "purchase", match: { event: "purchase", path: "/thanks" } },
    ]);
  });

  it("refuses an onboarding draft whose goal carries a projectId, and keeps the draft as it was", async () => {
    const draft: OnboardingDraft = {
      step: "review",
      name: "Shop",
      siteUrl: "",
      sector: "ecommerce",
      funnelName: "Shop",
      steps: funnel.steps,
      goals: [{ ...goal, enabled: true }],
    };
    await saveDraft(teamA, draft);
    const hijacked = { ...draft, goals: [{ ...goal, enabled: true, projectId: b.projectId }] } as unknown as OnboardingDraft;
    await expect(saveDraft(teamA, hijacked)).rejects.toMatchObject({ name: "ZodError" });
    await expect(saveDraft(teamA, { ...draft, teamId: b.teamId } as unknown as OnboardingDraft)).rejects.toMatchObject({
      name: "ZodError",
    });
    await expect(saveDraft(teamA, { ...draft, name: "Sh\u0000op" })).rejects.toMatchObject({ name: "ZodError" });
    expect(await getDraft(teamA)).toMatchObject({ name: "Shop", goals: [{ key: "purchase" }] });
    expect(JSON.stringify(await getDraft(teamA))).not.toContain(b.projectId);
  });

  it("a NUL byte or a lone surrogate in the spend form is a field error, and nothing is stored", async () => {
    const before = await listSpend(b);
    await expect(addSpend(b, { date: "2026-03-05", source: "goo\u0000gle", amount: "10" })).rejects.toMatchObject({
      status: 400,
      field: "source",
    });
    await expect(addSpend(b, { date: "2026-03-05", source: "google", campaign: "x\uD800", amount: "10" })).rejects.toMatchObject({
      status: 400,
      field: "campaign",
    });
    await expect(addSpend(b, { date: "2026-03-05\u0000", source: "google", amount: "10" })).rejects.toMatchObject({
      status: 400,
      field: "date",
    });
    expect(await listSpend(b)).toEqual(before);
  });

  it("a NUL byte in a spend CSV is an error on its line; the good lines are stored once", async () => {
    const csv =
      "date,source,medium,campaign,amount\n2026-04-01,google,cpc,,10\n2026-04-02,goo\u0000gle,cpc,,20\n2026-04-03,bing,cpc,spring\u0000,30\n";
    const result = await importSpend(b, csv);
    expect(result).toMatchObject({ inserted: 1, replaced: 0 });
    expect(result.errors.map((e) => e.line)).toEqual([3, 4]);
    expect(result.errors[0]).toMatchObject({ code: "unsafe", values: { field: "source" } });
    expect((await listSpend(b)).filter((r) => r.day >= "2026-04-01" && r.day <= "2026-04-03").map((r) => r.source)).toEqual(["google"]);
  });
});
