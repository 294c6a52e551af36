import { describe, it, expect } from "vitest";
import { parseShareQuery, previousInside, ShareQueryError, type ShareEndpoint, type ShareTerms } from "./share-query";
import { lastDays } from "./funnel/ranges";

const tz = "Europe/Amsterdam";
// Across the clock change of 26 October 2026: local days, not 24-hour blocks.
const now = new Date("2026-11-10T12:00:00Z");
const rolling: ShareTerms = { ...lastDays(30, tz, now), filters: { device: ["mobile", "tablet"], country: ["NL"] } };
const fixed: ShareTerms = { from: new Date("2026-06-01T00:00:00Z"), to: new Date("2026-07-01T00:00:00Z"), filters: {} };
const parse = (endpoint: ShareEndpoint, qs: string, terms = rolling) => parseShareQuery(endpoint, new URLSearchParams(qs), terms, tz, now);
const refused = (endpoint: ShareEndpoint, qs: string, terms = rolling) => {
  try {
    parse(endpoint, qs, terms);
  } catch (err) {
    expect(err).toBeInstanceOf(ShareQueryError);
    return (err as Error).message;
  }
  throw new Error(`accepted ${qs}`);
};

describe("parseShareQuery", () => {
  it("without parameters answers the link's own period with its locked filters", () => {
    const q = parse("results", "");
    expect([q.from, q.to]).toEqual([rolling.from, rolling.to]);
    expect(q.filters).toEqual(rolling.filters);
    expect(q.compare).toBe(false);
  });

  it.each([
    ["a shorter preset", "results", "range=7d", rolling],
    ["local days inside a rolling link", "results", "from=2026-10-20&to=2026-11-02", rolling],
    [
      "local days inside a fixed link",
      "conversions",
      "from=2026-06-05&to=2026-06-20",
      { ...fixed, from: new Date("2026-05-31T22:00:00Z"), to: new Date("2026-06-30T22:00:00Z") },
    ],
    // Amsterdam's midnight of 2 and 3 June, as ISO times
    ["an ISO range of whole local days", "segments", "field=device&from=2026-06-01T22:00:00Z&to=2026-06-03T00:00:00%2B02:00", fixed],
  ] as const)("accepts %s", (_what, endpoint, qs, terms) => {
    const q = parse(endpoint, qs, terms);
    expect(q.from >= terms.from && q.to <= terms.to && q.from < q.to).toBe(true);
  });

  it.each([
    ["a longer preset", "results", "range=90d", "outside this link's period"],
    ["days before the link", "results", "from=2026-09-01&to=2026-10-01", "outside this link's period"],
    ["days after the link", "conversions", "from=2026-11-01&to=2026-11-30", "outside this link's period"],
    ["a year JavaScript barely holds", "results", "from=275760-01-01&to=275760-01-02", "from"],
    ["half a range", "results", "from=2026-11-01", "from and to go together"],
    // a window of minutes, with a filter, could come close to telling whether one visitor came
    ["a two-minute window", "results", "from=2026-11-02T09:00:00Z&to=2026-11-02T09:02:00Z", "whole days"],
    [
      "an end at a time of day",
      "segments",
      "field=device&from=2026-11-02&to=2026-11-03T12:00:00%2B01:00",
      "to: a shared report covers whole days",
    ],
    [
      "UTC midnight, not the project's",
      "conversions",
      "from=2026-11-02T00:00:00Z&to=2026-11-03T00:00:00Z",
      "from: a shared report covers whole days",
    ],
    ["both a preset and dates", "results", "range=7d&from=2026-11-01&to=2026-11-02", "either range or from and to"],
    ["a day that does not exist", "results", "from=2026-11-01&to=2026-11-31", "2026-11-31 is not a day that exists"],
    ["a custom property filter", "results", "prop:email=jan@example.nl", "prop:email"],
    ["a custom property breakdown", "results", "breakdown=prop:email", "breakdown"],
    ["a custom property segment table", "conversions", "segment=prop:email", "segment"],
    ["custom property values", "segments", "field=prop:email", "field"],
    ["a swapped locked filter", "results", "device=desktop", "locked to device = mobile, tablet"],
    ["a widened locked filter", "conversions", "device=mobile&device=desktop", "desktop is not part of it"],
    ["compare over the whole link", "results", "compare=1", "compare"],
    ["compare reaching before the link", "results", "from=2026-10-20&to=2026-11-10&compare=1", "compare"],
    ["compare on the conversions link", "conversions", "compare=1", "compare"],
    ["an unknown parameter", "results", "lead=purchase", 'Unknown parameter "lead"'],
    ["a repeated breakdown", "results", "breakdown=device&breakdown=source", "breakdown: Give breakdown at most once."],
    ["filters on the values list", "segments", "field=device&source=google", 'Unknown parameter "source"'],
    ["no field for values", "segments", "", "field"],
    ["two fields for values", "segments", "field=device&field=source", "field"],
    ["a segment CSV without its table", "conversions", "format=csv&table=segment&field=country", "segment table needs"],
    ["a CSV table without format", "conversions", "table=goals", "format=csv"],
    ["an empty filter value", "results", "source=", "empty"],
  ] as const)("refuses %s", (_what, endpoint, qs, says) => {
    expect(refused(endpoint, qs)).toContain(says);
  });

  it("narrowing a locked filter keeps the lock on the other fields; other fields narrow further", () => {
    const q = parse("results", "device=tablet&source=google&source=google&breakdown=source");
    expect(q.filters).toEqual({ device: ["tablet"], country: ["NL"], source: ["google"] });
    expect(q.breakdown).toBe("source");
  });

  it("the trend may count per day, week or month; any other unit, or a unit on another endpoint, is a 400", () => {
    expect(parse("results", "unit=month").trendUnit).toBe("month");
    expect(parse("results", "").trendUnit).toBeUndefined();
    expect(refused("results", "unit=year")).toContain("unit must be one of day, week, month");
    expect(refused("results", "unit=day&unit=week")).toContain("unit at most once");
    expect(refused("conversions", "unit=day")).toContain('Unknown parameter "unit"');
  });

  it("compare is allowed where the previous period lies inside the link", () => {
    const q = parse("results", "range=7d&compare=1");
    expect(q.compare).toBe(true);
    expect(previousInside(q, rolling, tz)).toBe(true);
    expect(previousInside(rolling, rolling, tz)).toBe(false);
  });

  it("a conversions CSV names its table and field", () => {
    expect(parse("conversions", "segment=source&segment=device&format=csv&table=segment&field=device").csv).toEqual({
      table: "segment",
      field: "device",
    });
    expect(parse("conversions", "format=csv").csv).toEqual({ table: "goals", field: undefined });
  });

  it("refuses __proto__ like any unknown parameter (it once set the grouped parameters' prototype)", () => {
    expect(refused("results", "__proto__=1")).toContain('Unknown parameter "__proto__"');
    expect(refused("results", "source=google&__proto__=x&constructor=y")).toContain('"__proto__", "constructor"');
  });

  it("a visitor's own filter takes at most 20 values of at most 200 characters (the URL caps)", () => {
    expect(refused("results", Array.from({ length: 21 }, (_, i) => `source=s${i}`).join("&"))).toContain("At most 20 values");
    expect(refused("results", `source=${"x".repeat(201)}`)).toContain("200 characters");
  });

  it.each([
    [
      "more than 10 fields",
      { device: ["mobile"], ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`prop:p${i}`, ["x"]])) },
      "at most 10 filter fields",
    ],
    ["a prop: field", { "prop:plan": ["pro"] }, '"prop:plan" is not a field'],
    ["21 values", { device: Array.from({ length: 21 }, (_, i) => `d${i}`) }, "at most 20 values"],
    ["a value of 201 characters", { source: ["x".repeat(201)] }, "200 characters"],
    ["values that are no list", { source: "google" }, "list of strings"],
  ])("a link whose locked filters hold %s answers 422 before parsing anything", (_what, filters, says) => {
    let caught: unknown;
    try {
      parse("results", "", { ...rolling, filters: filters as ShareTerms["filters"] });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ShareQueryError);
    expect((caught as ShareQueryError).status).toBe(422);
    expect((caught as Error).message).toContain("This link's filters");
    expect((caught as Error).message).toContain(says);
  });

  it("a link whose period is beyond the caps answers 422: outside 2000-2100 or longer than 400 days", () => {
    const long = { from: new Date("1900-01-01T00:00:00Z"), to: new Date("2100-01-01T00:00:00Z"), filters: {} };
    const early = { from: new Date("1999-12-01T00:00:00Z"), to: new Date("2000-01-10T00:00:00Z"), filters: {} };
    expect(refused("results", "", long)).toContain("This link's period");
    expect(refused("results", "", early)).toContain("2000 and 2100");
    expect(parse("results", "", { ...lastDays(365, tz, now), filters: {} }).from).toEqual(lastDays(365, tz, now).from);
  });
});

describe("a link that carries its breakdown and comparison", () => {
  const withBoth: ShareTerms = { ...rolling, breakdown: "source", compare: true };

  it("answers every request with the link's breakdown and the period before, without asking", () => {
    const q = parse("results", "", withBoth);
    expect(q.breakdown).toBe("source");
    expect(q.compare).toBe(true);
    // A narrower range keeps both: its previous period lies inside what the link shows.
    const week = parse("results", "range=7d", withBoth);
    expect([week.breakdown, week.compare]).toEqual(["source", true]);
    expect(previousInside(week, withBoth, tz)).toBe(true);
  });

  it("lets the previous period of the link's whole period through, and no further", () => {
    expect(previousInside({ from: withBoth.from, to: withBoth.to }, withBoth, tz)).toBe(true);
    expect(previousInside({ from: withBoth.from, to: withBoth.to }, rolling, tz)).toBe(false);
  });

  it("refuses another breakdown than the link's", () => {
    expect(refused("results", "breakdown=device", withBoth)).toContain("broken down by source");
    expect(parse("results", "breakdown=source", withBoth).breakdown).toBe("source");
  });

  it("keeps refusing compare on a link without it, over its whole period", () => {
    expect(refused("results", "compare=1")).toContain("compare");
  });
});
