import { describe, expect, it } from "vitest";
import en from "./messages/en";
import nl from "./messages/nl";
import { makeTranslate, type MessageTree } from "./translate";

/** Every dotted key of a catalogue, with the {placeholders} of its text. */
function keys(tree: MessageTree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string")
      out.set(
        key,
        [...v.matchAll(/\{(\w+)\}/g)]
          .map((m) => m[1])
          .sort()
          .join(","),
      );
    else for (const [kk, vv] of keys(v, key)) out.set(kk, vv);
  }
  return out;
}

describe("catalogues", () => {
  it("Dutch has exactly the English keys, each with the same placeholders", () => {
    const e = keys(en);
    const n = keys(nl);
    expect([...n.keys()].sort()).toEqual([...e.keys()].sort());
    for (const [key, params] of e) expect(n.get(key), key).toBe(params);
  });
});

describe("translate", () => {
  const t = makeTranslate(en, "en");

  it("fills placeholders and formats numbers for the locale", () => {
    expect(t("team.removeConfirm", { name: "Anna" })).toBe("Remove Anna from the team?");
    expect(makeTranslate(nl, "nl")("funnels.table.whoDroppedOff", { n: 1234 })).toBe("Wie haakte af (1.234)");
  });

  it("takes only keys of the catalogue: a mistyped key is a type error, and shows the key at run time", () => {
    // @ts-expect-error: not a key of the English catalogue (tsc fails here if Translate took any string again)
    expect(t("funnels.nosuchkey")).toBe("funnels.nosuchkey");
    // @ts-expect-error: a branch of the tree, not a text
    expect(t("funnels.table")).toBe("funnels.table");
  });

  it("picks the plural form for the count through Intl.PluralRules", () => {
    const tnl = makeTranslate(nl, "nl");
    expect(t("spend.upload.imported", { count: 1 })).toBe("1 row imported.");
    expect(t("spend.upload.imported", { count: 1234 })).toBe("1,234 rows imported.");
    expect(tnl("spend.upload.imported", { count: 1 })).toBe("1 regel geïmporteerd.");
    expect(tnl("spend.upload.imported", { count: 0 })).toBe("0 regels geïmporteerd.");
    expect(tnl("spend.upload.imported", { count: 2500 })).toBe("2.500 regels geïmporteerd.");
    // @ts-expect-error: a plural form is not a key of its own
    expect(t("spend.upload.imported.one")).toBe("spend.upload.imported.one");
  });

  it("has() tells keys built at run time from ones the catalogue lacks", () => {
    const code: string = "emailTaken";
    const key = `auth.errors.${code}`;
    expect(t.has(key)).toBe(true);
    expect(t.has("auth.errors.nope")).toBe(false);
    expect(t.has("auth.errors")).toBe(false);
  });
});

/** Every text leaf of a catalogue (plural forms included) with its key. */
function leaves(tree: MessageTree, prefix = ""): [string, string, boolean][] {
  const out: [string, string, boolean][] = [];
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.push([key, v, false]);
    else if (typeof v.other === "string" && Object.keys(v).every((f) => ["zero", "one", "other"].includes(f)))
      for (const [form, text] of Object.entries(v)) out.push([`${key}.${form}`, text as string, true]);
    else out.push(...leaves(v as MessageTree, key));
  }
  return out;
}

describe("plural messages", () => {
  // A number written straight before a countable noun: "1 regels", "1 visitors". Those must be plural messages.
  const NOUNS: Record<"en" | "nl", RegExp> = {
    en: /\{(\w+)\} (visitors?|people|persons?|rows?|events?|conversions?|days?|minutes?|steps?|comparisons?|members?|goals?|funnels?|links?|lines?|fields?|decimals?)\b/,
    nl: /\{(\w+)\} (bezoekers?|mensen|personen|persoon|regels?|events?|conversies?|dagen|dag|minuten|minuut|stappen|stap|vergelijkingen|leden|doelen|funnels?|links?|velden|veld|decimalen|decimaal)\b/,
  };
  // Limits that are constants above 1 in the code (MAX_WINDOW_SECONDS in days): never "1".
  // experiments.table.test is shown only for 2 or more comparisons (testOne words the single one).
  const CONSTANT_ABOVE_ONE = new Set([
    "funnels.problems.windowTooBig",
    "funnels.problems.tooFewSteps",
    "funnels.problems.tooManySteps",
    "experiments.table.test",
  ]);

  it.each([
    ["en", en],
    ["nl", nl],
  ] as const)("%s: every count before a noun, and every {count}, is in a plural message", (locale, catalogue) => {
    const bad: string[] = [];
    for (const [key, text, plural] of leaves(catalogue)) {
      if (plural || CONSTANT_ABOVE_ONE.has(key)) continue;
      if (text.includes("{count}")) bad.push(`${key}: {count} outside a plural message`);
      const m = text.match(NOUNS[locale]);
      if (m) bad.push(`${key}: "{${m[1]}} ${m[2]}" needs a plural message`);
    }
    expect(bad).toEqual([]);
  });

  it("says 1 in the singular and 2 in the plural where the issue saw it wrong", () => {
    const tnl = makeTranslate(nl, "nl");
    expect(tnl("conversions.goal.converted", { converted: 1, count: 1 })).toBe("1 van 1 bezoeker geconverteerd");
    expect(tnl("conversions.goal.converted", { converted: 3, count: 3674 })).toBe("3 van 3.674 bezoekers geconverteerd");
    expect(tnl("conversions.goal.conversions", { count: 1 })).toBe("1 conversie in totaal");
    expect(tnl("funnels.editor.last30", { count: 1 })).toBe("1 bezoeker deed dit in de afgelopen 30 dagen");
    expect(tnl("share.rolling", { count: 1 })).toBe("Doorlopend: de afgelopen 1 dag");
    expect(tnl("conversions.whatIf.more", { count: 49 })).toBe("49 converterende bezoekers meer");
  });
});
