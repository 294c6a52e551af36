import { parseSpendEntry, spendKey, type SpendEntry } from "./entry";
import { isOneOf } from "../one-of";

export type SpendCsvError = { line: number; message: string };
export type SpendCsvResult = { rows: (SpendEntry & { line: number })[]; errors: SpendCsvError[] };

export const MAX_CSV_ROWS = 5000;
const COLUMNS = ["date", "source", "medium", "campaign", "amount"] as const;
const REQUIRED = ["date", "source", "amount"] as const;

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
  if (!records.length)
    return {
      rows: [],
      errors: [{ line: 1, message: "The file is empty: the first line must name the columns date, source, medium, campaign, amount." }],
    };
  const [header, ...body] = records;
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (missing.length)
    return {
      rows: [],
      errors: [
        {
          line: header.line,
          message: `The first line must name the columns (date, source, medium, campaign, amount); missing: ${missing.join(", ")}.`,
        },
      ],
    };
  const unknown = names.filter((n) => n && !isOneOf(COLUMNS, n));
  if (unknown.length)
    return {
      rows: [],
      errors: [
        {
          line: header.line,
          message: `Unknown column ${unknown.map((u) => `"${u}"`).join(", ")}; the columns are date, source, medium, campaign, amount.`,
        },
      ],
    };
  if (body.length > MAX_CSV_ROWS)
    return {
      rows: [],
      errors: [{ line: header.line, message: `The file has ${body.length} rows; upload at most ${MAX_CSV_ROWS} at a time.` }],
    };
  const index = Object.fromEntries(COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<(typeof COLUMNS)[number], number>;

  const rows: SpendCsvResult["rows"] = [];
  const errors: SpendCsvError[] = [];
  const seen = new Map<string, number>();
  for (const record of body) {
    if (record.cells.length > names.length && record.cells.slice(names.length).some((c) => c.trim())) {
      errors.push({
        line: record.line,
        message: `Line ${record.line} has ${record.cells.length} fields but the header names ${names.length}; quote values that contain the delimiter.`,
      });
      continue;
    }
    const get = (c: (typeof COLUMNS)[number]) => (index[c] >= 0 ? (record.cells[index[c]] ?? "") : "");
    const parsed = parseSpendEntry({
      date: get("date"),
      source: get("source"),
      medium: get("medium"),
      campaign: get("campaign"),
      amount: get("amount"),
    });
    if (!parsed.ok) {
      errors.push({ line: record.line, message: `Line ${record.line}: ${parsed.message}` });
      continue;
    }
    const key = spendKey(parsed.entry);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      errors.push({
        line: record.line,
        message: `Line ${record.line} repeats line ${earlier} (same date, source, medium and campaign); give one total per row.`,
      });
      continue;
    }
    seen.set(key, record.line);
    rows.push({ ...parsed.entry, line: record.line });
  }
  return { rows, errors };
}
