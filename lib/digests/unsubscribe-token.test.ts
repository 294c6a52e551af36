import { describe, it, expect } from "vitest";
import { readUnsubscribeToken, unsubscribeToken } from "./unsubscribe-token";

const P = "6f1c1b0e-1111-4a2b-8c3d-000000000001";
const R = "6f1c1b0e-2222-4a2b-8c3d-000000000002";

describe("unsubscribe token", () => {
  it("reads back the ids it was made for, with the same secret only", () => {
    const token = unsubscribeToken(P, R, "secret-a");
    expect(readUnsubscribeToken(token, "secret-a")).toEqual({ projectId: P, recipientId: R });
    expect(readUnsubscribeToken(token, "secret-b")).toBeNull();
  });
  it("refuses a token whose ids were changed", () => {
    const token = unsubscribeToken(P, R, "s");
    const other = Buffer.from(`${P}.${P}`).toString("base64url");
    expect(readUnsubscribeToken(`${other}.${token.split(".")[1]}`, "s")).toBeNull();
    expect(readUnsubscribeToken("garbage", "s")).toBeNull();
  });
});
