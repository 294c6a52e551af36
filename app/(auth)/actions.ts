"use server";

import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { signIn } from "@/auth";
import { getDb } from "@/db/client";
import { createAccount } from "@/db/accounts";
import { InputError } from "@/db/errors";
import { signupSchema, fieldErrors } from "@/lib/auth/validation";

export type FormState = { errors?: Record<string, string>; values?: Record<string, string> };

function safeNext(next: FormDataEntryValue | null): string {
  const value = typeof next === "string" ? next : "";
  // Only same-site paths: an open redirect would let a phishing link bounce through our login.
  return value.startsWith("/") && !value.startsWith("//") ? value : "/projects";
}

export async function loginAction(_prev: FormState, form: FormData): Promise<FormState> {
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (err) {
    if (err instanceof AuthError) {
      const code = (err as AuthError & { code?: string }).code;
      return { errors: { form: code === "rate_limited" ? "rateLimited" : "invalid" }, values: { email } };
    }
    throw err;
  }
  redirect(safeNext(form.get("next")));
}

export async function signupAction(_prev: FormState, form: FormData): Promise<FormState> {
  const raw = {
    name: String(form.get("name") ?? ""),
    email: String(form.get("email") ?? ""),
    password: String(form.get("password") ?? ""),
    teamName: String(form.get("teamName") ?? ""),
  };
  const values = { name: raw.name, email: raw.email, teamName: raw.teamName };
  const parsed = signupSchema.safeParse(raw);
  if (!parsed.success) return { errors: fieldErrors(parsed.error), values };
  try {
    await createAccount(await getDb(), parsed.data);
  } catch (err) {
    if (err instanceof InputError && err.field === "email") return { errors: { email: "emailTaken" }, values };
    throw err;
  }
  await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
  redirect(form.get("next") ? safeNext(form.get("next")) : "/projects/new");
}
