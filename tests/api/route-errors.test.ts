import { describe, expect, it } from "vitest";
import { route } from "../../server/api-route";
import { RangeParamsError, parseRangeParams } from "../../lib/funnel/query";
import { ShareQueryError } from "../../lib/share-query";
import { TooBusyError } from "../../lib/semaphore";
import { InputError } from "../../lib/errors";
import { SHARE_HEADERS } from "../../app/api/share/open";

// One error path (issue 15, part 3): the report parameter errors are input errors that route() answers
// itself, and the share routes' headers go on every answer they give, errors included.

const call = (handler: () => Promise<Response>, options?: Parameters<typeof route>[1]) =>
  route<undefined>(handler, options)(new Request("http://app.test/api/x"), undefined);

describe("route() answers what a handler throws", () => {
  it("a bad report parameter is a 400 naming it, with no catch in the route", async () => {
    const res = await call(async () => {
      parseRangeParams(new URLSearchParams("from=2026-13-40&to=2026-12-01"), "UTC");
      return new Response("unreachable");
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.message).toContain("from");
  });

  it.each([
    ["RangeParamsError", new RangeParamsError("range must be one of 7d, 30d.")],
    ["ShareQueryError", new ShareQueryError("from must be before to.")],
  ])("%s is an InputError answered as 400 invalid_input", async (_name, err) => {
    expect(err).toBeInstanceOf(InputError);
    const res = await call(async () => {
      throw err;
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "invalid_input", message: err.message } });
  });

  it("the headers option goes on error answers too (a share link's 400 and 429 keep no-referrer and noindex)", async () => {
    const bad = await call(
      async () => {
        throw new ShareQueryError("compare: outside the link.");
      },
      { headers: SHARE_HEADERS },
    );
    expect(bad.status).toBe(400);
    expect(bad.headers.get("referrer-policy")).toBe("no-referrer");
    expect(bad.headers.get("x-robots-tag")).toBe("noindex, nofollow");

    const busy = await call(
      async () => {
        throw new TooBusyError("Two reports at a time.", 429, 7);
      },
      { headers: SHARE_HEADERS },
    );
    expect(busy.status).toBe(429);
    expect(busy.headers.get("retry-after")).toBe("7");
    expect(busy.headers.get("referrer-policy")).toBe("no-referrer");
    expect(busy.headers.get("cache-control")).toBe("no-store");
  });

  it("without the option an error answer carries no share headers", async () => {
    const res = await call(async () => {
      throw new RangeParamsError("x");
    });
    expect(res.headers.get("referrer-policy")).toBeNull();
  });
});
