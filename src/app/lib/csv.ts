import type { DateRange } from './date-range';

/**
 * CSV files as RFC 4180 describes them: a header row, CRLF line ends, and a field in double quotes
 * when it holds a comma, a double quote, CR or LF (a quote inside is written twice).
 *
 * Encoding: UTF-8, and the file starts with a byte order mark (U+FEFF). RFC 4180 neither asks for
 * nor forbids it. Without it Excel, which many social media managers open these files with, reads
 * the file as the local 8-bit code page and garbles every emoji and accented letter in captions
 * and usernames; with it, Excel, LibreOffice, Google Sheets, Numbers, pandas (`utf-8-sig`) and
 * Python's csv module all read the file correctly. `toCsv` itself returns the text without it;
 * `csvFileContent` adds it.
 *
 * Numbers are written plainly (no thousands separators, a dot for decimals), days as YYYY-MM-DD.
 * An empty field means no value (not available or not loaded), never 0.
 *
 * Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) gets a
 * leading apostrophe, as OWASP advises against CSV injection: a caption like "=HYPERLINK(…)" must
 * not become a live link. Numbers are never changed, so negative numbers stay numbers.
 */
export const CSV_BOM = '\uFEFF';
const CSV_LINE_END = '\r\n';

export type CsvCell = string | number | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV text: the header row, then one line per row, each ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  return lines.map((line) => `${line}${CSV_LINE_END}`).join('');
}

/** What goes into the file: the byte order mark, then the CSV text. */
export const csvFileContent = (csv: string): string => `${CSV_BOM}${csv}`;

/** A file-name part: letters, digits, dots, dashes and underscores only. */
export function fileNamePart(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'export'
  );
}

/**
 * A file name that says what is in it: the accounts, what was exported and the range, e.g.
 * `northwind.coffee_reach_2026-10-31_2026-11-27.csv`. Several accounts are joined with `+`.
 */
export function csvFileName({
  accounts,
  what,
  range,
}: {
  accounts: readonly string[];
  what: string;
  range?: DateRange | undefined;
}): string {
  const who = accounts.length > 0 ? accounts.map(fileNamePart).join('+') : undefined;
  const parts = [who, fileNamePart(what), range?.from, range?.to].filter(Boolean);
  return `${parts.join('_')}.csv`;
}
