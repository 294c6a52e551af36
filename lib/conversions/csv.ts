import type { Locale } from "../i18n/locales";

export type CsvCell = string | number | null | undefined;

/**
 * How a spreadsheet of the reader's language reads CSV: Excel set to Dutch splits on ";" and reads
 * "2,63" as a number (and "2.63" as a date or text), Excel in English splits on "," and reads "2.63".
 */
export type CsvDialect = { delimiter: "," | ";"; decimal: "." | "," };
export const CSV_STANDARD: CsvDialect = { delimiter: ",", decimal: "." };
const CSV_DUTCH: CsvDialect = { delimiter: ";", decimal: "," };

/** The CSV dialect for a reader's language (Dutch: `;` and decimal commas; English: RFC 4180's `,` and points). */
export function csvDialect(locale: Locale): CsvDialect {
  return locale === "nl" ? CSV_DUTCH : CSV_STANDARD;
}

/**
 * RFC 4180 CSV: fields with the delimiter, a quote or line break are quoted, quotes doubled; lines end
 * in CRLF. A text cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a
 * leading apostrophe: a visitor's UTM value must not become a formula in a client's Excel. Numbers
 * use the dialect's decimal separator and no thousands separators.
 */
function cell(v: CsvCell, dialect: CsvDialect): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v).replace(".", dialect.decimal) : "";
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  const special = dialect.delimiter === ";" ? /[";\r\n]/ : /[",\r\n]/;
  return special.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV record with its CRLF, cells escaped and defused as toCsv does (for streamed files). */
export function csvLine(cells: CsvCell[], dialect: CsvDialect = CSV_STANDARD): string {
  return cells.map((c) => cell(c, dialect)).join(dialect.delimiter) + "\r\n";
}

/** A whole CSV file: header and rows. */
export function toCsv(header: string[], rows: CsvCell[][], dialect: CsvDialect = CSV_STANDARD): string {
  return [header, ...rows].map((r) => csvLine(r, dialect)).join("");
}

/** A filename-safe slug for downloads. */
export function fileSlug(text: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "export"
  );
}
