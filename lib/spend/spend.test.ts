import { describe, it, expect } from "vitest";
import { checkAmount, parseAmount } from "./amount";
import { spendProblemText } from "./problem-text";
import { SPEND_PROBLEM_CODES } from "./problem";
import { makeTranslate } from "../i18n/translate";
import en from "../i18n/messages/en";
import nl from "../i18n/messages/nl";
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
    ["1.234", "amountAmbiguous"],
    ["1,234", "amountAmbiguous"],
    ["12.345", "amountAmbiguous"],
    ["12.3456", "amountDecimals"],
    ["0", "amountNotPositive"],
    ["0,00", "amountNotPositive"],
    ["-5", "amountNotPositive"],
    ["", "amountRequired"],
    ["abc", "amountInvalid"],
    ["1.23.4", "amountInvalid"],
    ["12,34,5", "amountInvalid"],
    ["1,234,50", "amountInvalid"],
    ["1e5", "amountInvalid"],
    ["1000000000000", "amountTooLarge"],
  ])("refuses %j in a file as %s", (text, code) => {
    const r = parseAmount(text);
    expect(r).toMatchObject({ ok: false, problem: { code } });
  });

  it("reads what the reader typed in the app in the reader's language: 1.234 is 1234 in Dutch and 1.234 is too many decimals in English", () => {
    expect(parseAmount("1.234", "nl")).toEqual({ ok: true, value: 1234 });
    expect(parseAmount("1,234", "en")).toEqual({ ok: true, value: 1234 });
    expect(parseAmount("3,5", "en")).toEqual({ ok: true, value: 3.5 });
    expect(parseAmount("1.234", "en")).toMatchObject({ ok: false, problem: { code: "amountDecimals" } });
    expect(checkAmount(12.5)).toEqual({ ok: true, value: 12.5 });
    expect(checkAmount(12.345)).toMatchObject({ ok: false, problem: { code: "amountDecimals" } });
    expect(checkAmount(0)).toMatchObject({ ok: false, problem: { code: "amountNotPositive" } });
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
    [{ date: "2026-02-30", source: "g", amount: "1" }, "date", "dateNotInCalendar"],
    [{ date: "2026-13", source: "g", amount: "1" }, "date", "monthInvalid"],
    [{ date: "03/05/2026", source: "g", amount: "1" }, "date", "dateFormat"],
    [{ date: "", source: "g", amount: "1" }, "date", "dateRequired"],
    [{ date: "2026-03-05", source: "  ", amount: "1" }, "source", "sourceRequired"],
    [{ date: "2026-03-05", source: "g", amount: "-1" }, "amount", "amountNotPositive"],
    [{ date: "2026-03-05", source: "g", medium: "x".repeat(201), amount: "1" }, "medium", "tooLong"],
  ])("refuses %j in field %s as %s", (input, field, code) => {
    expect(parseSpendEntry(input)).toMatchObject({ ok: false, field, problem: { code } });
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
      { line: 4, code: "dateNotInCalendar", values: { text: "2026-02-30" } },
      { line: 7, code: "sourceRequired" },
      { line: 8, code: "amountAmbiguous", values: { text: "1,234" } },
      { line: 9, code: "duplicate", values: { earlier: 2 } },
      { line: 10, code: "tooManyFields", values: { count: 6, expected: 5 } },
    ]);
    // Worded by the catalogue in the reader's language, never by lib/spend.
    const ten = makeTranslate(en, "en");
    const tnl = makeTranslate(nl, "nl");
    expect(errors.map((e) => spendProblemText(ten, e))).toEqual([
      '"2026-02-30" is not a date in the calendar.',
      "Enter a source, as in utm_source (google, newsletter…).",
      'The amount "1,234" is ambiguous: write 1234 or 1234.00 (or 1.234,00).',
      "This line repeats line 2 (same date, source, medium and campaign); give one total per line.",
      "This line has 6 fields but the header names 5; quote values that contain the delimiter.",
    ]);
    expect(errors.map((e) => spendProblemText(tnl, e))).toEqual([
      '"2026-02-30" is geen datum die in de kalender staat.',
      "Vul een bron in, zoals in utm_source (google, nieuwsbrief…).",
      'Het bedrag "1,234" is dubbelzinnig: schrijf 1234 of 1234,00 (of 1.234,00).',
      "Deze regel herhaalt regel 2 (zelfde datum, bron, medium en campagne); geef één totaal per regel.",
      "Deze regel heeft 6 velden, maar de kopregel noemt er 5; zet waarden met het scheidingsteken tussen aanhalingstekens.",
    ]);
  });

  it("reads the Dutch column names datum, bron, medium, campagne, bedrag", () => {
    expect(parseSpendCsv("Datum;Bron;Medium;Campagne;Bedrag\n05-03-2026;Google;cpc;Lente;1.234,50\n")).toEqual({
      rows: [{ line: 2, period: "day", day: "2026-03-05", source: "google", medium: "cpc", campaign: "lente", amount: 1234.5 }],
      errors: [],
    });
  });

  it("words every problem in both languages, with the reader's column names", () => {
    const tnl = makeTranslate(nl, "nl");
    const ten = makeTranslate(en, "en");
    const missing = parseSpendCsv("bron;medium\n").errors[0];
    expect(spendProblemText(tnl, missing)).toBe(
      "De eerste regel moet de kolommen noemen (datum, bron, medium, campagne, bedrag); er ontbreekt: datum, bedrag.",
    );
    expect(spendProblemText(ten, missing)).toBe(
      "The first line must name the columns (date, source, medium, campaign, amount); missing: date, amount.",
    );
    for (const code of SPEND_PROBLEM_CODES)
      for (const t of [ten, tnl]) {
        const text = spendProblemText(t, {
          code,
          values: { text: "x", field: "medium", max: 1, count: 2, expected: 1, earlier: 1, missing: ["date"], unknown: ["y"] },
        });
        expect(text).not.toMatch(/spend\.|\{\w+\}/);
      }
  });

  it("needs a header row with date, source and amount", () => {
    expect(parseSpendCsv("2026-03-01,google,cpc,,10\n")).toEqual({
      rows: [],
      errors: [{ line: 1, code: "missingColumns", values: { missing: ["date", "source", "amount"] } }],
    });
    expect(parseSpendCsv("source,medium\n")).toEqual({
      rows: [],
      errors: [{ line: 1, code: "missingColumns", values: { missing: ["date", "amount"] } }],
    });
    expect(parseSpendCsv("date,source,amount,cost\n")).toEqual({
      rows: [],
      errors: [{ line: 1, code: "unknownColumns", values: { unknown: ["cost"] } }],
    });
    expect(parseSpendCsv("")).toEqual({ rows: [], errors: [{ line: 1, code: "empty" }] });
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
