import { describe, it, expect } from "vitest";
import { fieldErrors, loginSchema, signupSchema } from "./validation";

describe("sign-up and login input", () => {
  const ok = { name: "Sanne", email: "sanne@bakkerij.nl", password: "long enough pw", teamName: "Bakkerij" };

  it("refuses a NUL or a lone surrogate in the name or team name beside the field (PostgreSQL cannot store them)", () => {
    for (const [field, code] of [
      ["name", "nameInvalid"],
      ["teamName", "teamNameInvalid"],
    ] as const) {
      for (const bad of ["A\u0000B", "T\ud800"]) {
        const parsed = signupSchema.safeParse({ ...ok, [field]: bad });
        expect(parsed.success).toBe(false);
        expect(fieldErrors(parsed.error!)).toEqual({ [field]: code });
      }
    }
    expect(signupSchema.safeParse(ok).success).toBe(true);
  });

  it("a login with a NUL in the address is a wrong login, not a query", () => {
    expect(loginSchema.safeParse({ email: "a\u0000@b.nl", password: "x" }).success).toBe(false);
    expect(loginSchema.safeParse({ email: "a@b.nl", password: "x" }).success).toBe(true);
  });
});
