import { z } from "zod";
import { isStorableText } from "../text/safe";

/** Error codes are message-catalogue keys under auth.errors, so each locale says it in its own words. */
export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("emailInvalid").max(254, "emailInvalid"));

export const passwordSchema = z.string().min(10, "passwordShort").max(200, "passwordLong");

// Names refuse NUL and lone surrogates, which PostgreSQL cannot store (a 500 before).
export const signupSchema = z.object({
  name: z.string().trim().min(1, "nameRequired").max(100, "nameTooLong").refine(isStorableText, "nameInvalid"),
  email: emailSchema,
  password: passwordSchema,
  teamName: z.string().trim().max(100, "teamNameTooLong").refine(isStorableText, "teamNameInvalid").optional().default(""),
});

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).refine(isStorableText),
  password: z.string().max(200),
});

/** Field → first error code, for showing next to each field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    out[field] ??= issue.message;
  }
  return out;
}

/** A URL-safe slug for a team name. */
export function slugify(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "team"
  );
}
