"use server";

import { z } from "zod";
import { action, id, refuse } from "@/server/action";
import { addSpend, importSpend, deleteSpend } from "@/db/spend";
import { getLocale } from "@/server/i18n";

/** Server actions accept about 1 MB; a spend file is far smaller. */
const MAX_CSV_CHARS = 1_000_000;

const text = (max: number) => z.string().max(max).optional();
/**
 * The spend form's fields, as typed (the entry is validated by lib/spend, which names the field at
 * fault). The amount is the number the form read, or text read in the reader's language ("1.234,50").
 */
const spendFormSchema = z.strictObject({
  date: text(40),
  source: text(400),
  medium: text(400),
  campaign: text(400),
  amount: z.union([z.string().max(40), z.number().finite()]).optional(),
});

/** [1, "amount"] → "amount"; the CSV text is the "file". */
function spendField(path: PropertyKey[]): string {
  const [arg, field] = path.map(String);
  if (arg === "0") return "projectId";
  return field ?? (arg === "1" ? "file" : "spendId");
}

const inProject = {
  access: "admin",
  project: ([projectId]: [string, ...unknown[]]) => projectId,
  revalidate: ([projectId]: [string, ...unknown[]]) => [`/projects/${projectId}/spend`],
  field: spendField,
} as const;

/** Adds one entry (or replaces the amount of the same entry). Admins only. */
export const addSpendAction = action({ ...inProject, input: z.tuple([id, spendFormSchema]) }, async ([, input], { project }) => {
  const { replaced } = await addSpend(
    project,
    {
      date: input.date,
      source: input.source,
      medium: input.medium,
      campaign: input.campaign,
      amount: input.amount,
    },
    await getLocale(),
  );
  return { replaced };
});

/** Imports a CSV upload: valid rows stored, each bad row reported with its line. Admins only. */
export const importSpendAction = action({ ...inProject, input: z.tuple([id, z.string()]) }, async ([, csvText], { project }) => {
  if (csvText.length > MAX_CSV_CHARS) throw refuse("too_large", { file: "too_big" });
  const { inserted, replaced, errors } = await importSpend(project, csvText);
  return { inserted, replacedRows: replaced, errors };
});

export const deleteSpendAction = action({ ...inProject, input: z.tuple([id, id]) }, async ([, spendId], { project }) => {
  await deleteSpend(project, spendId);
});
