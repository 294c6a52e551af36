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
