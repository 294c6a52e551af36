import { describe, it, expect } from "vitest";
import { parseAmount } from "./amount";
import { parseSpendEntry, parseSpendDate } from "./entry";
import { parseSpendCsv } from "./csv";
import { spendInRange, spendBySegmentValue, daysInMonth } from "./prorate";
import { costGoals, spendCosts, funnelCosts } from "./costs";

describe("parseAmount", () => {
  it.each([
    ["1234.50", 1234.5],
    ["1234,50", 1234.5],
    ["12,50", 12.5],
    ["12.5", 12.5],
    ["1.234,50", 1234.5],
    ["1,234.50", 1234.5],
    ["1.234.567", 1234567],
    ["1,234,567", 1234567],
    ["1.234.567,89", 1234567.89],
    ["€ 1.234,50", 1234.5],
    ["€12", 12],
    [" 99 ", 99],
    ["0,01", 0.01],
    ["1 234,50", 1234.5],
  ])("reads %s as %d", (text, value) => {
    expect(parseAmount(text)).toEqual({ ok: true, value });
  });

  it.each([
    ["1.234", /ambiguous/],
    ["1,234", /ambiguous/],
    ["12.345", /ambiguous/],
    ["12.3456", /more than 2 decimals/],
    ["0", /more than 0/],
    ["0,00", /more than 0/],
    ["-5", /more than 0/],
    ["", /Enter an amount/],
    ["abc", /not an amount/],
    ["1.23.4", /not an amount/],
    ["12,34,5", /not an amount/],
    ["1,234,50", /not an amount/],
    ["1e5", /not an amount/],
  ])("refuses %j", (text, message) => {
    const r = parseAmount(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});

describe("parseSpendEntry", () => {
  it("reads a day and a month; lower-cases and trims source, medium and campaign", () => {
    expect(parseSpendEntry({ date: "2026-03-05", source: " Google ", medium: "CPC", campaign: "Lente 2026", amount: "12,50" })).toEqual({
      ok: true,
      entry: { period: "day", day: "2026-03-05", source: "google", medium: "cpc", campaign: "lente 2026", amount: 12.5 },
    });
    expect(parseSpendEntry({ date: "2026-03", source: "meta", amount: "310" })).toEqual({
      ok: true,
      entry: { period: "month", day: "2026-03-01", source: "meta", medium: "", campaign: "", amount: 310 },
    });
    expect(parseSpendDate("5-3-2026")).toEqual({ ok: true, period: "day", day: "2026-03-05" });
  });

  it.each([
    [{ date: "2026-02-30", source: "g", amount: "1" }, "date", /not a date in the calendar/],
    [{ date: "2026-13", source: "g", amount: "1" }, "date", /not a month/],
    [{ date: "03/05/2026", source: "g", amount: "1" }, "date", /YYYY-MM-DD/],
    [{ date: "", source: "g", amount: "1" }, "date", /Enter a date/],
    [{ date: "2026-03-05", source: "  ", amount: "1" }, "source", /Enter a source/],
    [{ date: "2026-03-05", source: "g", amount: "-1" }, "amount", /more than 0/],
    [{ date: "2026-03-05", source: "g", medium: "x".repeat(201), amount: "1" }, "medium", /longer than 200/],
  ])("refuses %j in field %s", (input, field, message) => {
    const r = parseSpendEntry(input);
    expect(r).toMatchObject({ ok: false, field });
    if (!r.ok) expect(r.message).toMatch(message);
  });
});

describe("parseSpendCsv", () => {
  it("reads a Dutch Excel file: BOM, semicolons, CRLF, columns in another order, quoted fields", () => {
    const text =
      "\uFEFFamount;Date;source;campaign;medium\r\n" +
      '"1.234,50";2026-03-05;Google;"Lente; zomer";cpc\r\n' +
      "12,50;2026-03;newsletter;;email\r\n";
    expect(parseSpendCsv(text)).toEqual({
      rows: [
        { line: 2, period: "day", day: "2026-03-05", source: "google", medium: "cpc", campaign: "lente; zomer", amount: 1234.5 },
        { line: 3, period: "month", day: "2026-03-01", source: "newsletter", medium: "email", campaign: "", amount: 12.5 },
      ],
      errors: [],
    });
  });

  it("keeps the good rows and gives each bad row its line number as the file shows it", () => {
    const text = [
      "date,source,medium,campaign,amount",
      "2026-03-01,google,cpc,spring,100.00",
      "",
      "2026-02-30,google,cpc,spring,10",
      '2026-03-02,"multi',
      'line",cpc,,20',
      "2026-03-03,,cpc,,20",
      '2026-03-04,bing,cpc,,"1,234"',
      "2026-03-01,Google,CPC,Spring,5",
      "2026-03-05,bing,cpc,,7,extra",
    ].join("\n");
    const { rows, errors } = parseSpendCsv(text);
    expect(rows.map((r) => [r.line, r.source, r.amount])).toEqual([
      [2, "google", 100],
      [5, "multi\nline", 20],
    ]);
    expect(errors).toEqual([
      { line: 4, message: 'Line 4: "2026-02-30" is not a date in the calendar.' },
      { line: 7, message: "Line 7: Enter a source, as in utm_source (google, newsletter…)." },
      { line: 8, message: 'Line 8: The amount "1,234" is ambiguous: write 1234 or 1234.00 (or 1.234,00).' },
      { line: 9, message: "Line 9 repeats line 2 (same date, source, medium and campaign); give one total per row." },
      { line: 10, message: "Line 10 has 6 fields but the header names 5; quote values that contain the delimiter." },
    ]);
  });

  it("needs a header row with date, source and amount", () => {
    expect(parseSpendCsv("2026-03-01,google,cpc,,10\n")).toEqual({
      rows: [],
      errors: [{ line: 1, message: expect.stringContaining("missing: date, source, amount") }],
    });
    expect(parseSpendCsv("date,source,amount,cost\n")).toEqual({
      rows: [],
      errors: [{ line: 1, message: expect.stringContaining('Unknown column "cost"') }],
    });
    expect(parseSpendCsv("")).toEqual({ rows: [], errors: [{ line: 1, message: expect.stringContaining("empty") }] });
    expect(parseSpendCsv("date,source,amount\n2026-03-01,google,10")).toMatchObject({
      rows: [{ line: 2, medium: "", campaign: "", amount: 10 }],
      errors: [],
    });
  });
});

describe("prorating", () => {
  it("counts a day entry whole or not at all, and a month entry by its days inside the range", () => {
    expect(daysInMonth("2026-02-01")).toBe(28);
    expect(daysInMonth("2028-02-01")).toBe(29);
    const day = { period: "day" as const, day: "2026-03-05", amount: 40 };
    expect(spendInRange(day, "2026-03-05", "2026-03-05")).toBe(40);
    expect(spendInRange(day, "2026-03-06", "2026-03-31")).toBe(0);
    const march = { period: "month" as const, day: "2026-03-01", amount: 310 };
    expect(spendInRange(march, "2026-03-01", "2026-03-31")).toBe(310);
    expect(spendInRange(march, "2026-03-22", "2026-04-15")).toBeCloseTo(100);
    expect(spendInRange(march, "2026-02-01", "2026-03-01")).toBeCloseTo(10);
    expect(spendInRange(march, "2026-01-01", "2026-12-31")).toBe(310);
    expect(spendInRange(march, "2026-04-01", "2026-04-30")).toBe(0);
  });

  it("sums per value and in total, rounded to cents", () => {
    const entries = [
      { period: "month" as const, day: "2026-03-01", amount: 100, source: "google", medium: "cpc", campaign: "" },
      { period: "day" as const, day: "2026-03-02", amount: 5.5, source: "google", medium: "", campaign: "" },
      { period: "day" as const, day: "2026-04-02", amount: 99, source: "google", medium: "", campaign: "" },
      { period: "day" as const, day: "2026-03-03", amount: 1, source: "meta", medium: "social", campaign: "" },
    ];
    const bySource = spendBySegmentValue(entries, "2026-03-01", "2026-03-10", "source");
    expect(Object.fromEntries(bySource.values)).toEqual({ google: 37.76, meta: 1 });
    expect(bySource.total).toBe(38.76);
    expect(Object.fromEntries(spendBySegmentValue(entries, "2026-03-01", "2026-03-10", "medium").values)).toEqual({
      cpc: 32.26,
      "": 5.5,
      social: 1,
    });
  });
});

describe("costs", () => {
  const goals = [
    { key: "purchase", kind: "macro", revenue: true },
    { key: "signup", kind: "micro", revenue: false },
    { key: "cart", kind: "micro", revenue: false },
  ];
  it("picks the lead goal from the URL when it is a micro goal, else the first micro goal", () => {
    expect(costGoals(goals, "cart")).toEqual({ leadIndex: 2, acquisitionIndex: 0, revenueIndex: 0 });
    expect(costGoals(goals, "purchase")).toEqual({ leadIndex: 1, acquisitionIndex: 0, revenueIndex: 0 });
    expect(costGoals(goals, null)).toEqual({ leadIndex: 1, acquisitionIndex: 0, revenueIndex: 0 });
    expect(costGoals([{ key: "x", kind: "macro", revenue: false }])).toEqual({ leadIndex: null, acquisitionIndex: 0, revenueIndex: null });
  });
  it("divides spend by visitors, leads and acquisitions, and revenue by spend; null where there is nothing to divide by", () => {
    const pick = costGoals(goals, "cart");
    expect(
      spendCosts(
        200,
        400,
        [
          { converted: 8, revenue: 1000 },
          { converted: 50, revenue: null },
          { converted: 20, revenue: null },
        ],
        pick,
      ),
    ).toEqual({
      spend: 200,
      costPerVisitor: 0.5,
      costPerLead: 10,
      costPerAcquisition: 25,
      roas: 5,
    });
    expect(
      spendCosts(
        200,
        0,
        [
          { converted: 0, revenue: null },
          { converted: 0, revenue: null },
          { converted: 0, revenue: null },
        ],
        pick,
      ),
    ).toEqual({
      spend: 200,
      costPerVisitor: null,
      costPerLead: null,
      costPerAcquisition: null,
      roas: null,
    });
    expect(spendCosts(50, 10, [{ converted: 1, revenue: null }], costGoals([{ key: "x", kind: "macro", revenue: false }])).roas).toBeNull();
  });
});

describe("the spend page's range", () => {
  it("takes valid from/to days, else the current month and the two before it", async () => {
    const { spendListRange } = await import("./range");
    const now = new Date("2026-03-31T23:30:00Z"); // already 1 April in Amsterdam
    expect(spendListRange("2026-01-05", "2026-01-20", now, "Europe/Amsterdam")).toEqual({ first: "2026-01-05", last: "2026-01-20" });
    expect(spendListRange(null, null, now, "Europe/Amsterdam")).toEqual({ first: "2026-02-01", last: "2026-04-30" });
    expect(spendListRange(null, null, now, "UTC")).toEqual({ first: "2026-01-01", last: "2026-03-31" });
    expect(spendListRange("2026-02-30", "2026-03-01", now, "UTC")).toEqual({ first: "2026-01-01", last: "2026-03-31" });
    expect(spendListRange("2026-03-02", "2026-03-01", now, "UTC")).toEqual({ first: "2026-01-01", last: "2026-03-31" });
  });
});

describe("funnel costs", () => {
  it("divides spend by entered and converted visitors, null for none", () => {
    expect(funnelCosts(100, 40, 4)).toEqual({ spend: 100, perEntered: 2.5, perConverted: 25 });
    expect(funnelCosts(100, 0, 0)).toEqual({ spend: 100, perEntered: null, perConverted: null });
  });
});
