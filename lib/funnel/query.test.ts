import { describe, it, expect } from "vitest";
import { parseRangeParams, RangeParamsError, PARAM_LIMITS } from "./query";

const parse = (qs: string, opts = {}) =>
  parseRangeParams(new URLSearchParams(qs), "Europe/Amsterdam", { now: new Date("2026-05-20T12:00:00Z"), ...opts });
const refusal = (qs: string, opts = {}) => {
  try {
    parse(qs, opts);
  } catch (err) {
    if (err instanceof RangeParamsError) return err.message;
    throw err;
  }
  throw new Error(`accepted: ${qs}`);
};

describe("parseRangeParams: one bounded parser for every report's URL", () => {
  it("reads range, filters, breakdown, compare and segment tables", () => {
    const q = parse(
      "from=2026-05-01&to=2026-05-31&source=google,bing&source=google&prop:plan=pro&breakdown=device&compare=1&segment=source&segment=prop:plan&segment=source",
    );
    expect(q.from.toISOString()).toBe("2026-04-30T22:00:00.000Z");
    expect(q.to.toISOString()).toBe("2026-05-31T22:00:00.000Z");
    expect(q.filters).toEqual({ source: ["google", "bing"], "prop:plan": ["pro"] });
    expect(q).toMatchObject({ breakdown: "device", compare: true, segments: ["source", "prop:plan"] });
    expect(parse("range=7d").from.toISOString()).toBe("2026-05-13T22:00:00.000Z");
  });

  it("reads the time-to-convert steps, and refuses a pair that is not two steps in order", () => {
    expect(parse("ttc=2-4").timeToConvert).toEqual({ from: 2, to: 4 });
    expect(parse("range=7d")).not.toHaveProperty("timeToConvert");
    for (const bad of ["ttc=3-3", "ttc=4-2", "ttc=0-2", "ttc=1-31", "ttc=a-b", "ttc=1-2&ttc=1-3"]) expect(refusal(bad)).toContain("ttc");
  });

  it("caps fields, values, value length and segment tables", () => {
    expect(refusal(Array.from({ length: PARAM_LIMITS.filterFields + 1 }, (_, i) => `prop:f${i}=x`).join("&"))).toContain(
      "At most 10 filter fields",
    );
    expect(refusal(`device=${Array.from({ length: 21 }, (_, i) => `d${i}`).join(",")}`)).toContain("device: at most 20 values");
    expect(refusal(`source=${"x".repeat(201)}`)).toContain("source: filter values are at most 200 characters");
    expect(refusal("source=a%00b")).toContain("NUL");
    expect(refusal(Array.from({ length: 11 }, (_, i) => `segment=prop:s${i}`).join("&"))).toContain("At most 10 segment tables");
    expect(refusal("segment=nonsense")).toContain('Unknown segment field "nonsense"');
    expect(refusal("breakdown=prop:a b")).toContain("Unknown breakdown field");
    expect(refusal("prop:a%20b=1")).toContain("Unknown filter field");
  });

  it("refuses prop: fields everywhere when props are not allowed (share links)", () => {
    const opts = { allowProps: false };
    expect(refusal("prop:email=a@b.nl", opts)).toContain('Filter "prop:email" is not allowed here');
    expect(refusal("breakdown=prop:email", opts)).toContain("Unknown breakdown field");
    expect(refusal("segment=prop:email", opts)).toContain("Unknown segment field");
    expect(parse("source=google&breakdown=device&segment=source", opts).filters).toEqual({ source: ["google"] });
  });

  it.each([
    ["from=275760-01-01&to=2026-05-31", "from must be a date between 2000 and 2100"],
    ["from=2026-05-01&to=2101-01-01", "to must be a date between 2000 and 2100"],
    ["from=1999-12-31&to=2000-01-02", "from must be a date"],
    ["from=9999-01-01T00:00:00Z&to=9999-01-02T00:00:00Z", "from must be a date"],
    ["from=2026-05-01T00:00:00&to=2026-05-02T00:00:00Z", "from must be a date"],
    ["from=1&to=2", "from must be a date"],
    ["from=2026-05-01", "to is missing"],
    ["from=2026-05-01&from=2026-05-02&to=2026-05-31", "Give from once"],
    ["from=2026-05-31&to=2026-05-01", "from must be before to"],
    ["from=2024-01-01&to=2026-01-01", "at most 400 days"],
  ])("refuses %s with a message naming the parameter", (qs, message) => {
    expect(refusal(qs)).toContain(message);
  });
});

describe("the trend's unit", () => {
  it("is day, week or month, given once; without it the range decides (trendUnit left out)", () => {
    expect(parse("unit=week").trendUnit).toBe("week");
    expect(parse("unit=month&range=90d").trendUnit).toBe("month");
    expect("trendUnit" in parse("")).toBe(false);
    expect(refusal("unit=year")).toBe("unit must be one of day, week, month.");
    expect(refusal("unit=day&unit=week")).toBe("Give unit once.");
  });
});
