import { it, expect, beforeAll } from "vitest";
import { describeEachDb } from "../tests/db";
import { ownerWithProject } from "../tests/fixtures";
import { claimJob, completeJob, enqueueJob, jobByKey } from "./jobs";
import { runDueJobs, type JobHandler } from "../server/jobs/runner";

const T0 = new Date("2026-12-07T07:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describeEachDb("job queue", (db, kind) => {
  let projectId: string;
  beforeAll(async () => {
    projectId = (await ownerWithProject(db(), "jobs@example.nl")).project.id;
  });

  it("queues a key once, and runs each job once when two workers race for them", async () => {
    for (let i = 0; i < 12; i++) expect(await enqueueJob(db(), { projectId, kind: "digest", key: `race:${i}`, runAt: T0 })).toBe(true);
    expect(await enqueueJob(db(), { projectId, kind: "digest", key: "race:3", runAt: T0 })).toBe(false);
    const ran: string[] = [];
    const handler: JobHandler = async (job) => {
      ran.push(job.key);
      await new Promise((r) => setTimeout(r, 5));
    };
    const [a, b] = await Promise.all([
      runDueJobs(db(), { digest: handler }, { worker: "a", now: () => T0 }),
      runDueJobs(db(), { digest: handler }, { worker: "b", now: () => T0 }),
    ]);
    expect(ran.filter((k) => k.startsWith("race:")).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `race:${i}`).sort());
    expect(a.done + b.done).toBe(12);
    // On PostgreSQL both workers got some (separate connections); PGlite runs one statement at a time.
    if (kind === "postgres") expect(Math.min(a.done, b.done)).toBeGreaterThan(0);
    expect((await jobByKey(db(), projectId, "race:3"))?.state).toBe("done");
  });

  it("does not run a job before its time", async () => {
    await enqueueJob(db(), { projectId, kind: "digest", key: "later", runAt: at(3600_000) });
    expect(await claimJob(db(), { worker: "a", now: T0, leaseMs: 60_000 })).toBeNull();
    const job = await claimJob(db(), { worker: "a", now: at(3600_000), leaseMs: 60_000 });
    expect(job?.key).toBe("later");
    await completeJob(db(), job!, "a", at(3600_000));
  });

  it("retries a failing job with a growing delay and keeps its last error after the last attempt", async () => {
    await enqueueJob(db(), { projectId, kind: "alert_check", key: "flaky", runAt: T0, maxAttempts: 3 });
    let calls = 0;
    const boom: JobHandler = async () => {
      calls++;
      throw new Error("mail server down");
    };
    const run = (ms: number) => runDueJobs(db(), { alert_check: boom }, { worker: "w", now: () => at(ms) });
    expect(await run(0)).toMatchObject({ retried: 1 });
    expect(await run(59_000)).toMatchObject({ retried: 0, failed: 0 }); // 1 minute backoff
    expect(await run(60_000)).toMatchObject({ retried: 1 });
    expect(await run(60_000 + 119_000)).toMatchObject({ retried: 0 }); // then 2 minutes
    expect(await run(60_000 + 120_000)).toMatchObject({ failed: 1 });
    expect(await run(24 * 3600_000)).toMatchObject({ retried: 0, failed: 0, done: 0 });
    expect(calls).toBe(3);
    expect(await jobByKey(db(), projectId, "flaky")).toMatchObject({ state: "failed", attempts: 3, lastError: "mail server down" });
  });

  it("gives a dead worker's job to another after its lease, and the dead one can no longer finish it", async () => {
    await enqueueJob(db(), { projectId, kind: "digest", key: "crash", runAt: T0 });
    const first = await claimJob(db(), { worker: "dies", now: T0, leaseMs: 60_000 });
    expect(first?.key).toBe("crash");
    expect(await claimJob(db(), { worker: "other", now: at(30_000), leaseMs: 60_000 })).toBeNull();
    const second = await claimJob(db(), { worker: "other", now: at(60_000), leaseMs: 60_000 });
    expect(second).toMatchObject({ key: "crash", attempts: 2 });
    expect(await completeJob(db(), first!, "dies", at(61_000))).toBe(false);
    expect(await completeJob(db(), second!, "other", at(61_000))).toBe(true);
  });
});
