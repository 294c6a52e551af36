import type { Translate } from "../i18n/translate";
import type { FunnelIssue } from "./validate";

/** A funnel problem in the reader's language: "Stap 1: Een padpatroon begint met / …" (funnels.problems, funnels.errors.step/exclusion). */
export function funnelIssueText(t: Translate, issue: FunnelIssue): string {
  const values: Record<string, number> = {};
  if (issue.min !== undefined) values.min = issue.min;
  if (issue.max !== undefined) values.max = issue.max;
  const problem = t(`funnels.problems.${issue.code}`, values);
  if (issue.step !== undefined) return t("funnels.errors.step", { n: issue.step, problem });
  if (issue.exclusion !== undefined) return t("funnels.errors.exclusion", { n: issue.exclusion, problem });
  return problem;
}
