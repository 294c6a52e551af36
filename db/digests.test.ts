import { it, expect, beforeAll } from "vitest";
import { describeEachDb } from "../tests/db";
import type { ProjectScope } from "./tenant";
import { ownerWithProject, viewerOf } from "../tests/fixtures";
import { createDigestSchedule, deleteDigestSchedule, digestScheduleForSend, listDigestSchedules, setDigestPaused } from "./digests";
import { enqueueDueDigests } from "./digests-due";
import { createDashboard } from "./dashboards";
import { openDashboardShare } from "./dashboards-share";
import { decryptSecret } from "../lib/keys";

const SECRET = "digests-test-secret-digests-test-secret";
// Thursday 3 December 2026, 12:00 UTC; the project's zone is Europe/Amsterdam.
const NOW = new Date("2026-12-03T12:00:00Z");

describeEachDb("digest schedules of a dashboard, paused and resumed", (db) => {
  let owner: ProjectScope;
  let outsider: ProjectScope;
  let viewer: ProjectScope;
  let ownerId: string;
  let dashboardId: string;

  beforeAll(async () => {
    const o = await ownerWithProject(db(), "digests-owner@example.nl");
    owner = o.scope;
    ownerId = o.user.id;
    outsider = (await ownerWithProject(db(), "digests-outsider@example.nl")).scope;
    viewer = await viewerOf(db(), owner, "digests-viewer@example.nl");
    dashboardId = (await createDashboard(owner, { name: "Klant wekelijks" })).id;
  });

  const weekly = (extra: Record<string, unknown> = {}) => ({
    report: "dashboard" as const,
    dashboardId,
    frequency: "weekly" as const,
    weekday: 3,
    hour: 9,
    members: [ownerId],
    outside: [{ email: "klant@example.com", locale: "nl" as const }],
    ...extra,
  });

  it("schedules a dashboard on a weekday: its live link opens that dashboard, and the list names it", async () => {
    const s = await createDigestSchedule(owner, weekly(), { secret: SECRET, now: NOW });
    // Wednesday 9 December, 09:00 in Amsterdam.
    expect(s.nextRunAt.toISOString()).toBe("2026-12-09T08:00:00.000Z");
    const token = decryptSecret((await digestScheduleForSend(db(), owner.projectId, s.id))!.shareTokenEnc!, SECRET)!;
    const opened = await openDashboardShare(db(), token);
    expect(opened).toMatchObject({ state: "ok", dashboardName: "Klant wekelijks" });
    const listed = (await listDigestSchedules(owner)).find((x) => x.id === s.id)!;
    expect(listed).toMatchObject({ report: "dashboard", dashboardName: "Klant wekelijks", paused: false, weekday: 3 });
    expect(listed.recipients.map((r) => r.email).sort()).toEqual(["digests-owner@example.nl", "klant@example.com"]);

    // Deleting it revokes the dashboard's link.
    await deleteDigestSchedule(owner, s.id);
    expect(await openDashboardShare(db(), token)).toEqual({ state: "revoked" });
  });

  it("refuses a weekly schedule without its weekday, a bad address and another project's dashboard, each on its field", async () => {
    await expect(createDigestSchedule(owner, weekly({ weekday: undefined }), { secret: SECRET, now: NOW })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["weekday"] })],
    });
    await expect(
      createDigestSchedule(owner, weekly({ outside: [{ email: "klant@", locale: "nl" }] }), { secret: SECRET, now: NOW }),
    ).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["outside", 0, "email"] })] });
    const theirs = (await createDashboard(outsider, { name: "Van een ander" })).id;
    await expect(createDigestSchedule(owner, weekly({ dashboardId: theirs }), { secret: SECRET, now: NOW })).rejects.toMatchObject({
      status: 400,
      field: "dashboardId",
    });
  });

  it("sends nothing while paused, and resumes from the next due time (not the missed ones)", async () => {
    const s = await createDigestSchedule(owner, weekly({ frequency: "daily", weekday: undefined }), { secret: SECRET, now: NOW });
    expect(await setDigestPaused(owner, s.id, true, NOW)).toBeNull();
    const later = new Date("2026-12-10T12:00:00Z");
    await enqueueDueDigests(db(), later);
    const paused = (await listDigestSchedules(owner)).find((x) => x.id === s.id)!;
    expect(paused.paused).toBe(true);
    expect(paused.nextRunAt.toISOString()).toBe(s.nextRunAt.toISOString());

    const next = await setDigestPaused(owner, s.id, false, later);
    // Friday 11 December, 09:00 in Amsterdam: the first due time after resuming.
    expect(next?.toISOString()).toBe("2026-12-11T08:00:00.000Z");
    expect((await listDigestSchedules(owner)).find((x) => x.id === s.id)).toMatchObject({ paused: false, nextRunAt: next });
    // "Resume" again (a second click, a stale tab) a day later, with the Saturday send due: it stays due.
    const saturday = new Date("2026-12-12T09:00:00Z");
    expect((await setDigestPaused(owner, s.id, false, saturday))?.toISOString()).toBe(next?.toISOString());
    expect((await listDigestSchedules(owner)).find((x) => x.id === s.id)?.nextRunAt.toISOString()).toBe(next?.toISOString());
  });

  it("lets only the project's admins pause (a viewer 403, another project 404)", async () => {
    const s = await createDigestSchedule(owner, weekly(), { secret: SECRET, now: NOW });
    await expect(setDigestPaused(viewer, s.id, true)).rejects.toMatchObject({ status: 403 });
    await expect(setDigestPaused(outsider, s.id, true)).rejects.toMatchObject({ status: 404 });
    await expect(createDigestSchedule(viewer, weekly(), { secret: SECRET, now: NOW })).rejects.toMatchObject({ status: 403 });
    expect((await listDigestSchedules(owner)).find((x) => x.id === s.id)?.paused).toBe(false);
  });
});
