import { it, expect, beforeAll, afterAll } from "vitest";
import { describeEachDb } from "../../tests/db";
import { ownerWithProject } from "../../tests/fixtures";
import { startSmtpServer, closedPort } from "../../tests/smtp";
import { insertEvents } from "../../db/events/insert";
import { shopTraffic as traffic } from "../../tests/shop-traffic";
import { listFunnels } from "../../db/funnels";
import { createDigestSchedule, listDigestSchedules, setDigestPaused } from "../../db/digests";
import { enqueueDueDigests } from "../../db/digests-due";
import { claimDelivery, periodDeliveries, unsubscribeByToken } from "../../db/digests-send";
import { setDbHandle } from "../../db/client";
import { POST as oneClick } from "../../app/api/unsubscribe/[token]/route";
import { openShareLink } from "../../db/share";
import { jobByKey } from "../../db/jobs";
import { runDueJobs } from "../jobs/runner";
import { runDigestJob, type DigestDeps } from "./job";
import { colourShare, inlineImages, pngStats } from "../../tests/mail-images";
import { createAnnotation } from "../../db/annotations";
import type { ProjectScope } from "../../db/tenant";

const SECRET = "digest-test-secret-digest-test-secret";
// Thursday 3 December 2026; the weekly digest goes out on Mondays at 08:00 local (07:00 UTC).
const NOW = new Date("2026-12-03T10:00:00Z");
const MONDAY = new Date("2026-12-07T07:00:00Z");
const NEXT_MONDAY = new Date("2026-12-14T07:00:00Z");

describeEachDb("scheduled digests, end to end", (db, kind) => {
  let scope: ProjectScope;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let deps: DigestDeps;
  let scheduleId: string;
  const run = (at: Date, worker = "w1") =>
    runDueJobs(db(), { digest: (job, ctx) => runDigestJob(job, ctx, deps) }, { worker, now: () => at, leaseMs: 10 * 60_000 });

  beforeAll(async () => {
    smtp = await startSmtpServer();
    deps = {
      mail: { smtpUrl: smtp.url, from: "Trechter <digest@example.nl>" },
      appUrl: "https://trechter.example.nl",
      secret: SECRET,
      leaseMs: 10 * 60_000,
    };
    const owner = await ownerWithProject(db(), "digest-owner@example.nl", { name: "Fietsenwinkel" });
    scope = owner.scope;
    // The week reported (Mon 30 Nov – Sun 6 Dec): 40 a day, 1 in 8 buys; the week before: 1 in 4.
    await insertEvents(db(), scope.projectId, traffic([30, 31, 32, 33, 34, 35, 36], 40, 8, "a"));
    await insertEvents(db(), scope.projectId, traffic([23, 24, 25, 26, 27, 28, 29], 20, 4, "p"));
    // Notes: one on a day of the week, one range reaching into it, one long before (left out).
    await createAnnotation(scope, { from: "2026-12-02", note: "campagne live" });
    await createAnnotation(scope, { from: "2026-11-20", to: "2026-12-01", note: "nieuwe checkout" });
    await createAnnotation(scope, { from: "2026-11-10", note: "oude actie" });
    const funnel = (await listFunnels(scope))[0];
    const schedule = await createDigestSchedule(
      scope,
      {
        report: "funnel",
        funnelId: funnel.id,
        frequency: "weekly",
        weekday: 1,
        hour: 8,
        members: [owner.user.id],
        outside: [{ email: "Klant@Example.com", locale: "nl" }],
      },
      { secret: SECRET, now: NOW },
    );
    scheduleId = schedule.id;
    expect(schedule.nextRunAt.toISOString()).toBe(MONDAY.toISOString());
  });
  afterAll(async () => smtp?.close());

  it("queues nothing before Monday 08:00, then the week once however often the scheduler runs", async () => {
    expect(await enqueueDueDigests(db(), NOW)).toBe(0);
    const [a, b] = await Promise.all([enqueueDueDigests(db(), MONDAY), enqueueDueDigests(db(), MONDAY)]);
    expect(a + b).toBe(1);
    expect(await enqueueDueDigests(db(), new Date(MONDAY.getTime() + 3600_000))).toBe(0);
  });

  it("sends one mail to each recipient, in their language, with the figures, charts and links, when two workers race", async () => {
    const [w1, w2] = await Promise.all([run(MONDAY, "w1"), run(MONDAY, "w2")]);
    expect(w1.done + w2.done).toBe(1);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(["digest-owner@example.nl", "klant@example.com"]);

    const en = smtp.received.find((m) => m.to[0] === "digest-owner@example.nl")!;
    const nl = smtp.received.find((m) => m.to[0] === "klant@example.com")!;
    expect(en.subject).toContain("Fietsenwinkel");
    expect(en.subject).toMatch(/30 Nov 2026 – 6 Dec 2026/);
    expect(nl.subject).toMatch(/30 nov\.? 2026 – 6 dec\.? 2026/);
    // English figures: 280 entered, 35 bought = 12.50%, the week before 140 and 35 = 25.00% → −50.00%.
    expect(en.html).toContain("Conversion rate");
    expect(en.html).toContain("12.50%");
    expect(en.html).toContain("25.00%");
    expect(en.text).toMatch(/Change: [−-]50\.00%/);
    expect(en.html).toMatch(/above the benchmark|Above the benchmark/);
    // Dutch numbers and words for the outside recipient.
    expect(nl.html).toContain("Conversieratio");
    expect(nl.html).toContain("12,50%");
    expect(nl.html).toContain('lang="nl"');
    // The live link opens the report; only the outside recipient can unsubscribe, by one click too.
    const token = en.html.match(/https:\/\/trechter\.example\.nl\/share\/([A-Za-z0-9_-]+)/)?.[1];
    expect(token).toBeTruthy();
    expect((await openShareLink(db(), token!, { touch: false })).state).toBe("ok");
    expect(en.headers).not.toMatch(/List-Unsubscribe/i);
    expect(nl.headers).toMatch(/List-Unsubscribe: <https:\/\/trechter\.example\.nl\/api\/unsubscribe\/[^>]+>/i);
    expect(nl.headers).toMatch(/List-Unsubscribe-Post: List-Unsubscribe=One-Click/i);
    expect(nl.html).toMatch(/Afmelden voor dit rapport/);

    // The charts are real pictures: inline PNGs of the promised size, not blank.
    for (const mail of [en, nl]) {
      const images = inlineImages(mail);
      expect([...images.keys()].sort()).toEqual(["funnel", "trend"]);
      for (const png of images.values()) {
        const s = await pngStats(png);
        expect(s).toMatchObject({ width: 1280, height: 600 });
        expect(s.inked).toBeGreaterThan(0.03);
      }
      expect(mail.html).toContain('src="cid:funnel"');
      // The week's notes are drawn on the trend in amber (#b45309), which nothing else on the chart uses.
      expect(await colourShare(images.get("trend")!, [180, 83, 9])).toBeGreaterThan(0.001);
      expect(await colourShare(images.get("funnel")!, [180, 83, 9])).toBe(0);
      expect(mail.text).not.toContain("oude actie");
    }
    // The notes touching the week, with their days in the reader's language, in the text and the HTML.
    expect(en.text).toMatch(/Notes in this period:\r?\n20 Nov – 1 Dec: nieuwe checkout\r?\n2 Dec: campagne live/);
    expect(en.html).toContain("<li>2 Dec: campagne live</li>");
    expect(nl.text).toMatch(/20 nov\.? – 1 dec\.?: nieuwe checkout\r?\n2 dec\.?: campagne live/);
    expect(nl.html).toMatch(/<li>2 dec\.?: campagne live<\/li>/);
  });

  it("shows the sends in the schedule's history and never sends a period again", async () => {
    const before = smtp.received.length;
    expect(await enqueueDueDigests(db(), MONDAY)).toBe(0);
    await run(new Date(MONDAY.getTime() + 3600_000));
    expect(smtp.received.length).toBe(before);
    const [s] = await listDigestSchedules(scope);
    expect(s.history.map((h) => h.state)).toEqual(["sent", "sent"]);
  });

  it("unsubscribes an outside recipient by the link's token: the next week goes to the member only", async () => {
    const nl = smtp.received.find((m) => m.to[0] === "klant@example.com")!;
    const token = nl.headers.match(/\/api\/unsubscribe\/([^>\s]+)>/)![1];
    expect(await unsubscribeByToken(db(), token, "another-secret-another-secret")).toBeNull();
    // The mail program's one-click POST (RFC 8058) to the List-Unsubscribe address, through the route.
    setDbHandle({ db: db(), kind, close: async () => {} });
    process.env.AUTH_SECRET = SECRET;
    const post = (t: string) =>
      oneClick(
        new Request(`https://trechter.example.nl/api/unsubscribe/${t}`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "List-Unsubscribe=One-Click",
        }),
        { params: Promise.resolve({ token: t }) },
      );
    expect((await post(`${token.slice(0, -2)}xx`)).status).toBe(404);
    expect((await post(token)).status).toBe(200);
    expect(await unsubscribeByToken(db(), token, SECRET)).toMatchObject({ email: "klant@example.com", unsubscribed: true });
    smtp.received.length = 0;
    expect(await enqueueDueDigests(db(), NEXT_MONDAY)).toBe(1);
    await run(NEXT_MONDAY);
    expect(smtp.received.map((m) => m.to[0])).toEqual(["digest-owner@example.nl"]);
  });

  it("retries a failed send with backoff, shows the failure, and sends once when the server is back", async () => {
    const good = deps.mail!;
    deps.mail = { ...good, smtpUrl: `smtp://127.0.0.1:${await closedPort()}` };
    smtp.received.length = 0;
    const third = new Date("2026-12-21T07:00:00Z");
    expect(await enqueueDueDigests(db(), third)).toBe(1);
    expect(await run(third)).toMatchObject({ retried: 1 });
    const key = `digest:${scheduleId}:weekly:2026-12-14`;
    expect((await jobByKey(db(), scope.projectId, key))?.lastError).toMatch(/refused the connection/);
    expect((await periodDeliveries(db(), scope.projectId, scheduleId, "weekly:2026-12-14")).map((d) => d.state)).toEqual(["failed"]);
    deps.mail = good;
    expect(await run(new Date(third.getTime() + 30_000))).toMatchObject({ done: 0, retried: 0 }); // backoff: 1 minute
    expect(await run(new Date(third.getTime() + 60_000))).toMatchObject({ done: 1 });
    expect(smtp.received.map((m) => m.to[0])).toEqual(["digest-owner@example.nl"]);
    const [d] = await periodDeliveries(db(), scope.projectId, scheduleId, "weekly:2026-12-14");
    expect(d).toMatchObject({ state: "sent", attempts: 2 });
  });

  it("never resends a mail whose sender stopped mid-send: it is marked uncertain", async () => {
    smtp.received.length = 0;
    const fourth = new Date("2026-12-28T07:00:00Z");
    // A worker claimed the delivery and died before recording the server's answer.
    await claimDelivery(db(), {
      projectId: scope.projectId,
      scheduleId,
      periodKey: "weekly:2026-12-21",
      email: "digest-owner@example.nl",
      messageId: "<x@trechter>",
      now: fourth,
    });
    expect(await enqueueDueDigests(db(), fourth)).toBe(1);
    await run(new Date(fourth.getTime() + 11 * 60_000));
    expect(smtp.received).toHaveLength(0);
    const [d] = await periodDeliveries(db(), scope.projectId, scheduleId, "weekly:2026-12-21");
    expect(d.state).toBe("uncertain");
  });
  it("sends nothing for a week queued before the schedule was paused", async () => {
    smtp.received.length = 0;
    const fifth = new Date("2027-01-04T07:00:00Z");
    expect(await enqueueDueDigests(db(), fifth)).toBe(1);
    // Paused between queueing and the worker's turn (the scheduler queues up to 30 s before a worker runs).
    await setDigestPaused(scope, scheduleId, true, fifth);
    expect(await run(new Date(fifth.getTime() + 10_000))).toMatchObject({ done: 1, retried: 0 });
    expect(smtp.received).toHaveLength(0);
    expect(await periodDeliveries(db(), scope.projectId, scheduleId, "weekly:2026-12-28")).toEqual([]);
  });
});
