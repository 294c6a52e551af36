import { AGE_GROUPS, type AgeGroup } from "../funnel/types";
import { isOneOf } from "../one-of";

/** The age group of identify traits: `age` (a number) or an `age_group`/`ageGroup` already in our buckets. Under 18 is not bucketed. */
export function ageGroup(traits: Record<string, unknown>): AgeGroup | null {
  const given = traits.age_group ?? traits.ageGroup;
  if (typeof given === "string" && isOneOf(AGE_GROUPS, given.trim())) return given.trim() as AgeGroup;
  const age = typeof traits.age === "number" ? traits.age : typeof traits.age === "string" ? Number(traits.age) : NaN;
  if (!Number.isFinite(age) || age < 18 || age > 130) return null;
  if (age < 25) return "18-24";
  if (age < 35) return "25-34";
  if (age < 45) return "35-44";
  if (age < 55) return "45-54";
  if (age < 65) return "55-64";
  return "65+";
}
