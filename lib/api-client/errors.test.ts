import { describe, expect, it } from "vitest";
import en from "../i18n/messages/en";
import nl from "../i18n/messages/nl";
import { makeTranslate } from "../i18n/translate";
import { API_ERROR_CODES, ApiError, apiErrorFromBody, apiErrorText, isRetryable } from "./errors";
import { apiUrls, projectSource, queryKeys, shareSource } from "./keys";

describe("API errors", () => {
  it("reads the code of the API's error body, and says it in the reader's language", () => {
    const err = apiErrorFromBody(503, { error: { code: "query_timeout", message: "This query took too long and was stopped." } });
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe("query_timeout");
    expect(err.message).toBe("This query took too long and was stopped.");
    expect(apiErrorText(makeTranslate(en, "en"), err)).toMatch(/took too long/);
    expect(apiErrorText(makeTranslate(nl, "nl"), err)).toMatch(/duurde te lang/);
  });

  it("a body that is not the API's shape is unknown (4xx) or internal (5xx), never a crash", () => {
    expect(apiErrorFromBody(400, null).code).toBe("unknown");
    expect(apiErrorFromBody(502, "<html>Bad gateway</html>").code).toBe("internal");
    expect(apiErrorFromBody(400, { error: { code: "made_up", message: 3 } })).toMatchObject({ code: "unknown", message: "HTTP 400" });
  });

  it("every code has a text in both catalogues", () => {
    for (const locale of [en, nl]) for (const code of API_ERROR_CODES) expect(locale.common.apiErrors[code], code).toBeTruthy();
  });

  it("asks again only when the server may answer next time", () => {
    expect(isRetryable(new ApiError(0, "network", ""))).toBe(true);
    expect(isRetryable(new ApiError(503, "busy", ""))).toBe(true);
    expect(isRetryable(new ApiError(400, "invalid_input", ""))).toBe(false);
    expect(isRetryable(new ApiError(503, "query_timeout", ""))).toBe(false);
  });
});

describe("API URLs and query keys", () => {
  const project = projectSource("p1");
  const share = shareSource("tok");

  it("a shared report reads the share link's endpoints, never the project's", () => {
    expect(apiUrls.funnelResults(share, "f1", "range=7d")).toBe("/api/share/tok/results?range=7d");
    expect(apiUrls.funnelResults(project, "f1", "range=7d")).toBe("/api/v1/funnels/f1/results?range=7d");
    expect(apiUrls.conversions(share, "")).toBe("/api/share/tok/conversions");
    expect(apiUrls.segmentValues(share, "prop:plan", "range=7d")).toBe("/api/share/tok/segments?field=prop%3Aplan&range=7d");
    expect(apiUrls.funnelAudience("f1", 2, "device=mobile")).toBe("/api/v1/funnels/f1/audience?step=2&device=mobile");
  });

  it("keys name what they cache, broadest first, and keep a project's and a share link's apart", () => {
    expect(queryKeys.funnelResults(project, "f1", "[]", "range=7d")).toEqual([
      "funnel",
      "f1",
      "results",
      { via: ["project", "p1"], definition: "[]", params: "range=7d" },
    ]);
    expect(queryKeys.conversions(project, "x")).not.toEqual(queryKeys.conversions(shareSource("p1"), "x"));
    expect(queryKeys.segmentValues(share, "device", "")).toEqual(["share", "tok", "segments", "device", ""]);
  });
});
