import { it, expect, vi, beforeAll, beforeEach } from "vitest";
import { z } from "zod";
import { describeEachDb } from "./db";
import { ownerWithProject, viewerOf } from "./fixtures";
import { teamScopeForUser, type TeamScope } from "../db/tenant";
import { InputError } from "../lib/errors";

// The wrapper reads the session through server/guard and revalidates through next/cache; here the
// session is whichever real team scope the test puts in `session`.
const session = vi.hoisted(() => ({ team: null as unknown, revalidated: [] as string[] }));
vi.mock("server-only", () => ({}));
vi.mock("next/cache", () => ({ revalidatePath: (p: string) => session.revalidated.push(p) }));
vi.mock("@/server/guard", async () => {
  const { unauthenticated } = await import("../lib/errors");
  return {
    apiTeamScope: async () => {
      if (!session.team) throw unauthenticated();
      return session.team;
    },
    sessionUserId: async () => (session.team as TeamScope | null)?.userId ?? null,
  };
});

const { action, id, refuse } = await import("../server/action");

describeEachDb("server action wrapper", (db) => {
  let owner: TeamScope;
  let outsider: TeamScope;
  let viewer: TeamScope;
  let projectId: string;
  let otherProjectId: string;
  const ran = vi.fn();

  beforeAll(async () => {
    const a = await ownerWithProject(db(), "wrapper-owner@example.nl");
    const b = await ownerWithProject(db(), "wrapper-outsider@example.nl");
    owner = a.team;
    outsider = b.team;
    projectId = a.project.id;
    otherProjectId = b.project.id;
    const v = await viewerOf(db(), a.scope, "wrapper-viewer@example.nl");
    viewer = (await teamScopeForUser(db(), v.actor.kind === "member" ? v.actor.userId : "", a.team.teamId))!;
  });
  beforeEach(() => {
    session.team = owner;
    session.revalidated = [];
    ran.mockReset();
  });

  // A lax nested schema on purpose: the wrapper must refuse what it would have dropped.
  const lax = z.object({ name: z.string(), steps: z.array(z.object({ event: z.string() })) });
  const save = action(
    { input: z.tuple([id, lax]), access: "admin", project: ([p]) => p, revalidate: ([p]) => [`/projects/${p}`] },
    async ([, def], { project }) => {
      ran(def);
      return { projectId: project.projectId };
    },
  );
  const good = { name: "x", steps: [{ event: "a" }] };

  it("runs the body with the project's scope, returns its data and revalidates", async () => {
    expect(await save(projectId, good)).toEqual({ ok: true, data: { projectId } });
    expect(session.revalidated).toEqual([`/projects/${projectId}`]);
  });

  it("refuses a key the schema would have dropped, at any depth, before the body runs", async () => {
    expect(await save(projectId, { ...good, projectId: otherProjectId } as never)).toEqual({
      ok: false,
      error: { code: "invalid_input", fieldErrors: { projectId: "unknown_key" } },
    });
    expect(await save(projectId, { name: "x", steps: [{ event: "a", projectId: otherProjectId }] } as never)).toEqual({
      ok: false,
      error: { code: "invalid_input", fieldErrors: { "steps.0.projectId": "unknown_key" } },
    });
    expect(ran).not.toHaveBeenCalled();
  });

  it("refuses NUL bytes and lone surrogates in any string or key, and nesting too deep", async () => {
    expect(await save(projectId, { name: "a\u0000b", steps: [] })).toMatchObject({
      ok: false,
      error: { code: "invalid_input", fieldErrors: { name: "unsafe_text" } },
    });
    expect(await save(projectId, { name: "x", steps: [{ event: "\uDC00" }] })).toMatchObject({
      error: { fieldErrors: { "steps.0.event": "unsafe_text" } },
    });
    expect(await save(projectId, { name: "x", steps: [], "k\u0000": 1 } as never)).toMatchObject({ error: { code: "invalid_input" } });
    let deep: unknown = "x";
    for (let i = 0; i < 40; i++) deep = { d: deep };
    expect(await save(projectId, { name: "x", steps: [], deep } as never)).toMatchObject({ ok: false, error: { code: "invalid_input" } });
    expect(ran).not.toHaveBeenCalled();
  });

  it("refuses a non-UUID id, a wrong type and an argument too many as input, never as a fault", async () => {
    expect(await save("not-a-uuid", good)).toEqual({ ok: false, error: { code: "invalid_input", fieldErrors: { arg0: "invalid" } } });
    expect(await save(projectId, { name: 12345, steps: [] } as never)).toEqual({
      ok: false,
      error: { code: "invalid_input", fieldErrors: { name: "invalid" } },
    });
    expect(await (save as (...a: unknown[]) => Promise<unknown>)(projectId, good, { projectId })).toMatchObject({
      ok: false,
      error: { code: "invalid_input" },
    });
    expect(ran).not.toHaveBeenCalled();
  });

  it("takes the scope from the session: another team's project is not_found, a viewer is forbidden, nobody is unauthenticated", async () => {
    session.team = outsider;
    expect(await save(projectId, good)).toEqual({ ok: false, error: { code: "not_found" } });
    session.team = viewer;
    expect(await save(projectId, good)).toEqual({ ok: false, error: { code: "forbidden" } });
    session.team = null;
    expect(await save(projectId, good)).toEqual({ ok: false, error: { code: "unauthenticated" } });
    expect(ran).not.toHaveBeenCalled();
    expect(session.revalidated).toEqual([]);
  });

  it("maps the body's input, zod and refusal errors in one place, and lets real faults through", async () => {
    const fails = (err: unknown) => action({ input: z.tuple([]), access: "viewer" }, async () => Promise.reject(err))();
    expect(await fails(new InputError("Bad path", "path"))).toEqual({
      ok: false,
      error: { code: "invalid_input", fieldErrors: { path: "invalid" } },
    });
    expect(await fails(new InputError("Last owner", "role", 409))).toEqual({
      ok: false,
      error: { code: "conflict", fieldErrors: { role: "taken" } },
    });
    expect(await fails(z.object({ email: z.email() }).safeParse({ email: "x" }).error)).toEqual({
      ok: false,
      error: { code: "invalid_input", fieldErrors: { email: "invalid" } },
    });
    expect(await fails(refuse("too_large"))).toEqual({ ok: false, error: { code: "too_large" } });
    await expect(fails(new Error("database away"))).rejects.toThrow("database away");
  });
});
