import { z } from "zod";
import { EXPERIMENT_SOURCES } from "./types";
import { hasUnstorableText } from "../text/safe";

const trimmed = (empty: string, long: string, max: number) => z.string(empty).trim().min(1, empty).max(max, long);

/** An experiment as an admin edits it, with messages a person can act on. */
export const experimentDefinitionSchema = z
  .strictObject({
    name: trimmed("Give the experiment a name.", "Keep the experiment's name under 100 characters.", 100),
    property: trimmed("Name the property that holds the variant, like variant.", "Keep the property name under 100 characters.", 100).regex(
      /^[A-Za-z0-9_.$-]+$/,
      "A property name has letters, digits, _ . $ or - only, like variant or checkout_test.",
    ),
    source: z.enum(EXPERIMENT_SOURCES, "Say whether the variant is an event property or an identify trait.").default("event"),
    variants: z
      .array(trimmed("A variant needs a name.", "Keep variant names under 60 characters.", 60), "List the variants, control first.")
      .min(2, "An experiment needs at least 2 variants: the control and one change.")
      .max(5, "Test at most 5 variants at once; more split the traffic too thin.")
      .refine((v) => new Set(v).size === v.length, "Each variant may appear only once."),
    controlVariant: trimmed("Choose the control variant.", "Choose the control variant.", 60),
    goalId: z.uuid("Choose a goal of this project.").nullish(),
    funnelId: z.uuid("Choose a funnel of this project.").nullish(),
    startDate: z.iso.date("Give the start date as a date, like 2026-05-01."),
    minimumUplift: z
      .number("Give the minimum detectable uplift as a percentage between 1 and 100.")
      .min(0.01, "The minimum detectable uplift is at least 1 %.")
      .max(1, "The minimum detectable uplift is at most 100 %."),
  })
  .refine((d) => d.variants.includes(d.controlVariant), { message: "The control must be one of the variants.", path: ["controlVariant"] })
  .refine((d) => Boolean(d.goalId) !== Boolean(d.funnelId), {
    message: "Judge the experiment by either a goal or a funnel, not both.",
    path: ["target"],
  })
  .refine((d) => !hasUnstorableText([d.name, d.controlVariant, ...d.variants]), {
    message: "A name or variant holds characters that cannot be stored.",
    path: ["name"],
  });
export type ExperimentDefinition = z.output<typeof experimentDefinitionSchema>;

/** The form field a problem belongs to. */
export type ExperimentField = "name" | "property" | "source" | "variants" | "controlVariant" | "target" | "startDate" | "minimumUplift";
export const EXPERIMENT_FIELDS: readonly ExperimentField[] = [
  "name",
  "property",
  "source",
  "variants",
  "controlVariant",
  "target",
  "startDate",
  "minimumUplift",
];

/** The first problem of an experiment definition with its field, or null when it is valid. */
export function experimentIssue(input: unknown): { field: ExperimentField; message: string } | null {
  const r = experimentDefinitionSchema.safeParse(input);
  if (r.success) return null;
  const issue = r.error.issues[0];
  const top = String(issue.path[0] ?? "name");
  const field =
    top === "goalId" || top === "funnelId"
      ? "target"
      : EXPERIMENT_FIELDS.includes(top as ExperimentField)
        ? (top as ExperimentField)
        : "name";
  return { field, message: issue.message };
}
