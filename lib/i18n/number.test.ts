import { describe, expect, it } from "vitest";
import { formatNumberInput, parseLocaleNumber } from "./number";
import { formatters } from "./format";
import { requestLocale } from "./locales";

describe("parseLocaleNumber", () => {
  it.each([
    // text, locale, value
    ["3,5", "nl", 3.5],
    ["3.5", "nl", 3.5],
    ["3,5", "en", 3.5],
    ["3.5", "en", 3.5],
    ["1.234,50", "nl", 1234.5],
    ["1,234.50", "nl", 1234.5],
    ["1,234.50", "en", 1234.5],
    ["1.234,50", "en", 1234.5],
    ["1.234", "nl", 1234],
    ["1,234", "nl", 1.234],
    ["1,234", "en", 1234],
    ["1.234", "en", 1.234],
    ["0.125", "nl", 0.125],
    ["1.234.567", "nl", 1234567],
    ["1,234,567", "nl", 1234567],
    ["1 234,5", "nl", 1234.5],
    ["1\u00a0234,5", "nl", 1234.5],
    [",5", "nl", 0.5],
    ["-2,5", "nl", -2.5],
    ["\u22122,5", "nl", -2.5],
    ["+7", "en", 7],
    [" 42 ", "en", 42],
    ["12,3456", "nl", 12.3456],
    ["1234,5", "en", 1234.5],
  ] as const)("%s in %s is %d", (text, locale, value) => {
    expect(parseLocaleNumber(text, locale)).toMatchObject({ ok: true, value });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["abc", "invalid"],
    ["3,5%", "invalid"],
    ["1.2.3", "invalid"],
    ["1,23,456", "invalid"],
    ["1.234.5,6", "invalid"],
    ["1,2.3,4", "invalid"],
    ["5.", "invalid"],
    ["12 34", "invalid"],
    ["--3", "invalid"],
    ["1e5", "invalid"],
    [".", "invalid"],
    ["9".repeat(400), "invalid"],
  ] as const)("%j is refused as %s", (text, code) => {
    expect(parseLocaleNumber(text, "nl")).toEqual({ ok: false, code });
    expect(parseLocaleNumber(text, "en")).toEqual({ ok: false, code });
  });

  it("refuses what either language reads differently when the writer's language is unknown (a file)", () => {
    expect(parseLocaleNumber("1.234", null)).toEqual({ ok: false, code: "ambiguous" });
    expect(parseLocaleNumber("1,234", null)).toEqual({ ok: false, code: "ambiguous" });
    expect(parseLocaleNumber("1.234,00", null)).toMatchObject({ ok: true, value: 1234 });
    expect(parseLocaleNumber("12,50", null)).toMatchObject({ ok: true, value: 12.5, decimals: 2 });
    expect(parseLocaleNumber("0,125", null)).toMatchObject({ ok: true, value: 0.125 });
    expect(parseLocaleNumber("1234", null)).toMatchObject({ ok: true, value: 1234, decimals: 0 });
  });

  it("shows a value for editing in the reader's format and reads it back the same", () => {
    for (const locale of ["en", "nl"] as const)
      for (const v of [3.5, 1234.5, 0.125, 1000000, -2.25, 0]) {
        const text = formatNumberInput(v, locale);
        expect(parseLocaleNumber(text, locale)).toMatchObject({ ok: true, value: v });
      }
    expect(formatNumberInput(3.5, "nl")).toBe("3,5");
    expect(formatNumberInput(1234.5, "nl")).toBe("1234,5");
    expect(formatNumberInput(3.5, "en")).toBe("3.5");
    expect(formatNumberInput(null, "en")).toBe("");
    expect(formatNumberInput(0.1 + 0.2, "nl")).toBe("0,3");
  });
});

describe("formatters: one style", () => {
  const en = formatters("en");
  const nl = formatters("nl");
  it.each([
    ["percent", en.percent(0.394), "39.40%"],
    ["percent nl", nl.percent(0.394), "39,40%"],
    ["percent small", nl.percent(0.0265), "2,65%"],
    ["interval", en.interval(0.3772, 0.411), "37.72% – 41.10%"],
    ["interval nl", nl.interval(0.3772, 0.411), "37,72% – 41,10%"],
    ["signed interval", en.signedInterval(-0.03, 0.05), "−3.00% – +5.00%"],
    ["signed", nl.signedPercent(0.125), "+12,50%"],
    ["signed zero", en.signedPercent(0), "0.00%"],
    ["count", nl.number(3674), "3.674"],
    ["count en", en.number(3674), "3,674"],
    ["unknown", en.percent(null), "–"],
    ["unknown interval", nl.interval(0.1, null), "–"],
    ["unknown count", en.number(Number.NaN), "–"],
    ["decimal", nl.decimal(3.5), "3,5"],
    ["axis tick", nl.percentTick(0.025), "2,5%"],
    ["axis tick whole", en.percentTick(0.1), "10%"],
    ["points", en.signedPoints(0.012), "+1.20"],
    ["points nl", nl.signedPoints(-0.0345), "−3,45"],
    ["points unknown", nl.signedPoints(null), "–"],
  ])("%s", (_name, got, want) => {
    expect(got).toBe(want);
  });
});

describe("requestLocale", () => {
  const req = (headers: Record<string, string>) => new Request("http://x/", { headers });
  it.each([
    [{ cookie: "trechter_locale=nl" }, "nl"],
    [{ cookie: "a=1; trechter_locale=en", "accept-language": "nl" }, "en"],
    [{ cookie: "trechter_locale=fr", "accept-language": "nl-NL,nl;q=0.9,en;q=0.8" }, "nl"],
    [{ "accept-language": "de-DE" }, "en"],
    [{}, "en"],
  ])("%j → %s", (headers, locale) => {
    expect(requestLocale(req(headers))).toBe(locale);
  });
});
