export type CsvCell = string | number | null | undefined;

/**
 * RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled; lines end in
 * CRLF. A text cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a
 * leading apostrophe: a visitor's UTM value must not become a formula in a client's Excel.
 */
function cell(v: CsvCell): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV record with its CRLF, cells escaped and defused as toCsv does (for streamed files). */
export function csvLine(cells: CsvCell[]): string {
  return cells.map(cell).join(",") + "\r\n";
}

/** A whole CSV file: header and rows. */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  return [header, ...rows].map(csvLine).join("");
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
