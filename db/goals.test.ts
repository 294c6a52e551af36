import { it, expect, beforeAll } from "vitest";
import { describeEachDb } from "../tests/db";
import type { ProjectScope } from "./tenant";
import { ownerWithProject, viewerOf } from "../tests/fixtures";
import { listGoals, getGoal, createGoal, updateGoal, deleteGoal, moveGoal } from "./goals";
import { InputError } from "../lib/errors";

const micro = (name: string, extra: object = {}) => ({
  name,
  kind: "micro",
  // Each goal its own condition: two goals that count the same thing the same way are refused.
  match: { event: "demo_request", path: "/contact/*", where: { plan: "pro", goal: name.trim() || "none" } },
  revenue: false,
  ...extra,
});

describeEachDb("goals editor", (db) => {
  let owner: ProjectScope;
  let outsider: ProjectScope;
  let viewer: ProjectScope;

  beforeAll(async () => {
    owner = (await ownerWithProject(db(), "goals-owner@example.nl")).scope;
    outsider = (await ownerWithProject(db(), "goals-outsider@example.nl")).scope;
    viewer = await viewerOf(db(), owner, "goals-viewer@example.nl");
  });

  it("creates a goal after the others, with a key from its name, and lists it with the micro goals", async () => {
    const before = await listGoals(owner);
    const g = await createGoal(owner, micro(" Demo request "));
    expect(g).toMatchObject({ projectId: owner.projectId, key: "demo_request", name: "Demo request", kind: "micro", revenue: false });
    expect(g.match).toEqual({ event: "demo_request", path: "/contact/*", where: { plan: "pro", goal: "Demo request" } });
    expect(g.position).toBe(Math.max(...before.map((b) => b.position)) + 1);
    const after = await listGoals(owner);
    expect(after.map((a) => a.id)).toEqual([...before.map((b) => b.id), g.id]);
    expect(await getGoal(owner, g.id)).toEqual(g);
  });

  it("keeps keys unique in the project: -2, -3 on a clash, but another project may reuse one", async () => {
    const a = await createGoal(owner, micro("Add to cart!"));
    const b = await createGoal(owner, micro("Add to cart?"));
    expect([a.key, b.key]).toEqual(["add_to_cart-2", "add_to_cart-3"]); // the template already has add_to_cart
    const other = await createGoal(outsider, micro("Demo request"));
    expect(other.key).toBe("demo_request");
  });

  it("updates name, kind, match and revenue but keeps the key", async () => {
    const g = await createGoal(owner, micro("Brochure download"));
    const u = await updateGoal(owner, g.id, { name: "Brochure (PDF)", kind: "macro", match: { event: "download" }, revenue: true });
    expect(u).toMatchObject({
      id: g.id,
      key: "brochure_download",
      name: "Brochure (PDF)",
      kind: "macro",
      revenue: true,
      position: g.position,
    });
    expect(u.match).toEqual({ event: "download" });
    // A macro goal now: listed before every micro goal.
    const list = await listGoals(owner);
    const firstMicro = list.findIndex((x) => x.kind === "micro");
    expect(list.findIndex((x) => x.id === g.id)).toBeLessThan(firstMicro);
  });

  it("rejects an invalid definition with a 400 InputError that says what is wrong, and saves nothing", async () => {
    const count = (await listGoals(owner)).length;
    const err = await createGoal(owner, micro("No event", { match: { event: "  " } })).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err).toMatchObject({ status: 400, field: "event", message: "A goal needs an event name." });
    await expect(createGoal(owner, micro(""))).rejects.toMatchObject({ status: 400, field: "name", message: "Give the goal a name." });
    await expect(createGoal(owner, micro("Bad path", { match: { event: "x", path: "contact" } }))).rejects.toMatchObject({
      status: 400,
      field: "path",
    });
    expect((await listGoals(owner)).length).toBe(count);

    const g = await createGoal(owner, micro("Valid"));
    await expect(updateGoal(owner, g.id, micro("Valid", { kind: "giant" }))).rejects.toMatchObject({ status: 400, field: "kind" });
    expect((await getGoal(owner, g.id)).kind).toBe("micro");
  });

  it("deletes a goal", async () => {
    const g = await createGoal(owner, micro("Short-lived"));
    await deleteGoal(owner, g.id);
    await expect(getGoal(owner, g.id)).rejects.toMatchObject({ status: 404 });
    expect((await listGoals(owner)).some((x) => x.id === g.id)).toBe(false);
  });

  it("lets viewers read but not write (403, nothing changes)", async () => {
    const g = await createGoal(owner, micro("Viewer target"));
    expect((await listGoals(viewer)).some((x) => x.id === g.id)).toBe(true);
    const count = (await listGoals(owner)).length;
    await expect(createGoal(viewer, micro("Sneaky"))).rejects.toMatchObject({ status: 403 });
    await expect(updateGoal(viewer, g.id, micro("Renamed"))).rejects.toMatchObject({ status: 403 });
    await expect(deleteGoal(viewer, g.id)).rejects.toMatchObject({ status: 403 });
    await expect(moveGoal(viewer, g.id, "up")).rejects.toMatchObject({ status: 403 });
    expect((await listGoals(owner)).length).toBe(count);
    expect((await getGoal(owner, g.id)).name).toBe("Viewer target");
  });

  it("treats another project's goal id, and a malformed id, as not found and changes nothing", async () => {
    const theirs = await createGoal(outsider, micro("Theirs"));
    await expect(getGoal(owner, theirs.id)).rejects.toMatchObject({ status: 404 });
    await expect(updateGoal(owner, theirs.id, micro("Hijacked"))).rejects.toMatchObject({ status: 404 });
    await expect(deleteGoal(owner, theirs.id)).rejects.toMatchObject({ status: 404 });
    await expect(moveGoal(owner, theirs.id, "up")).rejects.toMatchObject({ status: 404 });
    await expect(getGoal(owner, "not-a-uuid")).rejects.toMatchObject({ status: 404 });
    await expect(deleteGoal(owner, "1; drop table goals")).rejects.toMatchObject({ status: 404 });
    expect(await getGoal(outsider, theirs.id)).toEqual(theirs);
  });

  it("refuses a duplicate of another goal (same name, or the same definition) with a 409 on the field, and saves nothing", async () => {
    const g = await createGoal(owner, micro("Quote request"));
    const count = (await listGoals(owner)).length;
    // The same name, whatever its case and spacing, with another definition.
    await expect(createGoal(owner, micro("  quote   REQUEST ", { match: { event: "quote" } }))).rejects.toMatchObject({
      status: 409,
      field: "name",
    });
    // Another name, the same kind, match (conditions in another order) and revenue setting.
    await expect(
      createGoal(
        owner,
        micro("Offerte", { match: { event: "demo_request", where: { goal: "Quote request", plan: "pro" }, path: "/contact/*" } }),
      ),
    ).rejects.toMatchObject({ status: 409, field: "event" });
    // A template goal's event counted as a revenue-less macro goal is another goal, not a duplicate.
    await createGoal(owner, { name: "Bought", kind: "macro", match: { event: "purchase" } });
    expect((await listGoals(owner)).length).toBe(count + 1);
    // Renaming a goal onto another's name is refused; saving it unchanged is not.
    const other = await createGoal(owner, micro("Brochure"));
    await expect(updateGoal(owner, other.id, micro("Quote request"))).rejects.toMatchObject({ status: 409, field: "name" });
    await expect(updateGoal(owner, g.id, micro("Quote request"))).resolves.toMatchObject({ id: g.id, name: "Quote request" });
    // Another project may have the same goal.
    await expect(createGoal(outsider, micro("Quote request"))).resolves.toMatchObject({ name: "Quote request" });
  });

  it("moves a goal among the goals of its kind", async () => {
    const micros = () => listGoals(owner).then((l) => l.filter((g) => g.kind === "micro").map((g) => g.id));
    const start = await micros();
    await moveGoal(owner, start[1], "up");
    expect(await micros()).toEqual([start[1], start[0], ...start.slice(2)]);
    await moveGoal(owner, start[1], "up"); // already first: nothing happens
    expect(await micros()).toEqual([start[1], start[0], ...start.slice(2)]);
    await moveGoal(owner, start[1], "down");
    expect(await micros()).toEqual(start);
    const macros = (await listGoals(owner)).filter((g) => g.kind === "macro");
    expect((await listGoals(owner)).slice(0, macros.length).every((g) => g.kind === "macro")).toBe(true);
  });
});
