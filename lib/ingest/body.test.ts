import { describe, it, expect } from "vitest";
import zlib from "node:zlib";
import { decodeBody, parseRequestBody, BodyError, MAX_EVENT_BYTES, MAX_BATCH_BYTES } from "./body";

const status = (fn: () => unknown): number | "ok" => {
  try {
    fn();
    return "ok";
  } catch (err) {
    if (err instanceof BodyError) return err.status;
    throw err;
  }
};

describe("decodeBody", () => {
  const json = JSON.stringify({ batch: [{ type: "track", event: "x" }] });

  it("gunzips, and passes plain bodies through", () => {
    expect(decodeBody(zlib.gzipSync(json), "gzip", MAX_EVENT_BYTES)).toBe(json);
    expect(decodeBody(zlib.gzipSync(json), " X-GZIP ")).toBe(json);
    expect(decodeBody(Buffer.from(json), null)).toBe(json);
    expect(decodeBody(Buffer.from(json), "identity")).toBe(json);
    expect(decodeBody(json, undefined)).toBe(json);
  });

  it.each([
    [
      "a gzip bomb: 128 KB that compresses to a few hundred bytes",
      () => decodeBody(zlib.gzipSync(Buffer.alloc(MAX_EVENT_BYTES * 4, 32)), "gzip", MAX_EVENT_BYTES),
      413,
    ],
    [
      "a 50 MB bomb against the batch limit",
      () => decodeBody(zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024, 32)), "gzip", MAX_BATCH_BYTES),
      413,
    ],
    ["a plain body over the limit", () => decodeBody(Buffer.alloc(MAX_EVENT_BYTES + 1, 32), null, MAX_EVENT_BYTES), 413],
    ["a text body over the limit", () => decodeBody(" ".repeat(MAX_BATCH_BYTES + 1), null), 413],
    ["exactly the limit", () => decodeBody(zlib.gzipSync(Buffer.alloc(MAX_EVENT_BYTES, 32)), "gzip", MAX_EVENT_BYTES), "ok"],
    ["not gzip", () => decodeBody(Buffer.from("nope"), "gzip"), 400],
    ["brotli", () => decodeBody(Buffer.from("x"), "br"), 415],
  ])("%s", (_name, fn, expected) => {
    expect(status(fn)).toBe(expected);
  });

  it("refuses bytes that are not UTF-8 instead of storing U+FFFD, gzipped or not", () => {
    // A stray byte, a sequence cut short, and an encoded surrogate half.
    const invalid = [Buffer.from([0x7b, 0xff, 0x7d]), Buffer.from([0x22, 0xc3, 0x22]), Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22])];
    for (const bytes of invalid) {
      expect(() => decodeBody(bytes, null)).toThrow("The request body is not valid UTF-8.");
      expect(status(() => decodeBody(zlib.gzipSync(bytes), "gzip"))).toBe(400);
      expect(status(() => parseRequestBody(bytes, "application/json"))).toBe(400);
    }
    expect(decodeBody(Buffer.from('{"s":"€ 🙂 é"}'), null)).toBe('{"s":"€ 🙂 é"}');
  });
});

describe("parseRequestBody", () => {
  it.each([
    ["application/json", '{"a":1}', { a: 1 }],
    ["application/json; charset=utf-8", '{"a":1}', { a: 1 }],
    ["text/plain;charset=UTF-8", '{"a":1}', { a: 1 }],
    ["application/vnd.segment+json", '{"a":1}', { a: 1 }],
    ["application/x-www-form-urlencoded", '{"a":1}', { a: 1 }],
    [null, '\uFEFF{"a":1}', { a: 1 }],
  ])("%s", (type, body, expected) => {
    expect(parseRequestBody(Buffer.from(body), type)).toEqual(expected);
    expect(parseRequestBody(body, type)).toEqual(expected);
  });

  it.each([
    ["text/html", '{"a":1}', 415, /Content-Type "text\/html" is not supported/],
    ["multipart/form-data; boundary=x", '{"a":1}', 415, /not supported/],
    ["application/json", "{a:1}", 400, /not valid JSON/],
    ["application/json", "  ", 400, /empty/],
  ])("refuses %s %j", (type, body, code, message) => {
    expect(status(() => parseRequestBody(body, type))).toBe(code);
    expect(() => parseRequestBody(body, type)).toThrow(message);
  });
});
