import { parseSpendEntry, spendKey, type SpendEntry } from "./entry";
import type { SpendProblem } from "./problem";

/** A refused line (or the file, at its header's line) with what is wrong as a code the catalogue words. */
export type SpendCsvError = { line: number } & SpendProblem;
export type SpendCsvResult = { rows: (SpendEntry & { line: number })[]; errors: SpendCsvError[] };

export const MAX_CSV_ROWS = 5000;
export const SPEND_COLUMNS = ["date", "source", "medium", "campaign", "amount"] as const;
type Column = (typeof SPEND_COLUMNS)[number];
const COLUMNS = SPEND_COLUMNS;
const REQUIRED = ["date", "source", "amount"] as const;
/** Header names a file may use for each column: English, and Dutch as a Dutch team writes them. */
const COLUMN_NAMES: Record<string, Column> = {
  date: "date",
  datum: "date",
  source: "source",
  bron: "source",
  medium: "medium",
  campaign: "campaign",
  campagne: "campaign",
  amount: "amount",
  bedrag: "amount",
};

/** Splits CSV text into records with the file line each starts on; quotes may hold delimiters, quotes ("") and line breaks. */
export function csvRecords(text: string, delimiter: string): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        cell += c;
      }
    } else if (c === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (c === delimiter) {
      cells.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      cells.push(cell);
      records.push({ line: start, cells });
      cells = [];
      cell = "";
      line++;
      start = line;
    } else cell += c;
  }
  if (cell !== "" || cells.length) {
    cells.push(cell);
    records.push({ line: start, cells });
  }
  return records.filter((r) => r.cells.some((c) => c.trim() !== ""));
}

/** The header line's delimiter: Dutch Excel saves with ";", others with ",". */
function detectDelimiter(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? "";
  const count = (d: string) => first.split(d).length - 1;
  return count(";") > count(",") ? ";" : count("\t") > count(",") ? "\t" : ",";
}

/**
 * A spend upload: a header row naming date, source, amount (and optionally medium, campaign) in any
 * order, then one entry per line. Valid rows come back with their line; each bad row gives one
 * error with its line number as the file shows it. A row repeating an earlier row's date, source,
 * medium and campaign is an error too (one total per day or month and campaign).
 */
export function parseSpendCsv(input: string): SpendCsvResult {
  const text = input.replace(/^\uFEFF/, "");
  const records = csvRecords(text, detectDelimiter(text));
  if (!records.length) return { rows: [], errors: [{ line: 1, code: "empty" }] };
  const [header, ...body] = records;
  const headerNames = header.cells.map((c) => c.trim().toLowerCase());
  const unknown = headerNames.filter((n) => n && !Object.hasOwn(COLUMN_NAMES, n));
  const names = headerNames.map((n) => (Object.hasOwn(COLUMN_NAMES, n) ? COLUMN_NAMES[n] : n));
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (missing.length) return { rows: [], errors: [{ line: header.line, code: "missingColumns", values: { missing } }] };
  if (unknown.length) return { rows: [], errors: [{ line: header.line, code: "unknownColumns", values: { unknown } }] };
  if (body.length > MAX_CSV_ROWS)
    return { rows: [], errors: [{ line: header.line, code: "tooManyRows", values: { count: body.length, max: MAX_CSV_ROWS } }] };
  const index = Object.fromEntries(COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<Column, number>;

  const rows: SpendCsvResult["rows"] = [];
  const errors: SpendCsvError[] = [];
  const seen = new Map<string, number>();
  for (const record of body) {
    if (record.cells.length > names.length && record.cells.slice(names.length).some((c) => c.trim())) {
      errors.push({ line: record.line, code: "tooManyFields", values: { count: record.cells.length, expected: names.length } });
      continue;
    }
    const get = (c: Column) => (index[c] >= 0 ? (record.cells[index[c]] ?? "") : "");
    const parsed = parseSpendEntry({
      date: get("date"),
      source: get("source"),
      medium: get("medium"),
      campaign: get("campaign"),
      amount: get("amount"),
    });
    if (!parsed.ok) {
      errors.push({ line: record.line, ...parsed.problem });
      continue;
    }
    const key = spendKey(parsed.entry);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      errors.push({ line: record.line, code: "duplicate", values: { earlier } });
      continue;
    }
    seen.set(key, record.line);
    rows.push({ ...parsed.entry, line: record.line });
  }
  return { rows, errors };
}
