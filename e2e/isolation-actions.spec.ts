import { test, expect, type APIRequestContext, type Page } from "@playwright/test";
import { signUp, fillSignup, signUpWithDemoProject, uniqueEmail } from "./helpers";
import { serverActions, actionIds, callAction, refused, arrayProp, type ActionResponse } from "./actions";

/**
 * Every server action in app/ (read from the "use server" files, so a new one is covered without
 * editing this list's loop) is called over HTTP, as the browser calls it: by a member of team A with
 * team B's ids, and by a viewer of team B against team B's own project. Each call must be refused,
 * leak nothing of team B, and leave team B's projects, funnels, results, keys, share links, members
 * and invites exactly as they were.
 */

type Ids = {
  projectA: string;
  teamA: string;
  teamB: string;
  projectB: string;
  funnelB: string;
  goalB: string;
  spendB: string;
  experimentB: string;
  shareLinkB: string;
  shareTokenB: string;
  inviteB: string;
  ownerB: string;
  viewerB: string;
};

type Attack =
  /** Not run: why the action is out of reach of this attack. */
  | { exempt: string }
  | {
      /** One or more argument lists to try. */
      calls: (ids: Ids) => unknown[][];
      /**
       * The action may answer ok, because it only ever acts on the caller's own team or session (the
       * team comes from the session, never from the arguments); this says why. Team B must still be unchanged.
       */
      ownOnly?: string;
      /** Extra check after the calls. */
      after?: (ctx: { caller: APIRequestContext; ids: Ids; secrets: string[] }) => Promise<void>;
    };

const goalDefinition = { name: "Hijacked goal", kind: "macro", match: { event: "purchase" }, revenue: false };
const experimentDefinition = (goalId: string) => ({ name: "Hijacked test", property: "variant", variants: ["control", "b"], controlVariant: "control", goalId, startDate: "2026-01-01", minimumUplift: 0.1 });
const funnelDefinition = { name: "Hijacked", steps: [{ event: "pageview" }, { event: "purchase" }], windowSeconds: 86400 };
const today = () => new Date().toISOString().slice(0, 10);
// The same key as team B's own entry: a write that got through would replace B's amount.
const spendInput = () => ({ date: today(), source: "google", medium: "cpc", campaign: "", amount: "99999" });
const spendCsv = () => `date,source,medium,campaign,amount\n${today()},google,cpc,,99999\n${today()},hijack,,,1\n`;
const shareInput = (funnelId: string) => ({ report: "funnel", funnelId, range: { kind: "rolling", days: 30 } });
const draft = (ids: Ids) => ({
  step: "review",
  name: "Hijack shop",
  siteUrl: "",
  sector: "ecommerce",
  funnelName: "Hijack",
  steps: [{ event: "pageview" }, { event: "purchase" }],
  goals: [{ key: "purchase", name: "Purchase", kind: "macro", match: { event: "purchase" }, revenue: false, enabled: true }],
  windowSeconds: 86400,
  projectId: ids.projectB,
  teamId: ids.teamB,
});
const RANDOM_TOKEN = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

async function currentTeam(request: APIRequestContext): Promise<string> {
  const res = await request.get("/api/v1/projects");
  expect(res.status()).toBe(200);
  return ((await res.json()) as { team: { id: string } }).team.id;
}

/** A member of team A, with team B's ids. */
const crossTeam: Record<string, Attack> = {
  "app/actions.ts#setLocaleAction": { calls: () => [["nl"]], ownOnly: "sets the caller's own language cookie; it takes no id" },
  "app/actions.ts#logoutAction": { exempt: "signs the caller out; it takes no id and touches no team" },
  "app/actions.ts#switchTeamAction": {
    calls: (ids) => [[ids.teamB]],
    ownOnly: "answers nothing either way; what counts is that the caller did not move into team B",
    after: async ({ caller, ids }) => expect(await currentTeam(caller)).toBe(ids.teamA),
  },
  "app/actions.ts#whoAmI": { calls: () => [[]], ownOnly: "tells the caller who they are; it takes no id" },
  "app/(auth)/actions.ts#loginAction": { exempt: "public by design: signs in with the caller's own email and password, no team id" },
  "app/(auth)/actions.ts#signupAction": { exempt: "public by design: creates a new user with a new team of its own, no team id" },
  "app/(app)/projects/new/actions.ts#saveDraftAction": {
    calls: (ids) => [[{ ...draft(ids), step: "install" }]],
    ownOnly: "saves the caller's own draft in the caller's own team (team from the session)",
    // A draft pointing at team B's project must not make the install step reveal B's write key.
    after: async ({ caller, secrets }) => {
      const res = await caller.get("/projects/new", { headers: { RSC: "1" } });
      const body = await res.text();
      for (const secret of secrets) expect(body).not.toContain(secret);
    },
  },
  "app/(app)/projects/new/actions.ts#createProjectAction": {
    calls: (ids) => [[draft(ids)]],
    ownOnly: "creates the project in the caller's own team; team and project ids in the input are ignored",
    after: async ({ caller, ids }) => {
      const mine = (await (await caller.get("/api/v1/projects")).json()) as { team: { id: string } };
      expect(mine.team.id).toBe(ids.teamA);
    },
  },
  "app/(app)/projects/new/actions.ts#finishOnboardingAction": { calls: (ids) => [[ids.projectB, true], [ids.projectB, false]] },
  "app/(app)/projects/new/actions.ts#restartOnboardingAction": { calls: () => [[]], ownOnly: "clears the caller's own onboarding draft; it takes no id" },
  "app/(app)/projects/[projectId]/actions.ts#loadDemoAction": { calls: (ids) => [[ids.projectB]] },
  "app/(app)/projects/[projectId]/actions.ts#saveFunnelAction": {
    calls: (ids) => [
      [ids.projectB, ids.funnelB, funnelDefinition],
      [ids.projectB, null, funnelDefinition],
      [ids.projectA, ids.funnelB, funnelDefinition],
    ],
  },
  "app/(app)/projects/[projectId]/actions.ts#deleteFunnelAction": { calls: (ids) => [[ids.projectB, ids.funnelB], [ids.projectA, ids.funnelB]] },
  "app/(app)/projects/[projectId]/goals/actions.ts#saveGoalAction": {
    calls: (ids) => [[ids.projectB, ids.goalB, goalDefinition], [ids.projectB, null, goalDefinition], [ids.projectA, ids.goalB, goalDefinition]],
  },
  "app/(app)/projects/[projectId]/goals/actions.ts#deleteGoalAction": { calls: (ids) => [[ids.projectB, ids.goalB], [ids.projectA, ids.goalB]] },
  "app/(app)/projects/[projectId]/goals/actions.ts#moveGoalAction": { calls: (ids) => [[ids.projectB, ids.goalB, "down"], [ids.projectA, ids.goalB, "down"]] },
  "app/(app)/projects/[projectId]/spend/actions.ts#addSpendAction": { calls: (ids) => [[ids.projectB, spendInput()]] },
  "app/(app)/projects/[projectId]/spend/actions.ts#importSpendAction": { calls: (ids) => [[ids.projectB, spendCsv()]] },
  "app/(app)/projects/[projectId]/spend/actions.ts#deleteSpendAction": { calls: (ids) => [[ids.projectB, ids.spendB], [ids.projectA, ids.spendB]] },
  "app/(app)/projects/[projectId]/experiments/actions.ts#saveExperimentAction": {
    calls: (ids) => [
      [ids.projectB, ids.experimentB, experimentDefinition(ids.goalB)],
      [ids.projectB, null, experimentDefinition(ids.goalB)],
      [ids.projectA, ids.experimentB, experimentDefinition(ids.goalB)],
      [ids.projectA, null, experimentDefinition(ids.goalB)],
    ],
  },
  "app/(app)/projects/[projectId]/experiments/actions.ts#deleteExperimentAction": { calls: (ids) => [[ids.projectB, ids.experimentB], [ids.projectA, ids.experimentB]] },
  "app/(app)/projects/[projectId]/share-actions.ts#createShareLinkAction": {
    calls: (ids) => [[ids.projectB, shareInput(ids.funnelB)], [ids.projectA, shareInput(ids.funnelB)]],
  },
  "app/(app)/projects/[projectId]/share-actions.ts#revokeShareLinkAction": { calls: (ids) => [[ids.projectB, ids.shareLinkB], [ids.projectA, ids.shareLinkB]] },
  "app/(app)/projects/[projectId]/settings/actions.ts#rotateWriteKeyAction": { calls: (ids) => [[ids.projectB]] },
  "app/(app)/projects/[projectId]/settings/actions.ts#rotateReadKeyAction": { calls: (ids) => [[ids.projectB]] },
  "app/(app)/team/actions.ts#inviteAction": { calls: () => [["intruder@example.nl", "owner"]], ownOnly: "invites into the caller's own team (team from the session)" },
  "app/(app)/team/actions.ts#revokeInviteAction": { calls: (ids) => [[ids.inviteB]] },
  "app/(app)/team/actions.ts#changeRoleAction": { calls: (ids) => [[ids.ownerB, "viewer"], [ids.viewerB, "owner"]] },
  "app/(app)/team/actions.ts#removeMemberAction": { calls: (ids) => [[ids.viewerB], [ids.ownerB]] },
  "app/invite/[token]/actions.ts#acceptInviteAction": { calls: () => [[RANDOM_TOKEN]] },
  "app/share/[token]/actions.ts#unlockShareAction": { calls: (ids) => [[RANDOM_TOKEN, "guess"], [ids.shareTokenB, "wrong password"]] },
};

/** A viewer of team B, against team B's own project: every admin action is refused. */
const viewer: Record<string, Attack> = {
  "app/actions.ts#setLocaleAction": { exempt: "not an admin action: the caller's own language" },
  "app/actions.ts#logoutAction": { exempt: "not an admin action: signs the caller out" },
  "app/actions.ts#switchTeamAction": { exempt: "not an admin action: moves the caller between their own teams" },
  "app/actions.ts#whoAmI": { exempt: "not an admin action: reads the caller's own identity" },
  "app/(auth)/actions.ts#loginAction": { exempt: "public: signing in" },
  "app/(auth)/actions.ts#signupAction": { exempt: "public: creating an account" },
  "app/(app)/projects/new/actions.ts#saveDraftAction": { calls: (ids) => [[draft(ids)]] },
  "app/(app)/projects/new/actions.ts#createProjectAction": { calls: (ids) => [[draft(ids)]] },
  "app/(app)/projects/new/actions.ts#finishOnboardingAction": { calls: (ids) => [[ids.projectB, true]] },
  "app/(app)/projects/new/actions.ts#restartOnboardingAction": { exempt: "not an admin action: clears only the caller's own draft (which a viewer cannot create)" },
  "app/(app)/projects/[projectId]/actions.ts#loadDemoAction": { calls: (ids) => [[ids.projectB]] },
  "app/(app)/projects/[projectId]/actions.ts#saveFunnelAction": { calls: (ids) => [[ids.projectB, ids.funnelB, funnelDefinition], [ids.projectB, null, funnelDefinition]] },
  "app/(app)/projects/[projectId]/actions.ts#deleteFunnelAction": { calls: (ids) => [[ids.projectB, ids.funnelB]] },
  "app/(app)/projects/[projectId]/goals/actions.ts#saveGoalAction": { calls: (ids) => [[ids.projectB, ids.goalB, goalDefinition], [ids.projectB, null, goalDefinition]] },
  "app/(app)/projects/[projectId]/goals/actions.ts#deleteGoalAction": { calls: (ids) => [[ids.projectB, ids.goalB]] },
  "app/(app)/projects/[projectId]/goals/actions.ts#moveGoalAction": { calls: (ids) => [[ids.projectB, ids.goalB, "down"]] },
  "app/(app)/projects/[projectId]/spend/actions.ts#addSpendAction": { calls: (ids) => [[ids.projectB, spendInput()]] },
  "app/(app)/projects/[projectId]/spend/actions.ts#importSpendAction": { calls: (ids) => [[ids.projectB, spendCsv()]] },
  "app/(app)/projects/[projectId]/spend/actions.ts#deleteSpendAction": { calls: (ids) => [[ids.projectB, ids.spendB]] },
  "app/(app)/projects/[projectId]/experiments/actions.ts#saveExperimentAction": {
    calls: (ids) => [[ids.projectB, ids.experimentB, experimentDefinition(ids.goalB)], [ids.projectB, null, experimentDefinition(ids.goalB)]],
  },
  "app/(app)/projects/[projectId]/experiments/actions.ts#deleteExperimentAction": { calls: (ids) => [[ids.projectB, ids.experimentB]] },
  "app/(app)/projects/[projectId]/share-actions.ts#createShareLinkAction": { calls: (ids) => [[ids.projectB, shareInput(ids.funnelB)]] },
  "app/(app)/projects/[projectId]/share-actions.ts#revokeShareLinkAction": { calls: (ids) => [[ids.projectB, ids.shareLinkB]] },
  "app/(app)/projects/[projectId]/settings/actions.ts#rotateWriteKeyAction": { calls: (ids) => [[ids.projectB]] },
  "app/(app)/projects/[projectId]/settings/actions.ts#rotateReadKeyAction": { calls: (ids) => [[ids.projectB]] },
  "app/(app)/team/actions.ts#inviteAction": { calls: () => [["friend@example.nl", "viewer"], ["friend@example.nl", "owner"]] },
  "app/(app)/team/actions.ts#revokeInviteAction": { calls: (ids) => [[ids.inviteB]] },
  "app/(app)/team/actions.ts#changeRoleAction": { calls: (ids) => [[ids.ownerB, "viewer"], [ids.viewerB, "owner"], [ids.viewerB, "admin"]] },
  "app/(app)/team/actions.ts#removeMemberAction": { calls: (ids) => [[ids.ownerB]] },
  "app/invite/[token]/actions.ts#acceptInviteAction": { exempt: "not an admin action: the invite token is the credential (see the cross-team table)" },
  "app/share/[token]/actions.ts#unlockShareAction": { exempt: "not an admin action: the share token and password are the credential (see the cross-team table)" },
};

async function rsc(request: APIRequestContext, url: string): Promise<string> {
  const res = await request.get(url, { headers: { RSC: "1" } });
  expect(res.status(), `GET ${url}`).toBe(200);
  return res.text();
}

/** Team B as its owner sees it: everything an attack could change. */
async function snapshotB(owner: APIRequestContext, ids: Ids, readKey: string) {
  const projects = await (await owner.get("/api/v1/projects")).json();
  const team = await rsc(owner, "/team");
  const project = await rsc(owner, `/projects/${ids.projectB}`);
  const settings = await rsc(owner, `/projects/${ids.projectB}/settings`);
  const goals = await rsc(owner, `/projects/${ids.projectB}/goals`);
  const spend = await rsc(owner, `/projects/${ids.projectB}/spend`);
  const experiments = await rsc(owner, `/projects/${ids.projectB}/experiments`);
  const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);
  const results = await owner.get(`/api/v1/funnels/${ids.funnelB}/results?from=${day(-200)}&to=${day(1)}`, { headers: { authorization: `Bearer ${readKey}` } });
  expect(results.status(), "team B's read key still reads team B's funnel").toBe(200);
  return {
    projects,
    members: arrayProp(team, "members"),
    invites: arrayProp(team, "invites"),
    funnels: arrayProp(project, "funnels"),
    goals: arrayProp(goals, "goals"),
    spend: arrayProp(spend, "entries"),
    experiments: (arrayProp(experiments, "results") as { experiment: unknown }[]).map((r) => r.experiment),
    shareLinks: arrayProp(project, "shareLinks"),
    writeKey: settings.match(/"writeKey":"(tw_[^"]+)"/)?.[1],
    readKeyPrefix: settings.match(/"readKeyPrefix":"([^"]+)"/)?.[1],
    results: await results.json(),
  };
}

function mustHave(ids: Map<string, string>, key: string): string {
  const id = ids.get(key);
  if (!id) throw new Error(`${key} is not in the build's server-reference manifest`);
  return id;
}

async function signUpViewer(page: Page, inviteLink: string) {
  const url = new URL(inviteLink);
  await page.goto(url.pathname);
  await page.getByRole("link", { name: "Create an account" }).click();
  await fillSignup(page, { name: "Vera Kijker", email: uniqueEmail("viewer") });
  await page.goto(url.pathname);
  await page.getByRole("button", { name: "Join the team" }).click();
  await expect(page).toHaveURL(/\/projects/);
}

test("no server action lets team A or a viewer touch team B's data", async ({ page, browser, baseURL }) => {
  test.setTimeout(300_000);
  const base = baseURL!;
  const declared = serverActions();
  expect(declared.length, "the enumeration found the app's server actions").toBeGreaterThan(15);
  const registered = actionIds();

  // Every declared action needs an entry in both tables, so a new action cannot slip by.
  for (const a of declared) {
    const key = `${a.file}#${a.name}`;
    expect(crossTeam[key], `add an attack for ${key} (cross-team table)`).toBeDefined();
    expect(viewer[key], `add an attack for ${key} (viewer table)`).toBeDefined();
  }
  // And no stale entries: a renamed action must not leave its attack behind untested.
  const declaredKeys = new Set(declared.map((a) => `${a.file}#${a.name}`));
  for (const key of [...Object.keys(crossTeam), ...Object.keys(viewer)]) expect(declaredKeys.has(key), `${key} is in a table but not in app/`).toBe(true);

  // Team B: a project with demo data, its funnel, a password share link, a viewer and an open invite.
  const projectB = await signUpWithDemoProject(page, { teamName: "Team B", project: "Team B shop" });
  const ownerB = page.request;
  const callB = (key: string, args: unknown[]) => callAction(ownerB, base, mustHave(registered, key), args);
  const funnelB = (arrayProp(await rsc(ownerB, `/projects/${projectB}`), "funnels")[0] as { id: string }).id;
  const goalB = (arrayProp(await rsc(ownerB, `/projects/${projectB}/goals`), "goals")[0] as { id: string }).id;
  const spent = await callB("app/(app)/projects/[projectId]/spend/actions.ts#addSpendAction", [projectB, { ...spendInput(), amount: "123,45" }]);
  expect(spent.value, "team B's owner enters spend through the same harness").toMatchObject({ ok: true });
  const spendB = (arrayProp(await rsc(ownerB, `/projects/${projectB}/spend`), "entries")[0] as { id: string }).id;
  const experiment = await callB("app/(app)/projects/[projectId]/experiments/actions.ts#saveExperimentAction", [projectB, null, { ...experimentDefinition(goalB), name: "Team B test" }]);
  expect(experiment.value, "team B's owner creates an experiment through the same harness").toMatchObject({ ok: true });
  const experimentB = (experiment.value as { id: string }).id;
  const share = await callB("app/(app)/projects/[projectId]/share-actions.ts#createShareLinkAction", [projectB, { ...shareInput(funnelB), password: "team-b-secret" }]);
  // The harness can make an action succeed: the refusals below are the app's, not the harness's.
  expect(share.value, "team B's owner creates a share link through the same harness").toMatchObject({ ok: true });
  const shareUrlB = (share.value as { url: string }).url;
  const readKey = await callB("app/(app)/projects/[projectId]/settings/actions.ts#rotateReadKeyAction", [projectB]);
  expect(readKey.value).toMatchObject({ ok: true });
  const readKeyB = (readKey.value as { key: string }).key;
  const toViewer = await callB("app/(app)/team/actions.ts#inviteAction", [uniqueEmail("viewer"), "viewer"]);
  expect(toViewer.value).toMatchObject({ ok: true });
  const pending = await callB("app/(app)/team/actions.ts#inviteAction", [uniqueEmail("pending"), "admin"]);
  expect(pending.value).toMatchObject({ ok: true });

  const ctxV = await browser.newContext();
  const viewerPage = await ctxV.newPage();
  await signUpViewer(viewerPage, (toViewer.value as { link: string }).link);

  const teamB = await currentTeam(ownerB);
  expect(await currentTeam(viewerPage.request)).toBe(teamB);
  const members = arrayProp(await rsc(ownerB, "/team"), "members") as { userId: string; role: string }[];
  const invites = arrayProp(await rsc(ownerB, "/team"), "invites") as { id: string }[];
  const shareLinks = arrayProp(await rsc(ownerB, `/projects/${projectB}`), "shareLinks") as { id: string }[];
  expect(members.map((m) => m.role).sort()).toEqual(["owner", "viewer"]);
  expect(invites).toHaveLength(1);

  // Team A: its own team and project, made through the same actions (so the project is A's).
  const ctxA = await browser.newContext();
  const a = await ctxA.newPage();
  await signUp(a, { teamName: "Team A" });
  const teamA = await currentTeam(a.request);
  const created = await callAction(a.request, base, mustHave(registered, "app/(app)/projects/new/actions.ts#createProjectAction"), [
    { ...draft({ projectB: "", teamB: "" } as Ids), name: "Team A shop", projectId: undefined, teamId: undefined },
  ]);
  expect(created.value, "team A's owner creates a project of its own").toMatchObject({ ok: true });

  const ids: Ids = {
    teamA,
    projectA: (created.value as { projectId: string }).projectId,
    teamB,
    projectB,
    funnelB,
    goalB,
    spendB,
    experimentB,
    shareLinkB: shareLinks[0].id,
    shareTokenB: shareUrlB.split("/share/")[1],
    inviteB: invites[0].id,
    ownerB: members.find((m) => m.role === "owner")!.userId,
    viewerB: members.find((m) => m.role === "viewer")!.userId,
  };
  const secrets = [readKeyB, ids.shareTokenB, "team-b-secret", "Team B shop"];
  const before = await snapshotB(ownerB, ids, readKeyB);
  expect(before.writeKey).toMatch(/^tw_/);
  expect(before.shareLinks).toHaveLength(1);
  expect(before.spend).toMatchObject([{ id: spendB, source: "google", amount: 123.45 }]);
  secrets.push(before.writeKey!);

  const checked: string[] = [];
  const unreachable: string[] = [];
  const run = async (table: Record<string, Attack>, who: string, caller: APIRequestContext) => {
    for (const action of declared) {
      const key = `${action.file}#${action.name}`;
      const attack = table[key];
      if ("exempt" in attack) continue;
      const id = registered.get(key);
      if (!id) {
        // No page imports it, so the build registers no id for it and no request can reach it.
        unreachable.push(key);
        continue;
      }
      for (const args of attack.calls(ids)) {
        const label = `${who}: ${key}(${JSON.stringify(args).slice(1, -1)})`;
        const res: ActionResponse = await callAction(caller, base, id, args);
        for (const secret of secrets) expect(res.body, `${label} leaked team B's data`).not.toContain(secret);
        if (!attack.ownOnly) expect(refused(res), `${label} was not refused: ${res.status} ${res.body.slice(0, 300)}`).toBe(true);
        expect(await snapshotB(ownerB, ids, readKeyB), `${label} changed team B`).toEqual(before);
        checked.push(label);
      }
      await attack.after?.({ caller, ids, secrets });
    }
  };

  await run(crossTeam, "team A", a.request);
  await run(viewer, "viewer of B", viewerPage.request);
  test.info().annotations.push({ type: "checked", description: checked.join("\n") });
  if (unreachable.length) test.info().annotations.push({ type: "not registered by the build (unreachable over HTTP)", description: unreachable.join("\n") });

  // Spot checks that the walk covered what matters, whatever the tables become.
  for (const must of ["deleteFunnelAction", "deleteGoalAction", "saveGoalAction", "addSpendAction", "importSpendAction", "deleteSpendAction", "saveExperimentAction", "deleteExperimentAction", "revokeShareLinkAction", "rotateWriteKeyAction", "changeRoleAction", "removeMemberAction", "revokeInviteAction"]) {
    expect(checked.some((c) => c.startsWith("team A:") && c.includes(`#${must}(`)), `team A tried ${must}`).toBe(true);
    expect(checked.some((c) => c.startsWith("viewer of B:") && c.includes(`#${must}(`)), `the viewer tried ${must}`).toBe(true);
  }
  // The viewer is still a viewer, and team B's owner still owns it.
  expect(await currentTeam(viewerPage.request)).toBe(teamB);
  await ctxA.close();
  await ctxV.close();
});
