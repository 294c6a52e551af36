import type { Translate } from "../i18n/translate";
import { SPEND_COLUMNS } from "./csv";
import type { SpendProblem } from "./problem";

/** A spend problem in the reader's language (`spend.problems.*`), column names included ("datum, bron, …" in Dutch). */
export function spendProblemText(t: Translate, problem: SpendProblem): string {
  const v = problem.values ?? {};
  const column = (c: string) => {
    const key = `spend.columns.${c}`;
    return t.has(key) ? t(key) : c;
  };
  const list = (items: readonly string[]) => items.join(", ");
  const values: Record<string, string | number> = { columns: list(SPEND_COLUMNS.map(column)) };
  if (v.text !== undefined) values.text = `"${v.text}"`;
  if (v.field !== undefined) values.field = column(v.field);
  if (v.max !== undefined) values.max = v.max;
  if (v.count !== undefined) values.count = v.count;
  if (v.expected !== undefined) values.expected = v.expected;
  if (v.earlier !== undefined) values.earlier = v.earlier;
  if (v.missing) values.missing = list(v.missing.map(column));
  if (v.unknown) values.unknown = list(v.unknown.map((u) => `"${u}"`));
  return t(`spend.problems.${problem.code}`, values);
}
