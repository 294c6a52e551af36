import { test, expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { signUp, signUpFromInvite, signUpWithDemoProject, uniqueEmail } from "./helpers";
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
  /** Team A's own objects: the malformed-input walk sends them, so only the malformation can be why it is refused. */
  funnelA: string;
  goalA: string;
  spendA: string;
  experimentA: string;
  shareLinkA: string;
  dashboardA: string;
  tileA: string;
  dashboardShareA: string;
  annotationA: string;
  inviteA: string;
  ownerA: string;
  teamB: string;
  projectB: string;
  funnelB: string;
  goalB: string;
  spendB: string;
  experimentB: string;
  shareLinkB: string;
  shareTokenB: string;
  dashboardB: string;
  tileB: string;
  dashboardShareB: string;
  dashboardShareTokenB: string;
  annotationB: string;
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

const projectDetails = (name: string) => ({ name, siteUrl: "https://www.example.nl", timeZone: "UTC" });
const goalDefinition = { name: "Hijacked goal", kind: "macro", match: { event: "purchase" }, revenue: false };
const experimentDefinition = (goalId: string) => ({
  name: "Hijacked test",
  property: "variant",
  variants: ["control", "b"],
  controlVariant: "control",
  goalId,
  startDate: "2026-01-01",
  minimumUplift: 0.1,
});
const funnelDefinition = { name: "Hijacked", steps: [{ event: "pageview" }, { event: "purchase" }], windowSeconds: 86400 };
const today = () => new Date().toISOString().slice(0, 10);
// The same key as team B's own entry: a write that got through would replace B's amount.
const spendInput = () => ({ date: today(), source: "google", medium: "cpc", campaign: "", amount: "99999" });
const spendCsv = () => `date,source,medium,campaign,amount\n${today()},google,cpc,,99999\n${today()},hijack,,,1\n`;
const digestInput = (funnelId: string, member: string) => ({
  report: "funnel",
  funnelId,
  frequency: "weekly",
  weekday: 1,
  hour: 8,
  members: [member],
  outside: [{ email: "client@example.com", locale: "nl" }],
});
const alertInput = (member: string) => ({
  name: "Hijacked alert",
  target: "goal",
  goalKey: "purchase",
  condition: "below",
  thresholdPercent: 2,
  recipients: [member],
});
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
const DASH = "app/(app)/projects/[projectId]/dashboards/actions.ts";
const noteTile = { kind: "note", text: "Hijacked note" };
const dashboardShareInput = { range: { kind: "rolling", days: 30 } };
const annotationInput = () => ({ from: new Date().toISOString().slice(0, 10), note: "Hijacked annotation" });
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
  "app/actions.ts#logoutEverywhereAction": { exempt: "signs the caller out everywhere; it takes no id and touches no team" },
  "app/actions.ts#switchTeamAction": {
    calls: (ids) => [[ids.teamB]],
    ownOnly: "answers nothing either way; what counts is that the caller did not move into team B",
    after: async ({ caller, ids }) => expect(await currentTeam(caller)).toBe(ids.teamA),
  },
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
  "app/(app)/projects/new/actions.ts#finishOnboardingAction": {
    calls: (ids) => [
      [ids.projectB, true],
      [ids.projectB, false],
    ],
  },
  "app/(app)/projects/new/actions.ts#restartOnboardingAction": {
    calls: () => [[]],
    ownOnly: "clears the caller's own onboarding draft; it takes no id",
  },
  "app/(app)/projects/[projectId]/actions.ts#loadDemoAction": { calls: (ids) => [[ids.projectB]] },
  "app/(app)/projects/[projectId]/actions.ts#saveFunnelAction": {
    calls: (ids) => [
      [ids.projectB, ids.funnelB, funnelDefinition],
      [ids.projectB, null, funnelDefinition],
      [ids.projectA, ids.funnelB, funnelDefinition],
    ],
  },
  "app/(app)/projects/[projectId]/actions.ts#deleteFunnelAction": {
    calls: (ids) => [
      [ids.projectB, ids.funnelB],
      [ids.projectA, ids.funnelB],
    ],
  },
  "app/(app)/projects/[projectId]/funnels/actions.ts#propertySuggestionsAction": {
    calls: (ids) => [[ids.projectB, ["purchase", "pageview"]]],
  },
  "app/(app)/projects/[projectId]/goals/actions.ts#saveGoalAction": {
    calls: (ids) => [
      [ids.projectB, ids.goalB, goalDefinition],
      [ids.projectB, null, goalDefinition],
      [ids.projectA, ids.goalB, goalDefinition],
    ],
  },
  "app/(app)/projects/[projectId]/goals/actions.ts#deleteGoalAction": {
    calls: (ids) => [
      [ids.projectB, ids.goalB],
      [ids.projectA, ids.goalB],
    ],
  },
  "app/(app)/projects/[projectId]/goals/actions.ts#moveGoalAction": {
    calls: (ids) => [
      [ids.projectB, ids.goalB, "down"],
      [ids.projectA, ids.goalB, "down"],
    ],
  },
  "app/(app)/projects/[projectId]/spend/actions.ts#addSpendAction": { calls: (ids) => [[ids.projectB, spendInput()]] },
  "app/(app)/projects/[projectId]/spend/actions.ts#importSpendAction": { calls: (ids) => [[ids.projectB, spendCsv()]] },
  "app/(app)/projects/[projectId]/spend/actions.ts#deleteSpendAction": {
    calls: (ids) => [
      [ids.projectB, ids.spendB],
      [ids.projectA, ids.spendB],
    ],
  },
  "app/(app)/projects/[projectId]/experiments/actions.ts#saveExperimentAction": {
    calls: (ids) => [
      [ids.projectB, ids.experimentB, experimentDefinition(ids.goalB)],
      [ids.projectB, null, experimentDefinition(ids.goalB)],
      [ids.projectA, ids.experimentB, experimentDefinition(ids.goalB)],
      [ids.projectA, null, experimentDefinition(ids.goalB)],
    ],
  },
  "app/(app)/projects/[projectId]/experiments/actions.ts#deleteExperimentAction": {
    calls: (ids) => [
      [ids.projectB, ids.experimentB],
      [ids.projectA, ids.experimentB],
    ],
  },
  "app/(app)/projects/[projectId]/share-actions.ts#createShareLinkAction": {
    calls: (ids) => [
      [ids.projectB, shareInput(ids.funnelB)],
      [ids.projectA, shareInput(ids.funnelB)],
    ],
  },
  "app/(app)/projects/[projectId]/share-actions.ts#revokeShareLinkAction": {
    calls: (ids) => [
      [ids.projectB, ids.shareLinkB],
      [ids.projectA, ids.shareLinkB],
    ],
  },
  "app/(app)/projects/[projectId]/settings/actions.ts#rotateWriteKeyAction": { calls: (ids) => [[ids.projectB]] },
  "app/(app)/projects/[projectId]/settings/actions.ts#rotateReadKeyAction": { calls: (ids) => [[ids.projectB]] },
  "app/(app)/projects/[projectId]/settings/retention-actions.ts#setRetentionAction": { calls: (ids) => [[ids.projectB, 1]] },
  "app/(app)/projects/[projectId]/settings/reports/actions.ts#createDigestAction": {
    calls: (ids) => [
      [ids.projectB, digestInput(ids.funnelB, ids.ownerB)],
      [ids.projectA, digestInput(ids.funnelB, ids.ownerB)],
    ],
  },
  "app/(app)/projects/[projectId]/settings/reports/actions.ts#deleteDigestAction": { calls: (ids) => [[ids.projectB, ids.shareLinkB]] },
  "app/(app)/projects/[projectId]/settings/reports/actions.ts#pauseDigestAction": {
    calls: (ids) => [[ids.projectB, ids.shareLinkB, true]],
  },
  "app/(app)/projects/[projectId]/settings/reports/actions.ts#createAlertAction": {
    calls: (ids) => [
      [ids.projectB, alertInput(ids.ownerB)],
      [ids.projectA, alertInput(ids.ownerB)],
    ],
  },
  "app/(app)/projects/[projectId]/settings/reports/actions.ts#deleteAlertAction": { calls: (ids) => [[ids.projectB, ids.shareLinkB]] },
  "app/(app)/projects/[projectId]/persons/actions.ts#deletePersonAction": {
    calls: (ids) => [
      [ids.projectB, "customer-1-1", "customer-1-1"],
      [ids.projectA, "customer-1-1", "customer-1-1"],
    ],
  },
  "app/(app)/projects/[projectId]/settings/actions.ts#updateProjectAction": {
    calls: (ids) => [[ids.projectB, projectDetails("Hijacked")]],
  },
  "app/(app)/projects/[projectId]/settings/actions.ts#saveAllowedOriginsAction": {
    calls: (ids) => [[ids.projectB, { origins: ["https://evil.example"], acceptWithoutOrigin: false }]],
  },
  "app/(app)/projects/[projectId]/settings/actions.ts#deleteProjectAction": { calls: (ids) => [[ids.projectB, "Team B shop"]] },
  "app/(app)/projects/[projectId]/settings/dropin-actions.ts#saveDropInClaimsAction": {
    calls: (ids) => [[ids.projectB, { plausibleDomain: "overname.nl", umamiWebsiteId: "" }]],
  },
  "app/(app)/team/actions.ts#inviteAction": {
    calls: () => [["intruder@example.nl", "owner"]],
    ownOnly: "invites into the caller's own team (team from the session)",
  },
  "app/(app)/team/actions.ts#revokeInviteAction": { calls: (ids) => [[ids.inviteB]] },
  "app/(app)/team/actions.ts#changeRoleAction": {
    calls: (ids) => [
      [ids.ownerB, "viewer"],
      [ids.viewerB, "owner"],
    ],
  },
  "app/(app)/team/actions.ts#removeMemberAction": { calls: (ids) => [[ids.viewerB], [ids.ownerB]] },
  "app/(auth)/account-actions.ts#requestPasswordResetAction": {
    calls: () => [["victim@example.nl"]],
    ownOnly: "public: answers the same for every address (or that mail is off); it takes no team id and reveals nothing",
  },
  "app/(auth)/account-actions.ts#resetPasswordAction": { calls: () => [[RANDOM_TOKEN, "a new long password"]] },
  "app/(auth)/account-actions.ts#confirmEmailChangeAction": { calls: () => [[RANDOM_TOKEN]] },
  "app/(app)/account/actions.ts#changePasswordAction": { calls: () => [["not my password", "a new long password"]] },
  "app/(app)/account/actions.ts#requestEmailChangeAction": { calls: () => [["intruder@example.nl", "not my password"]] },
  "app/(app)/account/actions.ts#startTwoFactorAction": {
    calls: () => [[]],
    ownOnly: "starts a set-up for the caller's own account (nothing is in force until a code confirms it); it takes no id",
  },
  "app/(app)/account/actions.ts#enableTwoFactorAction": { calls: () => [["000000"]] },
  "app/(app)/account/actions.ts#regenerateRecoveryCodesAction": { calls: () => [["not my password"]] },
  "app/(app)/account/actions.ts#disableTwoFactorAction": { calls: () => [["not my password"]] },
  "app/(app)/account/actions.ts#deleteAccountAction": { calls: () => [["owner-b@example.nl", "not my password"]] },
  "app/(app)/account/actions.ts#setTeamTwoFactorAction": {
    // The team comes from the session: team A's owner, without two-factor sign-in, is refused for their own team too.
    calls: () => [[true]],
  },
  "app/invite/[token]/actions.ts#acceptInviteAction": { calls: () => [[RANDOM_TOKEN]] },
  // Only for a signed-in user in no team: the caller is in team A, so it is refused (and takes no id).
  "app/(auth)/new-team/actions.ts#createOwnTeamAction": {
    calls: (ids) => [[{ name: "Team C" }], [{ name: ids.teamB }]],
    after: async ({ caller, ids }) => expect(await currentTeam(caller)).toBe(ids.teamA),
  },
  [`${DASH}#createDashboardAction`]: { calls: (ids) => [[ids.projectB, { name: "Hijacked" }]] },
  [`${DASH}#deleteDashboardAction`]: {
    calls: (ids) => [
      [ids.projectB, ids.dashboardB],
      [ids.projectA, ids.dashboardB],
    ],
  },
  [`${DASH}#addTileAction`]: {
    calls: (ids) => [
      [ids.projectB, ids.dashboardB, noteTile],
      [ids.projectA, ids.dashboardB, noteTile],
      // Team B's funnel and goal on team A's own dashboard: their figures would then show to A.
      [ids.projectA, ids.dashboardA, { kind: "funnel", funnelId: ids.funnelB }],
      [ids.projectA, ids.dashboardA, { kind: "goal", goalId: ids.goalB }],
    ],
  },
  [`${DASH}#resizeTileAction`]: {
    calls: (ids) => [
      [ids.projectB, ids.dashboardB, ids.tileB, { width: 3, height: 2 }],
      [ids.projectA, ids.dashboardB, ids.tileB, { width: 3, height: 2 }],
      [ids.projectA, ids.dashboardA, ids.tileB, { width: 3, height: 2 }],
    ],
  },
  [`${DASH}#removeTileAction`]: {
    calls: (ids) => [
      [ids.projectB, ids.dashboardB, ids.tileB],
      [ids.projectA, ids.dashboardA, ids.tileB],
    ],
  },
  [`${DASH}#reorderTilesAction`]: {
    calls: (ids) => [
      [ids.projectB, ids.dashboardB, [ids.tileB]],
      [ids.projectA, ids.dashboardA, [ids.tileB]],
      [ids.projectA, ids.dashboardA, [ids.tileA, ids.tileB]],
    ],
  },
  [`${DASH}#createDashboardShareAction`]: {
    calls: (ids) => [
      [ids.projectB, ids.dashboardB, dashboardShareInput],
      [ids.projectA, ids.dashboardB, dashboardShareInput],
    ],
  },
  [`${DASH}#revokeDashboardShareAction`]: {
    calls: (ids) => [
      [ids.projectB, ids.dashboardB, ids.dashboardShareB],
      [ids.projectA, ids.dashboardA, ids.dashboardShareB],
    ],
  },
  [`${DASH}#createAnnotationAction`]: { calls: (ids) => [[ids.projectB, annotationInput()]] },
  [`${DASH}#deleteAnnotationAction`]: {
    calls: (ids) => [
      [ids.projectB, ids.annotationB],
      [ids.projectA, ids.annotationB],
    ],
  },
  "app/share/dashboard/[token]/actions.ts#unlockDashboardShareAction": {
    calls: (ids) => [
      [RANDOM_TOKEN, "guess"],
      [ids.dashboardShareTokenB, "wrong password"],
      // A report's token is not a dashboard's.
      [ids.shareTokenB, "team-b-secret"],
    ],
  },
  "app/share/[token]/actions.ts#unlockShareAction": {
    calls: (ids) => [
      [RANDOM_TOKEN, "guess"],
      [ids.shareTokenB, "wrong password"],
    ],
  },
};

/** A viewer of team B, against team B's own project: every admin action is refused. */
const viewer: Record<string, Attack> = {
  "app/actions.ts#setLocaleAction": { exempt: "not an admin action: the caller's own language" },
  "app/actions.ts#logoutAction": { exempt: "not an admin action: signs the caller out" },
  "app/actions.ts#logoutEverywhereAction": { exempt: "not an admin action: signs the caller out everywhere" },
  "app/actions.ts#switchTeamAction": { exempt: "not an admin action: moves the caller between their own teams" },
  "app/(auth)/actions.ts#loginAction": { exempt: "public: signing in" },
  "app/(auth)/actions.ts#signupAction": { exempt: "public: creating an account" },
  "app/(app)/projects/new/actions.ts#saveDraftAction": { calls: (ids) => [[draft(ids)]] },
  "app/(app)/projects/new/actions.ts#createProjectAction": { calls: (ids) => [[draft(ids)]] },
  "app/(app)/projects/new/actions.ts#finishOnboardingAction": { calls: (ids) => [[ids.projectB, true]] },
  "app/(app)/projects/new/actions.ts#restartOnboardingAction": {
    exempt: "not an admin action: clears only the caller's own draft (which a viewer cannot create)",
  },
  "app/(app)/projects/[projectId]/actions.ts#loadDemoAction": { calls: (ids) => [[ids.projectB]] },
  "app/(app)/projects/[projectId]/actions.ts#saveFunnelAction": {
    calls: (ids) => [
      [ids.projectB, ids.funnelB, funnelDefinition],
      [ids.projectB, null, funnelDefinition],
    ],
  },
  "app/(app)/projects/[projectId]/actions.ts#deleteFunnelAction": { calls: (ids) => [[ids.projectB, ids.funnelB]] },
  "app/(app)/projects/[projectId]/funnels/actions.ts#propertySuggestionsAction": { calls: (ids) => [[ids.projectB, ["purchase"]]] },
  "app/(app)/projects/[projectId]/goals/actions.ts#saveGoalAction": {
    calls: (ids) => [
      [ids.projectB, ids.goalB, goalDefinition],
      [ids.projectB, null, goalDefinition],
    ],
  },
  "app/(app)/projects/[projectId]/goals/actions.ts#deleteGoalAction": { calls: (ids) => [[ids.projectB, ids.goalB]] },
  "app/(app)/projects/[projectId]/goals/actions.ts#moveGoalAction": { calls: (ids) => [[ids.projectB, ids.goalB, "down"]] },
  "app/(app)/projects/[projectId]/spend/actions.ts#addSpendAction": { calls: (ids) => [[ids.projectB, spendInput()]] },
  "app/(app)/projects/[projectId]/spend/actions.ts#importSpendAction": { calls: (ids) => [[ids.projectB, spendCsv()]] },
  "app/(app)/projects/[projectId]/spend/actions.ts#deleteSpendAction": { calls: (ids) => [[ids.projectB, ids.spendB]] },
  "app/(app)/projects/[projectId]/experiments/actions.ts#saveExperimentAction": {
    calls: (ids) => [
      [ids.projectB, ids.experimentB, experimentDefinition(ids.goalB)],
      [ids.projectB, null, experimentDefinition(ids.goalB)],
    ],
  },
  "app/(app)/projects/[projectId]/experiments/actions.ts#deleteExperimentAction": { calls: (ids) => [[ids.projectB, ids.experimentB]] },
  "app/(app)/projects/[projectId]/share-actions.ts#createShareLinkAction": { calls: (ids) => [[ids.projectB, shareInput(ids.funnelB)]] },
  "app/(app)/projects/[projectId]/share-actions.ts#revokeShareLinkAction": { calls: (ids) => [[ids.projectB, ids.shareLinkB]] },
  "app/(app)/projects/[projectId]/settings/actions.ts#rotateWriteKeyAction": { calls: (ids) => [[ids.projectB]] },
  "app/(app)/projects/[projectId]/settings/actions.ts#rotateReadKeyAction": { calls: (ids) => [[ids.projectB]] },
  "app/(app)/projects/[projectId]/settings/retention-actions.ts#setRetentionAction": { calls: (ids) => [[ids.projectB, 1]] },
  "app/(app)/projects/[projectId]/settings/reports/actions.ts#createDigestAction": {
    calls: (ids) => [[ids.projectB, digestInput(ids.funnelB, ids.ownerB)]],
  },
  "app/(app)/projects/[projectId]/settings/reports/actions.ts#deleteDigestAction": { calls: (ids) => [[ids.projectB, ids.shareLinkB]] },
  "app/(app)/projects/[projectId]/settings/reports/actions.ts#pauseDigestAction": {
    calls: (ids) => [[ids.projectB, ids.shareLinkB, true]],
  },
  "app/(app)/projects/[projectId]/settings/reports/actions.ts#createAlertAction": {
    calls: (ids) => [[ids.projectB, alertInput(ids.ownerB)]],
  },
  "app/(app)/projects/[projectId]/settings/reports/actions.ts#deleteAlertAction": { calls: (ids) => [[ids.projectB, ids.shareLinkB]] },
  "app/(app)/projects/[projectId]/persons/actions.ts#deletePersonAction": {
    calls: (ids) => [[ids.projectB, "customer-1-1", "customer-1-1"]],
  },
  "app/(app)/projects/[projectId]/settings/actions.ts#updateProjectAction": {
    calls: (ids) => [[ids.projectB, projectDetails("Hijacked")]],
  },
  "app/(app)/projects/[projectId]/settings/actions.ts#saveAllowedOriginsAction": {
    calls: (ids) => [[ids.projectB, { origins: ["https://evil.example"], acceptWithoutOrigin: false }]],
  },
  "app/(app)/projects/[projectId]/settings/actions.ts#deleteProjectAction": { calls: (ids) => [[ids.projectB, "Team B shop"]] },
  "app/(app)/projects/[projectId]/settings/dropin-actions.ts#saveDropInClaimsAction": {
    calls: (ids) => [[ids.projectB, { plausibleDomain: "overname.nl", umamiWebsiteId: "" }]],
  },
  "app/(app)/team/actions.ts#inviteAction": {
    calls: () => [
      ["friend@example.nl", "viewer"],
      ["friend@example.nl", "owner"],
    ],
  },
  "app/(app)/team/actions.ts#revokeInviteAction": { calls: (ids) => [[ids.inviteB]] },
  "app/(app)/team/actions.ts#changeRoleAction": {
    calls: (ids) => [
      [ids.ownerB, "viewer"],
      [ids.viewerB, "owner"],
      [ids.viewerB, "admin"],
    ],
  },
  "app/(app)/team/actions.ts#removeMemberAction": { calls: (ids) => [[ids.ownerB]] },
  "app/invite/[token]/actions.ts#acceptInviteAction": {
    exempt: "not an admin action: the invite token is the credential (see the cross-team table)",
  },
  "app/(auth)/account-actions.ts#requestPasswordResetAction": { exempt: "not an admin action: public, the reset of any address" },
  "app/(auth)/account-actions.ts#resetPasswordAction": {
    exempt: "not an admin action: the reset token is the credential (see the cross-team table)",
  },
  "app/(auth)/account-actions.ts#confirmEmailChangeAction": {
    exempt: "not an admin action: the link's token is the credential (see the cross-team table)",
  },
  "app/(app)/account/actions.ts#changePasswordAction": { exempt: "not an admin action: the caller's own password" },
  "app/(app)/account/actions.ts#requestEmailChangeAction": { exempt: "not an admin action: the caller's own address" },
  "app/(app)/account/actions.ts#startTwoFactorAction": { exempt: "not an admin action: the caller's own two-factor set-up" },
  "app/(app)/account/actions.ts#enableTwoFactorAction": { exempt: "not an admin action: the caller's own two-factor sign-in" },
  "app/(app)/account/actions.ts#regenerateRecoveryCodesAction": { exempt: "not an admin action: the caller's own recovery codes" },
  "app/(app)/account/actions.ts#disableTwoFactorAction": { exempt: "not an admin action: the caller's own two-factor sign-in" },
  "app/(app)/account/actions.ts#deleteAccountAction": {
    exempt: "not an admin action: the caller's own account (would end the walk's session)",
  },
  "app/(app)/account/actions.ts#setTeamTwoFactorAction": { calls: () => [[true], [false]] },
  "app/(auth)/new-team/actions.ts#createOwnTeamAction": {
    exempt: "not an admin action: a teamless user's own first team (refused for anyone in a team, see the cross-team table)",
  },
  [`${DASH}#createDashboardAction`]: { calls: (ids) => [[ids.projectB, { name: "Viewer's" }]] },
  [`${DASH}#deleteDashboardAction`]: { calls: (ids) => [[ids.projectB, ids.dashboardB]] },
  [`${DASH}#addTileAction`]: { calls: (ids) => [[ids.projectB, ids.dashboardB, noteTile]] },
  [`${DASH}#resizeTileAction`]: { calls: (ids) => [[ids.projectB, ids.dashboardB, ids.tileB, { width: 3, height: 2 }]] },
  [`${DASH}#removeTileAction`]: { calls: (ids) => [[ids.projectB, ids.dashboardB, ids.tileB]] },
  [`${DASH}#reorderTilesAction`]: { calls: (ids) => [[ids.projectB, ids.dashboardB, [ids.tileB]]] },
  [`${DASH}#createDashboardShareAction`]: { calls: (ids) => [[ids.projectB, ids.dashboardB, dashboardShareInput]] },
  [`${DASH}#revokeDashboardShareAction`]: { calls: (ids) => [[ids.projectB, ids.dashboardB, ids.dashboardShareB]] },
  [`${DASH}#createAnnotationAction`]: { calls: (ids) => [[ids.projectB, annotationInput()]] },
  [`${DASH}#deleteAnnotationAction`]: { calls: (ids) => [[ids.projectB, ids.annotationB]] },
  "app/share/dashboard/[token]/actions.ts#unlockDashboardShareAction": {
    exempt: "not an admin action: the share token and password are the credential (see the cross-team table)",
  },
  "app/share/[token]/actions.ts#unlockShareAction": {
    exempt: "not an admin action: the share token and password are the credential (see the cross-team table)",
  },
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
  const dashboards = await rsc(owner, `/projects/${ids.projectB}/dashboards?d=${ids.dashboardB}`);
  const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);
  const results = await owner.get(`/api/v1/funnels/${ids.funnelB}/results?from=${day(-200)}&to=${day(1)}`, {
    headers: { authorization: `Bearer ${readKey}` },
  });
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
    dashboards: arrayProp(dashboards, "dashboards"),
    tiles: arrayProp(dashboards, "tiles"),
    dashboardShares: arrayProp(dashboards, "links"),
    annotations: arrayProp(dashboards, "annotations"),
    writeKey: settings.match(/"writeKey":"(tw_[^"]+)"/)?.[1],
    origins: arrayProp(settings, "origins"),
    acceptWithoutOrigin: settings.match(/"acceptWithoutOrigin":(true|false)/)?.[1],
    readKeyPrefix: settings.match(/"readKeyPrefix":"([^"]+)"/)?.[1],
    results: await results.json(),
  };
}

function mustHave(ids: Map<string, string>, key: string): string {
  const id = ids.get(key);
  if (!id) throw new Error(`${key} is not in the build's server-reference manifest`);
  return id;
}

/** Signs up with the invited address (an invite belongs to its address) and joins. */
async function signUpViewer(page: Page, inviteLink: string, email: string) {
  // Signing up from the invite joins the team (no team of one's own), with the invited address filled in.
  expect((await signUpFromInvite(page, inviteLink, { name: "Vera Kijker" })).email).toBe(email);
}

/** What an action answered with, in the one result shape of server/action.ts. */
const dataOf = <T>(r: ActionResponse) => (r.value as { ok: true; data: T }).data;

/** A dashboard with one note tile, a password share link to it and an annotation, made by the owner through the actions; their ids. */
async function dashboardObjects(
  call: (key: string, args: unknown[]) => Promise<ActionResponse>,
  request: APIRequestContext,
  projectId: string,
  password?: string,
) {
  const made = await call(`${DASH}#createDashboardAction`, [projectId, { name: "Board" }]);
  expect(made.value, "the owner makes a dashboard through the same harness").toMatchObject({ ok: true });
  const dashboardId = dataOf<{ id: string }>(made).id;
  expect((await call(`${DASH}#addTileAction`, [projectId, dashboardId, { kind: "note", text: "Note" }])).value).toMatchObject({ ok: true });
  const share = await call(`${DASH}#createDashboardShareAction`, [
    projectId,
    dashboardId,
    { ...dashboardShareInput, ...(password ? { password } : {}) },
  ]);
  expect(share.value).toMatchObject({ ok: true });
  expect((await call(`${DASH}#createAnnotationAction`, [projectId, { from: "2026-01-05", note: "Launch" }])).value).toMatchObject({
    ok: true,
  });
  const page = await rsc(request, `/projects/${projectId}/dashboards?d=${dashboardId}`);
  return {
    dashboardId,
    tileId: (arrayProp(page, "tiles")[0] as { id: string }).id,
    shareId: (arrayProp(page, "links")[0] as { id: string }).id,
    shareToken: dataOf<{ url: string }>(share).url.split("/share/dashboard/")[1],
    annotationId: (arrayProp(page, "annotations")[0] as { id: string }).id,
  };
}

/**
 * Team B (a demo project, its funnel, goal, spend, experiment, password share link, read key, a
 * viewer and an open invite) and team A (its own project with the same kinds of objects), all made
 * through the same server actions over HTTP.
 */
async function setUpTeams(page: Page, browser: Browser, base: string) {
  const registered = actionIds();
  const projectB = await signUpWithDemoProject(page, { teamName: "Team B", project: "Team B shop" });
  const ownerB = page.request;
  const callB = (key: string, args: unknown[]) => callAction(ownerB, base, mustHave(registered, key), args);
  const funnelB = (arrayProp(await rsc(ownerB, `/projects/${projectB}`), "funnels")[0] as { id: string }).id;
  const goalB = (arrayProp(await rsc(ownerB, `/projects/${projectB}/goals`), "goals")[0] as { id: string }).id;
  const spent = await callB("app/(app)/projects/[projectId]/spend/actions.ts#addSpendAction", [
    projectB,
    { ...spendInput(), amount: "123,45" },
  ]);
  expect(spent.value, "team B's owner enters spend through the same harness").toMatchObject({ ok: true });
  const spendB = (arrayProp(await rsc(ownerB, `/projects/${projectB}/spend`), "entries")[0] as { id: string }).id;
  const experiment = await callB("app/(app)/projects/[projectId]/experiments/actions.ts#saveExperimentAction", [
    projectB,
    null,
    { ...experimentDefinition(goalB), name: "Team B test" },
  ]);
  expect(experiment.value, "team B's owner creates an experiment through the same harness").toMatchObject({ ok: true });
  const experimentB = dataOf<{ id: string }>(experiment).id;
  const share = await callB("app/(app)/projects/[projectId]/share-actions.ts#createShareLinkAction", [
    projectB,
    { ...shareInput(funnelB), password: "team-b-secret" },
  ]);
  // The harness can make an action succeed: the refusals below are the app's, not the harness's.
  expect(share.value, "team B's owner creates a share link through the same harness").toMatchObject({ ok: true });
  const shareUrlB = dataOf<{ url: string }>(share).url;
  const dashB = await dashboardObjects(callB, ownerB, projectB, "dash-b-secret");
  const readKey = await callB("app/(app)/projects/[projectId]/settings/actions.ts#rotateReadKeyAction", [projectB]);
  expect(readKey.value).toMatchObject({ ok: true });
  const readKeyB = dataOf<{ key: string }>(readKey).key;
  const viewerEmail = uniqueEmail("viewer");
  const toViewer = await callB("app/(app)/team/actions.ts#inviteAction", [viewerEmail, "viewer"]);
  expect(toViewer.value).toMatchObject({ ok: true });
  const pending = await callB("app/(app)/team/actions.ts#inviteAction", [uniqueEmail("pending"), "admin"]);
  expect(pending.value).toMatchObject({ ok: true });

  const ctxV = await browser.newContext();
  const viewerPage = await ctxV.newPage();
  await signUpViewer(viewerPage, dataOf<{ link: string }>(toViewer).link, viewerEmail);

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
  const callA = (key: string, args: unknown[]) => callAction(a.request, base, mustHave(registered, key), args);
  const { projectId: _p, teamId: _t, ...draftA } = draft({ projectB: "", teamB: "" } as Ids);
  const created = await callA("app/(app)/projects/new/actions.ts#createProjectAction", [{ ...draftA, name: "Team A shop" }]);
  expect(created.value, "team A's owner creates a project of its own").toMatchObject({ ok: true });
  const projectA = dataOf<{ projectId: string }>(created).projectId;
  const funnelA = (arrayProp(await rsc(a.request, `/projects/${projectA}`), "funnels")[0] as { id: string }).id;
  const goalA = (arrayProp(await rsc(a.request, `/projects/${projectA}/goals`), "goals")[0] as { id: string }).id;
  expect((await callA("app/(app)/projects/[projectId]/spend/actions.ts#addSpendAction", [projectA, spendInput()])).value).toMatchObject({
    ok: true,
  });
  const spendA = (arrayProp(await rsc(a.request, `/projects/${projectA}/spend`), "entries")[0] as { id: string }).id;
  const experimentA = await callA("app/(app)/projects/[projectId]/experiments/actions.ts#saveExperimentAction", [
    projectA,
    null,
    experimentDefinition(goalA),
  ]);
  expect(experimentA.value).toMatchObject({ ok: true });
  expect(
    (await callA("app/(app)/projects/[projectId]/share-actions.ts#createShareLinkAction", [projectA, shareInput(funnelA)])).value,
  ).toMatchObject({ ok: true });
  const shareLinkA = (arrayProp(await rsc(a.request, `/projects/${projectA}`), "shareLinks")[0] as { id: string }).id;
  expect((await callA("app/(app)/team/actions.ts#inviteAction", [uniqueEmail("a-invite"), "admin"])).value).toMatchObject({ ok: true });
  const inviteA = (arrayProp(await rsc(a.request, "/team"), "invites")[0] as { id: string }).id;
  const ownerA = (arrayProp(await rsc(a.request, "/team"), "members")[0] as { userId: string }).userId;
  const dashA = await dashboardObjects(callA, a.request, projectA);

  const ids: Ids = {
    teamA,
    projectA,
    funnelA,
    goalA,
    spendA,
    experimentA: dataOf<{ id: string }>(experimentA).id,
    shareLinkA,
    dashboardA: dashA.dashboardId,
    tileA: dashA.tileId,
    dashboardShareA: dashA.shareId,
    annotationA: dashA.annotationId,
    inviteA,
    ownerA,
    teamB,
    projectB,
    funnelB,
    goalB,
    spendB,
    experimentB,
    shareLinkB: shareLinks[0].id,
    shareTokenB: shareUrlB.split("/share/")[1],
    dashboardB: dashB.dashboardId,
    tileB: dashB.tileId,
    dashboardShareB: dashB.shareId,
    dashboardShareTokenB: dashB.shareToken,
    annotationB: dashB.annotationId,
    inviteB: invites[0].id,
    ownerB: members.find((m) => m.role === "owner")!.userId,
    viewerB: members.find((m) => m.role === "viewer")!.userId,
  };
  const secrets = [readKeyB, ids.shareTokenB, "team-b-secret", "Team B shop", ids.dashboardShareTokenB, "dash-b-secret"];
  const before = await snapshotB(ownerB, ids, readKeyB);
  expect(before.writeKey).toMatch(/^tw_/);
  expect(before.shareLinks).toHaveLength(1);
  expect(before.spend).toMatchObject([{ id: spendB, source: "google", amount: 123.45 }]);
  secrets.push(before.writeKey!);
  return { registered, ids, ownerB, a, viewerPage, readKeyB, secrets, before, close: async () => (await ctxA.close(), await ctxV.close()) };
}

test("no server action lets team A or a viewer touch team B's data", async ({ page, browser, baseURL }) => {
  test.setTimeout(300_000);
  const base = baseURL!;
  const declared = serverActions();
  expect(declared.length, "the enumeration found the app's server actions").toBeGreaterThan(15);

  // Every declared action needs an entry in both tables, so a new action cannot slip by.
  for (const a of declared) {
    const key = `${a.file}#${a.name}`;
    expect(crossTeam[key], `add an attack for ${key} (cross-team table)`).toBeDefined();
    expect(viewer[key], `add an attack for ${key} (viewer table)`).toBeDefined();
  }
  // And no stale entries: a renamed action must not leave its attack behind untested.
  const declaredKeys = new Set(declared.map((a) => `${a.file}#${a.name}`));
  for (const key of [...Object.keys(crossTeam), ...Object.keys(viewer)])
    expect(declaredKeys.has(key), `${key} is in a table but not in app/`).toBe(true);

  const { registered, ids, ownerB, a, viewerPage, readKeyB, secrets, before, close } = await setUpTeams(page, browser, base);

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
        expect(res.status, `${label} answered ${res.status}`).toBeLessThan(500);
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
  if (unreachable.length)
    test.info().annotations.push({ type: "not registered by the build (unreachable over HTTP)", description: unreachable.join("\n") });

  // Spot checks that the walk covered what matters, whatever the tables become.
  for (const must of [
    "deleteFunnelAction",
    "deleteGoalAction",
    "saveGoalAction",
    "addSpendAction",
    "importSpendAction",
    "deleteSpendAction",
    "saveExperimentAction",
    "deleteExperimentAction",
    "revokeShareLinkAction",
    "addTileAction",
    "reorderTilesAction",
    "revokeDashboardShareAction",
    "deleteAnnotationAction",
    "rotateWriteKeyAction",
    "updateProjectAction",
    "saveAllowedOriginsAction",
    "deleteProjectAction",
    "changeRoleAction",
    "removeMemberAction",
    "revokeInviteAction",
  ]) {
    expect(
      checked.some((c) => c.startsWith("team A:") && c.includes(`#${must}(`)),
      `team A tried ${must}`,
    ).toBe(true);
    expect(
      checked.some((c) => c.startsWith("viewer of B:") && c.includes(`#${must}(`)),
      `the viewer tried ${must}`,
    ).toBe(true);
  }
  // The viewer is still a viewer, and team B's owner still owns it.
  expect(await currentTeam(viewerPage.request)).toBe(ids.teamB);
  await close();
});

/**
 * Malformed input, for every action: a well-formed call on team A's OWN objects (so the
 * malformation is the only reason to refuse it) with, in turn, an extra `projectId`, `teamId`,
 * `id` or `role` (team B's) in every object at any depth, each UUID replaced by a non-UUID, a NUL
 * byte appended to each string, a lone surrogate, and one argument too many.
 */
type Malformed =
  | { exempt: string }
  | {
      template: (ids: Ids) => unknown[];
      /** Answers nothing either way (a void action that ignores what it cannot parse); says why that is safe. */
      ignores?: string;
    };

const malformedTable: Record<string, Malformed> = {
  "app/actions.ts#setLocaleAction": {
    template: () => ["nl"],
    ignores: "sets the caller's own language cookie, and ignores anything that is not a locale",
  },
  "app/actions.ts#logoutAction": { exempt: "takes no input; it signs the caller out (which would end the walk's session)" },
  "app/actions.ts#logoutEverywhereAction": {
    exempt: "takes no input; it signs the caller out everywhere (which would end the walk's session)",
  },
  "app/actions.ts#switchTeamAction": {
    template: (ids) => [ids.teamA],
    ignores: "moves the caller between their own teams only, and ignores anything else",
  },
  "app/(auth)/actions.ts#loginAction": { exempt: "a form action: its input is FormData, parsed field by field (see the auth specs)" },
  "app/(auth)/actions.ts#signupAction": { exempt: "a form action: its input is FormData, parsed field by field (see the auth specs)" },
  "app/(app)/projects/new/actions.ts#saveDraftAction": { template: () => [ownDraft()] },
  "app/(app)/projects/new/actions.ts#createProjectAction": { template: () => [ownDraft()] },
  "app/(app)/projects/new/actions.ts#finishOnboardingAction": { template: (ids) => [ids.projectA, false] },
  "app/(app)/projects/new/actions.ts#restartOnboardingAction": { template: () => [] },
  "app/(app)/projects/[projectId]/actions.ts#loadDemoAction": { template: (ids) => [ids.projectA] },
  "app/(app)/projects/[projectId]/actions.ts#saveFunnelAction": { template: (ids) => [ids.projectA, ids.funnelA, funnelDefinition] },
  "app/(app)/projects/[projectId]/actions.ts#deleteFunnelAction": { template: (ids) => [ids.projectA, ids.funnelA] },
  "app/(app)/projects/[projectId]/funnels/actions.ts#propertySuggestionsAction": { template: (ids) => [ids.projectA, ["purchase"]] },
  "app/(app)/projects/[projectId]/goals/actions.ts#saveGoalAction": {
    template: (ids) => [ids.projectA, ids.goalA, { ...goalDefinition, match: { event: "purchase", path: "/thanks" } }],
  },
  "app/(app)/projects/[projectId]/goals/actions.ts#deleteGoalAction": { template: (ids) => [ids.projectA, ids.goalA] },
  "app/(app)/projects/[projectId]/goals/actions.ts#moveGoalAction": { template: (ids) => [ids.projectA, ids.goalA, "down"] },
  "app/(app)/projects/[projectId]/spend/actions.ts#addSpendAction": { template: (ids) => [ids.projectA, spendInput()] },
  "app/(app)/projects/[projectId]/spend/actions.ts#importSpendAction": { template: (ids) => [ids.projectA, spendCsv()] },
  "app/(app)/projects/[projectId]/spend/actions.ts#deleteSpendAction": { template: (ids) => [ids.projectA, ids.spendA] },
  "app/(app)/projects/[projectId]/experiments/actions.ts#saveExperimentAction": {
    template: (ids) => [ids.projectA, ids.experimentA, experimentDefinition(ids.goalA)],
  },
  "app/(app)/projects/[projectId]/experiments/actions.ts#deleteExperimentAction": { template: (ids) => [ids.projectA, ids.experimentA] },
  "app/(app)/projects/[projectId]/share-actions.ts#createShareLinkAction": { template: (ids) => [ids.projectA, shareInput(ids.funnelA)] },
  "app/(app)/projects/[projectId]/share-actions.ts#revokeShareLinkAction": { template: (ids) => [ids.projectA, ids.shareLinkA] },
  "app/(app)/projects/[projectId]/settings/actions.ts#rotateWriteKeyAction": { template: (ids) => [ids.projectA] },
  "app/(app)/projects/[projectId]/settings/actions.ts#rotateReadKeyAction": { template: (ids) => [ids.projectA] },
  "app/(app)/projects/[projectId]/settings/retention-actions.ts#setRetentionAction": { template: (ids) => [ids.projectA, 25] },
  "app/(app)/projects/[projectId]/settings/reports/actions.ts#createDigestAction": {
    template: (ids) => [ids.projectA, digestInput(ids.funnelA, ids.ownerA)],
  },
  "app/(app)/projects/[projectId]/settings/reports/actions.ts#deleteDigestAction": { template: (ids) => [ids.projectA, ids.shareLinkA] },
  "app/(app)/projects/[projectId]/settings/reports/actions.ts#pauseDigestAction": {
    template: (ids) => [ids.projectA, ids.shareLinkA, false],
  },
  "app/(app)/projects/[projectId]/settings/reports/actions.ts#createAlertAction": {
    template: (ids) => [ids.projectA, alertInput(ids.ownerA)],
  },
  "app/(app)/projects/[projectId]/settings/reports/actions.ts#deleteAlertAction": { template: (ids) => [ids.projectA, ids.shareLinkA] },
  "app/(app)/projects/[projectId]/persons/actions.ts#deletePersonAction": { template: (ids) => [ids.projectA, "nobody", "nobody"] },
  "app/(app)/projects/[projectId]/settings/actions.ts#updateProjectAction": {
    template: (ids) => [ids.projectA, projectDetails("Team A shop")],
  },
  "app/(app)/projects/[projectId]/settings/actions.ts#saveAllowedOriginsAction": {
    template: (ids) => [ids.projectA, { origins: ["https://www.example.nl"], acceptWithoutOrigin: true }],
  },
  "app/(app)/projects/[projectId]/settings/actions.ts#deleteProjectAction": { template: (ids) => [ids.projectA, "Team A shop"] },
  "app/(app)/projects/[projectId]/settings/dropin-actions.ts#saveDropInClaimsAction": {
    template: (ids) => [ids.projectA, { plausibleDomain: "eigen-site.nl", umamiWebsiteId: "" }],
  },
  "app/(app)/team/actions.ts#inviteAction": { template: () => ["friend@example.nl", "viewer"] },
  "app/(app)/team/actions.ts#revokeInviteAction": { template: (ids) => [ids.inviteA] },
  "app/(app)/team/actions.ts#changeRoleAction": { template: (ids) => [ids.ownerA, "owner"] },
  "app/(app)/team/actions.ts#removeMemberAction": { template: (ids) => [ids.ownerA] },
  "app/invite/[token]/actions.ts#acceptInviteAction": { template: () => [RANDOM_TOKEN] },
  "app/(auth)/account-actions.ts#requestPasswordResetAction": { template: () => ["friend@example.nl"] },
  "app/(auth)/account-actions.ts#resetPasswordAction": { template: () => [RANDOM_TOKEN, "a new long password"] },
  "app/(auth)/account-actions.ts#confirmEmailChangeAction": { template: () => [RANDOM_TOKEN] },
  "app/(app)/account/actions.ts#changePasswordAction": { template: () => ["not my password", "a new long password"] },
  "app/(app)/account/actions.ts#requestEmailChangeAction": { template: () => ["new@example.nl", "not my password"] },
  "app/(app)/account/actions.ts#startTwoFactorAction": { template: () => [] },
  "app/(app)/account/actions.ts#enableTwoFactorAction": { template: () => ["000000"] },
  "app/(app)/account/actions.ts#regenerateRecoveryCodesAction": { template: () => ["not my password"] },
  "app/(app)/account/actions.ts#disableTwoFactorAction": { template: () => ["not my password"] },
  "app/(app)/account/actions.ts#deleteAccountAction": { template: () => ["someone@example.nl", "not my password"] },
  "app/(app)/account/actions.ts#setTeamTwoFactorAction": { template: () => [true] },
  "app/(auth)/new-team/actions.ts#createOwnTeamAction": { template: () => [{ name: "Team C" }] },
  [`${DASH}#createDashboardAction`]: { template: (ids) => [ids.projectA, { name: "Team A board" }] },
  [`${DASH}#deleteDashboardAction`]: { template: (ids) => [ids.projectA, ids.dashboardA] },
  [`${DASH}#addTileAction`]: {
    template: (ids) => [ids.projectA, ids.dashboardA, { kind: "funnel", funnelId: ids.funnelA, filters: { source: ["google"] } }],
  },
  [`${DASH}#resizeTileAction`]: { template: (ids) => [ids.projectA, ids.dashboardA, ids.tileA, { width: 2, height: 1 }] },
  [`${DASH}#removeTileAction`]: { template: (ids) => [ids.projectA, ids.dashboardA, ids.tileA] },
  [`${DASH}#reorderTilesAction`]: { template: (ids) => [ids.projectA, ids.dashboardA, [ids.tileA]] },
  [`${DASH}#createDashboardShareAction`]: {
    template: (ids) => [ids.projectA, ids.dashboardA, { ...dashboardShareInput, colour: "#1e3a8a" }],
  },
  [`${DASH}#revokeDashboardShareAction`]: { template: (ids) => [ids.projectA, ids.dashboardA, ids.dashboardShareA] },
  [`${DASH}#createAnnotationAction`]: { template: (ids) => [ids.projectA, annotationInput()] },
  [`${DASH}#deleteAnnotationAction`]: { template: (ids) => [ids.projectA, ids.annotationA] },
  "app/share/dashboard/[token]/actions.ts#unlockDashboardShareAction": { template: (ids) => [ids.dashboardShareTokenB, "guess"] },
  "app/share/[token]/actions.ts#unlockShareAction": { template: (ids) => [ids.shareTokenB, "guess"] },
};

/** Team A's own onboarding draft (no ids in it). */
const ownDraft = () => {
  const { projectId: _p, teamId: _t, ...rest } = draft({ projectB: "", teamB: "" } as Ids);
  return { ...rest, name: "Team A second shop" };
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every [path, value] inside the arguments (arrays and objects walked), the arguments themselves first. */
function walk(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; value: unknown }[] {
  const out = [{ path, value }];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...walk(v, [...path, i])));
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) out.push(...walk(v, [...path, k]));
  return out;
}

function setAt(root: unknown[], path: (string | number)[], fn: (old: unknown) => unknown): unknown[] {
  const copy = structuredClone(root);
  if (!path.length) return fn(copy) as unknown[];
  let node = copy as unknown as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) node = node[p] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  node[last] = fn(node[last]);
  return copy;
}

/** The malformed variants of a well-formed call, each with what was done to it. */
function malformations(args: unknown[], ids: Ids): { what: string; args: unknown[] }[] {
  const out: { what: string; args: unknown[] }[] = [];
  const extras: Record<string, string> = { projectId: ids.projectB, teamId: ids.teamB, id: ids.goalB, role: "owner" };
  let surrogate = false;
  for (const { path, value } of walk(args)) {
    const at = path.join(".") || "args";
    if (isObject(value))
      for (const [k, v] of Object.entries(extras))
        out.push({ what: `extra ${k} at ${at}`, args: setAt(args, path, (o) => ({ ...(o as object), [k]: v })) });
    if (typeof value === "string") {
      out.push({ what: `NUL in ${at}`, args: setAt(args, path, (s) => `${s as string}\u0000`) });
      if (UUID.test(value)) {
        out.push({ what: `non-UUID ${at}`, args: setAt(args, path, () => "not-a-uuid") });
        out.push({ what: `quoted UUID ${at}`, args: setAt(args, path, (s) => `${s as string}'`) });
      }
      if (!surrogate) {
        surrogate = true;
        out.push({ what: `lone surrogate in ${at}`, args: setAt(args, path, (s) => `${s as string}\ud800`) });
      }
    }
  }
  out.push({ what: "one argument too many", args: [...args, { projectId: ids.projectB }] });
  return out;
}

test("every server action refuses extra keys, non-UUID ids and unstorable text with a 4xx-like answer, and team B stays as it was", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(600_000);
  const base = baseURL!;
  const declared = serverActions();
  for (const a of declared)
    expect(malformedTable[`${a.file}#${a.name}`], `add ${a.file}#${a.name} to the malformed-input table`).toBeDefined();
  const declaredKeys = new Set(declared.map((a) => `${a.file}#${a.name}`));
  for (const key of Object.keys(malformedTable))
    expect(declaredKeys.has(key), `${key} is in the malformed-input table but not in app/`).toBe(true);

  const { registered, ids, ownerB, a, readKeyB, secrets, before, close } = await setUpTeams(page, browser, base);
  const checked: string[] = [];
  for (const action of declared) {
    const key = `${action.file}#${action.name}`;
    const entry = malformedTable[key];
    if ("exempt" in entry) continue;
    const id = registered.get(key);
    if (!id) continue;
    for (const { what, args } of malformations(entry.template(ids), ids)) {
      const label = `${key} with ${what}`;
      const res = await callAction(a.request, base, id, args);
      expect(res.status, `${label} answered ${res.status}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
      expect(res.threw, `${label} threw: ${res.body.slice(0, 300)}`).toBe(false);
      for (const secret of secrets) expect(res.body, `${label} leaked team B's data`).not.toContain(secret);
      const v = res.value as { ok?: boolean; error?: { code?: string; fieldErrors?: Record<string, string> } } | undefined;
      if (v && typeof v === "object" && "ok" in v) {
        // An action on server/action.ts: refused for its input, before any lookup.
        expect(v, `${label} was not refused for its input: ${JSON.stringify(v)}`).toMatchObject({
          ok: false,
          error: { code: "invalid_input" },
        });
        expect(Object.keys(v.error?.fieldErrors ?? {}).length, `${label} names the field at fault`).toBeGreaterThan(0);
      } else if (!entry.ignores) {
        expect(refused(res), `${label} was not refused: ${res.body.slice(0, 300)}`).toBe(true);
      }
      checked.push(label);
    }
  }
  test.info().annotations.push({ type: "checked", description: checked.join("\n") });
  expect(checked.length, "the walk sent malformed calls").toBeGreaterThan(200);
  for (const must of [
    "createProjectAction with extra projectId at 0.goals.0",
    "saveGoalAction with extra projectId at 2.match",
    "saveFunnelAction with extra projectId at 2.steps.0",
    "addSpendAction with NUL in 1.source",
    "importSpendAction with NUL in 1",
    "deleteGoalAction with non-UUID 1",
    "changeRoleAction with non-UUID 0",
  ]) {
    expect(
      checked.some((c) => c.includes(must)),
      `the walk tried ${must}`,
    ).toBe(true);
  }
  expect(await snapshotB(ownerB, ids, readKeyB), "team B changed").toEqual(before);
  expect(await currentTeam(a.request)).toBe(ids.teamA);
  await close();
});

test("finding 1: a goal carrying team B's projectId, or a numeric path, in a new project's draft changes nothing of team B", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const base = baseURL!;
  const registered = actionIds();
  const projectB = await signUpWithDemoProject(page, { teamName: "Team B", project: "Team B shop" });
  const ownerB = page.request;
  const goalsOfB = async () => arrayProp(await rsc(ownerB, `/projects/${projectB}/goals`), "goals");
  const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);
  const conversionsOfB = () => ownerB.get(`/api/v1/projects/${projectB}/conversions?from=${day(-30)}&to=${day(1)}`);
  const goalsBefore = await goalsOfB();
  expect((await conversionsOfB()).status()).toBe(200);

  const ctxA = await browser.newContext();
  const a = await ctxA.newPage();
  await signUp(a, { teamName: "Team A" });
  const projectsOfA = async () =>
    ((await (await a.request.get("/api/v1/projects")).json()) as { projects: { id: string }[] }).projects.map((p) => p.id);
  const mine = await projectsOfA();
  const create = (goal: Record<string, unknown>) =>
    callAction(a.request, base, mustHave(registered, "app/(app)/projects/new/actions.ts#createProjectAction"), [
      { ...ownDraft(), goals: [{ key: "purchase", name: "Purchase", kind: "macro", revenue: false, enabled: true, ...goal }] },
    ]);

  // The reproduction: a macro goal whose projectId is team B's project.
  const hijack = await create({ match: { event: "hijack" }, projectId: projectB });
  expect(hijack.status).toBeLessThan(500);
  expect(hijack.value).toMatchObject({ ok: false, error: { code: "invalid_input", fieldErrors: { goals: "unknown_key" } } });
  // A goal whose path is a number: refused, and nothing stored.
  const numeric = await create({ match: { event: "purchase", path: 12345 } });
  expect(numeric.status).toBeLessThan(500);
  expect(numeric.value).toMatchObject({ ok: false, error: { code: "invalid_input", fieldErrors: { goals: "invalid" } } });

  expect(await goalsOfB(), "team B's goals are as they were").toEqual(goalsBefore);
  expect((await conversionsOfB()).status(), "team B's conversions still answer").toBe(200);
  expect(await projectsOfA(), "no project was created for team A").toEqual(mine);
  await ctxA.close();
});
