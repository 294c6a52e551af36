import { it, expect, beforeAll } from "vitest";
import { describeEachDb } from "../tests/db";
import { createAccount } from "./accounts";
import { teamScopeForUser, type ProjectScope } from "./tenant";
import { createProject } from "./projects";
import { memberships } from "./schema";
import { createGoal } from "./goals";
import { listExperiments, getExperiment, createExperiment, updateExperiment, deleteExperiment } from "./experiments";

describeEachDb("experiments", (db) => {
  let owner: ProjectScope;
  let other: ProjectScope;
  let viewer: ProjectScope;
  let goalId: string;
  let otherGoalId: string;
  const def = (patch: Record<string, unknown> = {}) => ({
    name: "New checkout",
    property: "variant",
    variants: ["control", "new"],
    controlVariant: "control",
    goalId,
    startDate: "2026-05-01",
    minimumUplift: 0.1,
    ...patch,
  });

  beforeAll(async () => {
    const { user } = await createAccount(db(), { name: "O", email: "exp-owner@example.nl", password: "long enough pw" });
    const team = (await teamScopeForUser(db(), user.id))!;
    owner = await team.project((await createProject(team, { name: "Shop", sector: "ecommerce" })).project.id);
    other = await team.project((await createProject(team, { name: "Other", sector: "ecommerce" })).project.id);
    goalId = (await createGoal(owner, { name: "Bought", kind: "macro", match: { event: "purchase" } })).id;
    otherGoalId = (await createGoal(other, { name: "Bought", kind: "macro", match: { event: "purchase" } })).id;
    const { user: v } = await createAccount(db(), { name: "V", email: "exp-viewer@example.nl", password: "long enough pw" });
    await db().insert(memberships).values({ teamId: owner.teamId, userId: v.id, role: "viewer" });
    viewer = await (await teamScopeForUser(db(), v.id, owner.teamId))!.project(owner.projectId);
  });

  it("creates, reads, updates and deletes an experiment of the project", async () => {
    const e = await createExperiment(owner, def());
    expect(e).toMatchObject({
      name: "New checkout",
      source: "event",
      variants: ["control", "new"],
      minimumUplift: 0.1,
      startDate: "2026-05-01",
    });
    const renamed = await updateExperiment(owner, e.id, def({ name: "Checkout v2", source: "trait", minimumUplift: 0.25 }));
    expect(renamed).toMatchObject({ name: "Checkout v2", source: "trait", minimumUplift: 0.25 });
    expect((await getExperiment(owner, e.id)).name).toBe("Checkout v2");
    expect((await listExperiments(owner)).map((x) => x.id)).toContain(e.id);
    expect(await listExperiments(other)).toEqual([]);
    await deleteExperiment(owner, e.id);
    await expect(getExperiment(owner, e.id)).rejects.toMatchObject({ status: 404 });
  });

  it("refuses invalid input with the field it belongs to, and another project's goal", async () => {
    await expect(createExperiment(owner, def({ variants: ["control"] }))).rejects.toMatchObject({ field: "variants", status: 400 });
    await expect(createExperiment(owner, def({ controlVariant: "x" }))).rejects.toMatchObject({ field: "controlVariant" });
    await expect(createExperiment(owner, def({ goalId: otherGoalId }))).rejects.toMatchObject({
      field: "target",
      message: "Choose a goal of this project.",
    });
  });

  it("keeps experiments inside their project and lets viewers read but not write", async () => {
    const e = await createExperiment(owner, def());
    await expect(getExperiment(other, e.id)).rejects.toMatchObject({ status: 404 });
    await expect(updateExperiment(other, e.id, def())).rejects.toMatchObject({ status: 404 });
    await expect(deleteExperiment(other, e.id)).rejects.toMatchObject({ status: 404 });
    expect((await getExperiment(viewer, e.id)).id).toBe(e.id);
    await expect(createExperiment(viewer, def())).rejects.toMatchObject({ status: 403 });
    await expect(updateExperiment(viewer, e.id, def({ name: "Sneaky" }))).rejects.toMatchObject({ status: 403 });
    await expect(deleteExperiment(viewer, e.id)).rejects.toMatchObject({ status: 403 });
    expect((await getExperiment(owner, e.id)).name).toBe("New checkout");
  });
});
