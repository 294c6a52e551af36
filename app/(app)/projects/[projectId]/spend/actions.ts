"use server";

import { revalidatePath } from "next/cache";
import { apiTeamScope } from "@/db/guard";
import { addSpend, importSpend, deleteSpend } from "@/db/spend";
import { AccessError, InputError } from "@/db/errors";
import type { ProjectScope } from "@/db/tenant";
import type { SpendInputField } from "@/lib/spend/entry";
import type { SpendCsvError } from "@/lib/spend/csv";

/** `field` names the form field an input problem belongs to; `code` says why access failed. */
export type SpendActionResult =
  | { ok: true; replaced?: boolean; inserted?: number; replacedRows?: number; errors?: SpendCsvError[] }
  | { ok: false; error: string; field?: SpendInputField; code?: "forbidden" | "not_found" | "unauthenticated" | "too_large" };

/** Server actions accept about 1 MB; a spend file is far smaller. */
const MAX_CSV_CHARS = 1_000_000;

async function guarded(projectId: string, fn: (scope: ProjectScope) => Promise<SpendActionResult>): Promise<SpendActionResult> {
  try {
    // The project is re-fetched through the guard: the id from the browser only names it.
    const scope = await (await apiTeamScope()).project(String(projectId));
    const result = await fn(scope);
    revalidatePath(`/projects/${projectId}/spend`);
    return result;
  } catch (err) {
    if (err instanceof InputError) return { ok: false, error: err.message, field: err.field as SpendInputField | undefined };
    if (err instanceof AccessError) return { ok: false, error: err.message, code: err.code };
    throw err;
  }
}

export async function addSpendAction(projectId: string, input: { date?: string; source?: string; medium?: string; campaign?: string; amount?: string }): Promise<SpendActionResult> {
  return guarded(projectId, async (scope) => {
    const { replaced } = await addSpend(scope, { date: input?.date, source: input?.source, medium: input?.medium, campaign: input?.campaign, amount: input?.amount });
    return { ok: true, replaced };
  });
}

export async function importSpendAction(projectId: string, csvText: string): Promise<SpendActionResult> {
  return guarded(projectId, async (scope) => {
    scope.require("admin");
    if (typeof csvText !== "string") throw new InputError("Send the file's text.");
    if (csvText.length > MAX_CSV_CHARS) return { ok: false, error: "The file is too large.", code: "too_large" };
    const { inserted, replaced, errors } = await importSpend(scope, csvText);
    return { ok: true, inserted, replacedRows: replaced, errors };
  });
}

export async function deleteSpendAction(projectId: string, spendId: string): Promise<SpendActionResult> {
  return guarded(projectId, async (scope) => {
    await deleteSpend(scope, String(spendId));
    return { ok: true };
  });
}
