import { describe, it, expect, beforeAll } from "vitest";
import { describeEachDb, alsoOnCitus } from "../tests/db";
import { createAccount, findUserByEmail } from "./accounts";
import { teamScopeForUser, projectScopeForReadKey, projectForWriteKey } from "./tenant";
import { createProject, revealWriteKey, rotateReadKey, rotateWriteKey } from "./projects";
import { AccessError, InputError } from "../lib/errors";
import { memberships } from "./schema";

alsoOnCitus();

describeEachDb("tenant guard", (db) => {
  let a: Awaited<ReturnType<typeof createAccount>>;
  let b: Awaited<ReturnType<typeof createAccount>>;

  beforeAll(async () => {
    a = await createAccount(db(), { name: "Anna", email: "Anna@Example.nl", password: "correct horse battery" });
    b = await createAccount(db(), { name: "Bram", email: "bram@example.nl", password: "correct horse battery", teamName: "Bram BV" });
  });

  it("creates a user with a team they own, email stored lower-case", async () => {
    expect(a.user.email).toBe("anna@example.nl");
    expect(b.team.name).toBe("Bram BV");
    const scope = await teamScopeForUser(db(), a.user.id);
    expect(scope?.role).toBe("owner");
    expect(scope?.teamId).toBe(a.team.id);
    expect((await findUserByEmail(db(), "ANNA@example.nl"))?.id).toBe(a.user.id);
  });

  it("refuses a second account with the same email, whatever its case", async () => {
    await expect(createAccount(db(), { name: "X", email: "anna@EXAMPLE.nl", password: "whatever-long" })).rejects.toBeInstanceOf(
      InputError,
    );
  });

  it("never opens another team's project, and says 404 rather than 403", async () => {
    const scopeB = (await teamScopeForUser(db(), b.user.id))!;
    const { project } = await createProject(scopeB, { name: "Bram shop", sector: "ecommerce" });
    const scopeA = (await teamScopeForUser(db(), a.user.id))!;
    const err = await scopeA.project(project.id).catch((e) => e);
    expect(err).toBeInstanceOf(AccessError);
    expect((err as AccessError).status).toBe(404);
    expect(await scopeA.projects()).toEqual([]);
    expect((await scopeB.project(project.id)).projectId).toBe(project.id);
  });

  it("ignores a preferred team the user is not a member of", async () => {
    const scope = await teamScopeForUser(db(), a.user.id, b.team.id);
    expect(scope?.teamId).toBe(a.team.id);
  });

  it("lets viewers read but not create projects", async () => {
    await db().insert(memberships).values({ teamId: b.team.id, userId: a.user.id, role: "viewer" });
    const viewer = (await teamScopeForUser(db(), a.user.id, b.team.id))!;
    expect(viewer.role).toBe("viewer");
    expect((await viewer.projects()).length).toBe(1);
    const err = await createProject(viewer, { name: "Nope", sector: "saas" }).catch((e) => e);
    expect((err as AccessError).status).toBe(403);
  });

  it("finds projects by their keys, stores neither key in clear, and rotation revokes the old key", async () => {
    const scopeA = (await teamScopeForUser(db(), a.user.id))!;
    const { project, writeKey, readKey } = await createProject(scopeA, { name: "Anna SaaS", sector: "saas", siteUrl: "https://anna.nl" });
    expect(JSON.stringify(project)).not.toContain(writeKey);
    expect(JSON.stringify(project)).not.toContain(readKey);
    expect((await projectForWriteKey(db(), writeKey))?.id).toBe(project.id);
    const byRead = await projectScopeForReadKey(db(), readKey);
    expect(byRead.projectId).toBe(project.id);
    expect(byRead.can("admin")).toBe(false);
    expect(revealWriteKey(await scopeA.project(project.id))).toBe(writeKey);

    const projectScope = await scopeA.project(project.id);
    const newRead = await rotateReadKey(projectScope);
    await expect(projectScopeForReadKey(db(), readKey)).rejects.toBeInstanceOf(AccessError);
    expect((await projectScopeForReadKey(db(), newRead)).projectId).toBe(project.id);
    const newWrite = await rotateWriteKey(projectScope);
    expect(await projectForWriteKey(db(), writeKey)).toBeNull();
    expect((await projectForWriteKey(db(), newWrite))?.id).toBe(project.id);
  });
});

describe("project input", () => {
  it("rejects an unknown sector and a bad site address with clear messages", async () => {
    const { projectInputSchema } = await import("./projects");
    const r = projectInputSchema.safeParse({ name: "X", sector: "casino", siteUrl: "not a url" });
    expect(r.success).toBe(false);
    const messages = r.error!.issues.map((i) => i.message);
    expect(messages).toContain("Pick one of the sectors.");
    expect(messages).toContain("Enter the site's address, like https://www.example.nl.");
  });
});
