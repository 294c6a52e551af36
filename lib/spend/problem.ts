/**
 * What is wrong with a spend entry or upload, as a code with the values its sentence needs. The
 * catalogue words it (`spend.problems.<code>`, lib/spend/problem-text.ts) in the reader's language;
 * lib/spend never writes a sentence itself, so no English reaches a Dutch page.
 */
export const SPEND_PROBLEM_CODES = [
  // the file
  "empty",
  "missingColumns",
  "unknownColumns",
  "tooManyRows",
  "tooManyFields",
  "duplicate",
  // one entry
  "unsafe",
  "dateRequired",
  "dateNotInCalendar",
  "monthInvalid",
  "dateFormat",
  "sourceRequired",
  "tooLong",
  "amountRequired",
  "amountNotPositive",
  "amountAmbiguous",
  "amountDecimals",
  "amountInvalid",
  "amountTooLarge",
] as const;
export type SpendProblemCode = (typeof SPEND_PROBLEM_CODES)[number];

/** Values of a problem: `text` is the cell as typed, `field` a column key, `columns`/`missing` lists of column keys. */
export type SpendProblemValues = {
  text?: string;
  field?: "date" | "source" | "medium" | "campaign" | "amount";
  max?: number;
  count?: number;
  expected?: number;
  earlier?: number;
  missing?: string[];
  unknown?: string[];
};
export type SpendProblem = { code: SpendProblemCode; values?: SpendProblemValues };
