import { describe, expect, it } from "vitest";
import { z } from "zod";
import { findProtoKey, withoutProtoKey } from "./proto-key";

describe("findProtoKey", () => {
  it.each([
    ['{"a":1}', null],
    ['{"__proto__":1}', ["__proto__"]],
    ['{"a":{"b":[0,{"__proto__":{}}]}}', ["a", "b", "1", "__proto__"]],
    ['["__proto__", {"constructor": 1}]', null],
    ['"__proto__"', null],
  ])("%s", (json, path) => {
    expect(findProtoKey(JSON.parse(json))).toEqual(path);
  });

  it("looks only at the top level when not deep", () => {
    expect(findProtoKey(JSON.parse('{"a":{"__proto__":1}}'), { deep: false })).toBeNull();
  });
});

describe("withoutProtoKey", () => {
  const schema = z.record(z.string(), z.unknown());
  it("reports the key at its path, at the top level or, when deep, anywhere", () => {
    const top = withoutProtoKey(schema, "no").safeParse(JSON.parse('{"__proto__":1}'));
    expect(top.error?.issues.map((i) => [i.path, i.message])).toEqual([[["__proto__"], "no"]]);
    const deep = withoutProtoKey(schema, "no", { deep: true }).safeParse(JSON.parse('{"a":{"__proto__":1}}'));
    expect(deep.error?.issues.map((i) => i.path)).toEqual([["a", "__proto__"]]);
    expect(withoutProtoKey(schema, "no").safeParse(JSON.parse('{"a":{"__proto__":1}}')).success).toBe(true);
  });
});
