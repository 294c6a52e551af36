import { describe, expect, it } from "vitest";
import { findUnstorable, hasUnstorableText, isStorableText, sliceText, storableString } from "./safe";

describe("storable text", () => {
  it.each([
    ["plain", true],
    ["emoji pair 😀", true],
    ["", true],
    ["nul \u0000 inside", false],
    ["lone high \ud83d", false],
    ["lone low \ude00 x", false],
    ["reversed pair \ude00\ud83d", false],
  ])("%j storable: %s", (s, ok) => {
    expect(isStorableText(s)).toBe(ok);
    expect(storableString().max(100).safeParse(s).success).toBe(ok);
  });

  it("finds bad strings in values and keys at any depth, with a readable path", () => {
    expect(findUnstorable({ a: [{ b: "x\u0000" }] }, "properties")).toEqual({
      path: "properties.a.0.b",
      reason: expect.stringContaining("NUL"),
    });
    expect(findUnstorable({ ok: 1, ["k\u0000"]: 1 })).toEqual({ path: "k\\u0000", reason: expect.stringContaining("key") });
    expect(findUnstorable({ ["\ud800"]: 1 })?.path).toBe("\\ud800");
    expect(findUnstorable({ a: 1, b: [true, null, "fine"] })).toBeNull();
  });

  it("refuses nesting beyond the limit without recursion", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnstorable(deep)?.reason).toMatch(/deeper than 32/);
    let ok: unknown = 1;
    for (let i = 0; i < 32; i++) ok = { a: ok };
    expect(hasUnstorableText(ok)).toBe(false);
    expect(hasUnstorableText({ a: ok })).toBe(true);
  });
});

describe("sliceText", () => {
  it("never cuts a surrogate pair in half", () => {
    expect(sliceText("ab😀", 3)).toBe("ab");
    expect(sliceText("ab😀", 4)).toBe("ab😀");
    expect(sliceText("abc", 2)).toBe("ab");
    expect(isStorableText(sliceText("x".repeat(99) + "😀", 100))).toBe(true);
  });
});
