import { it, expect, beforeAll } from "vitest";
import { describeEachDb } from "../tests/db";
import type { ProjectScope } from "./tenant";
import { ownerWithProject, viewerOf } from "../tests/fixtures";
import { listSpend, addSpend, importSpend, deleteSpend, spendBySegment } from "./spend";

describeEachDb("ad spend", (db) => {
  let owner: ProjectScope;
  let outsider: ProjectScope;
  let viewer: ProjectScope;

  beforeAll(async () => {
    owner = (await ownerWithProject(db(), "spend-owner@example.nl")).scope;
    outsider = (await ownerWithProject(db(), "spend-outsider@example.nl")).scope;
    viewer = await viewerOf(db(), owner, "spend-viewer@example.nl");
  });

  it("adds an entry from the form, lower-casing the source, and replaces the amount of the same entry", async () => {
    const first = await addSpend(owner, { date: "2026-03-05", source: " Google ", medium: "cpc", amount: "1.234,50" });
    expect(first).toMatchObject({
      replaced: false,
      row: { projectId: owner.projectId, period: "day", day: "2026-03-05", source: "google", medium: "cpc", campaign: "", amount: 1234.5 },
    });
    const again = await addSpend(owner, { date: "2026-03-05", source: "google", medium: "CPC", amount: "100" });
    expect(again).toMatchObject({ replaced: true, row: { id: first.row.id, amount: 100 } });
    expect((await listSpend(owner)).filter((r) => r.day === "2026-03-05")).toHaveLength(1);
  });

  it("refuses a bad field with a 400 that names it, and saves nothing", async () => {
    const before = (await listSpend(owner)).length;
    await expect(addSpend(owner, { date: "2026-03-05", source: "google", amount: "1,234" })).rejects.toMatchObject({
      status: 400,
      field: "amount",
      message: "amountAmbiguous",
    });
    await expect(addSpend(owner, { date: "2026-03-32", source: "google", amount: "1" })).rejects.toMatchObject({
      status: 400,
      field: "date",
    });
    expect((await listSpend(owner)).length).toBe(before);
  });

  it("lets a viewer read but not write (403), and keeps projects apart (404)", async () => {
    const { row } = await addSpend(owner, { date: "2026-03-06", source: "meta", amount: "10" });
    expect((await listSpend(viewer)).map((r) => r.id)).toContain(row.id);
    await expect(addSpend(viewer, { date: "2026-03-07", source: "meta", amount: "10" })).rejects.toMatchObject({ status: 403 });
    await expect(importSpend(viewer, "date,source,amount\n2026-03-07,meta,10\n")).rejects.toMatchObject({ status: 403 });
    await expect(deleteSpend(viewer, row.id)).rejects.toMatchObject({ status: 403 });
    await expect(deleteSpend(outsider, row.id)).rejects.toMatchObject({ status: 404 });
    await expect(deleteSpend(owner, "not-a-uuid")).rejects.toMatchObject({ status: 404 });
    expect(await listSpend(outsider)).toEqual([]);
    expect((await listSpend(owner)).map((r) => r.id)).toContain(row.id);
    await deleteSpend(owner, row.id);
    expect((await listSpend(owner)).map((r) => r.id)).not.toContain(row.id);
    await expect(deleteSpend(owner, row.id)).rejects.toMatchObject({ status: 404 });
  });

  it("imports the good rows of an upload, reports the bad ones by line, and does not double on a second upload", async () => {
    const csv =
      'date;source;medium;campaign;amount\n2026-04-01;newsletter;email;;12,50\n2026-04-31;newsletter;email;;5\n2026-04;google;cpc;spring;"3.000,00"\n2026-04-02;;cpc;;4\n';
    const first = await importSpend(owner, csv);
    expect(first).toEqual({
      inserted: 2,
      replaced: 0,
      errors: [
        // Codes with their values: the catalogue words them in the reader's language (lib/spend/problem-text.ts).
        { line: 3, code: "dateNotInCalendar", values: { text: "2026-04-31" } },
        { line: 5, code: "sourceRequired" },
      ],
    });
    const april = await listSpend(owner, { first: "2026-04-01", last: "2026-04-30" });
    expect(april.map((r) => [r.period, r.day, r.source, r.amount])).toEqual(
      [
        ["day", "2026-04-01", "newsletter", 12.5],
        ["month", "2026-04-01", "google", 3000],
      ].sort((a, b) => String(a[2]).localeCompare(String(b[2]))),
    );
    const second = await importSpend(owner, csv.replace("12,50", "20"));
    expect(second).toMatchObject({ inserted: 0, replaced: 2 });
    const after = await listSpend(owner, { first: "2026-04-01", last: "2026-04-30" });
    expect(after).toHaveLength(2);
    expect(after.find((r) => r.source === "newsletter")?.amount).toBe(20);
  });

  it("an upload with only bad rows saves nothing and says why", async () => {
    const before = (await listSpend(owner)).length;
    expect(await importSpend(owner, "day,source,cost\n2026-04-01,x,1\n")).toMatchObject({
      inserted: 0,
      replaced: 0,
      errors: [{ line: 1 }],
    });
    expect((await listSpend(owner)).length).toBe(before);
  });

  it("sums spend per source, medium or campaign in a range, month entries pro rata", async () => {
    // Europe/Amsterdam: 10–19 April local is 10 days of the 30-day April google month (€3000 → €1000).
    await addSpend(owner, { date: "2026-04-12", source: "newsletter", amount: "7" });
    await addSpend(owner, { date: "2026-04-20", source: "newsletter", amount: "1000" });
    const from = new Date("2026-04-09T22:00:00Z");
    const to = new Date("2026-04-19T22:00:00Z");
    const bySource = await spendBySegment(owner, { from, to, field: "source" });
    expect(Object.fromEntries(bySource.values)).toEqual({ google: 1000, newsletter: 7 });
    expect(bySource.total).toBe(1007);
    const byCampaign = await spendBySegment(owner, { from, to, field: "campaign" });
    expect(Object.fromEntries(byCampaign.values)).toEqual({ spring: 1000, "": 7 });
    expect((await spendBySegment(outsider, { from, to, field: "source" })).total).toBe(0);
  });
});
