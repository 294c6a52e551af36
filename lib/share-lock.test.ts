import { describe, it, expect } from "vitest";
import { shareLock, describeShareTerms } from "./share-lock";
import { lastDays } from "./funnel/ranges";
import { makeTranslate } from "./i18n/translate";
import { catalogues } from "./i18n/messages";
import { formatters } from "./i18n/format";

const tz = "Europe/Amsterdam";
const now = new Date("2026-12-03T12:00:00Z");

describe("shareLock", () => {
  it("a 14-day link offers only the presets inside it, and its own first and last day", () => {
    const lock = shareLock({ ...lastDays(14, tz, now), filters: { device: ["mobile"] } }, 14, tz, now);
    expect(lock.first).toBe("2026-11-20");
    expect(lock.last).toBe("2026-12-03");
    expect(lock.presets).toEqual(["7d", "this_month"]);
    const month = shareLock({ ...lastDays(30, tz, now), filters: {} }, 30, tz, now);
    expect(month.presets).toEqual(["7d", "this_month"]);
    expect(lock.period).toEqual({ kind: "rolling", days: 14 });
  });

  it("a fixed link names its days and offers no rolling preset that reaches outside", () => {
    const from = new Date("2026-10-31T23:00:00Z");
    const to = new Date("2026-11-30T23:00:00Z");
    const lock = shareLock({ from, to, filters: {}, breakdown: "source", compare: true }, null, tz, now);
    expect(lock.period).toEqual({ kind: "fixed", from: "2026-11-01", to: "2026-11-30" });
    // Last month is the link's own period: offered once, as the link's period, not again as a preset.
    expect(lock.presets).toEqual([]);
    expect([lock.breakdown, lock.compare]).toEqual(["source", true]);
  });
});

describe("describeShareTerms", () => {
  const terms = {
    period: { kind: "rolling" as const, days: 14 },
    filters: { device: ["mobile"], source: ["google", "(none)"] },
    breakdown: "source",
    compare: true,
  };
  it("in English", () => {
    const d = describeShareTerms(makeTranslate(catalogues.en, "en"), formatters("en"), terms, { first: "2026-11-20", last: "2026-12-03" });
    expect(d.period).toBe("Last 14 days: 20 Nov 2026 – 3 Dec 2026");
    expect(d.filters).toEqual(["Device: mobile", "Source: google, (none)"]);
    expect(d.breakdown).toBe("Broken down by source");
    expect(d.compare).toBe("Compared with the period before");
  });
  it("in Dutch, with one day as today", () => {
    const t = makeTranslate(catalogues.nl, "nl");
    const d = describeShareTerms(t, formatters("nl"), { ...terms, period: { kind: "rolling", days: 1 } });
    expect(d.period).toBe("Vandaag");
    expect(d.filters).toEqual(["Apparaat: mobile", "Bron: google, (geen)"]);
    expect(d.breakdown).toBe("Uitgesplitst naar bron");
    const fixed = describeShareTerms(t, formatters("nl"), { ...terms, period: { kind: "fixed", from: "2026-11-01", to: "2026-11-30" } });
    expect(fixed.period).toBe("1 nov 2026 – 30 nov 2026");
  });
});
