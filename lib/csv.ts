// CSV files for analysis in Excel, R and Stata: one cell, one line, a whole file or a stream of
// one, the response that downloads it, and a data dictionary naming every column. Pure and generic,
// so that every export (agencies, training bookings, participants) writes CSV the same way.
//
// The format, chosen so that the three open a file without surprises:
// - UTF-8 with a byte-order mark (without it Excel reads UTF-8 as the Windows code page and "é"
//   becomes "Ã©"), commas between cells, CRLF at the end of every line (RFC 4180). A cell is quoted
//   when it holds a comma, a double quote, CR or LF, and its quotes are doubled.
// - Numbers plain (no thousands separators; NaN and ±Infinity are left empty), booleans 1/0 (read
//   as numbers by R and Stata, and summable), dates ISO 8601 in UTC to the second
//   ("2026-03-16T17:00:00Z"), or "2026-03-16" for a date without a time. Missing values are empty.
// - Text that begins with =, +, -, @, a tab or a carriage return gets an apostrophe in front
//   (OWASP's advice on CSV injection), so a spreadsheet shows it as text instead of running it as a
//   formula. Numbers are never changed: a negative number stays a number.
import { ukParts } from "@/lib/dates";

/** The UTF-8 byte-order mark, written once at the very start of a file. */
export const BOM = "\uFEFF";
export const CRLF = "\r\n";

/** A date without a time of day (e.g. a participant's baseline date), written as YYYY-MM-DD. */
export type DateOnly = { readonly dateOnly: Date };
export type Cell = string | number | boolean | Date | DateOnly | null | undefined;
/** How a Date is written: with its time in UTC (the default) or as the UTC calendar day only. */
export type CellKind = "datetime" | "date";

export function dateOnly(date: Date | null | undefined): DateOnly | null {
  return date ? { dateOnly: date } : null;
}

/** The characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** For the data dictionary: what happens to text that looks like a formula. */
export const FORMULA_NOTE =
  "Text that begins with =, +, -, @, a tab or a carriage return has an apostrophe (') added in front, so that spreadsheets show it as text instead of running it as a formula; remove the apostrophe before analysis if needed.";
/** For the data dictionary, on the first column: the byte-order mark sits just before its name. */
export const BOM_NOTE =
  'The file is UTF-8 with a byte-order mark (BOM) just before this first column name. If your software shows the name with odd characters in front (such as "ï.." or "X.U.FEFF."), it read the mark as text: open the file as UTF-8 with BOM (in R, fileEncoding = "UTF-8-BOM").';
export const DATETIME_NOTE =
  "ISO 8601 in UTC to the second, e.g. 2026-03-16T17:00:00Z (UK time is UTC in winter and one hour ahead in summer).";
export const DATE_NOTE = "ISO 8601 date, YYYY-MM-DD.";
export const BOOLEAN_VALUES = "1 = yes; 0 = no";

const pad = (value: number, length = 2) => String(value).padStart(length, "0");

function isoDateTime(date: Date): string {
  // Seconds are precise enough for analysis; Excel, R and Stata all read this shape.
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function isoDate(date: Date): string {
  // From the parts rather than toISOString(): the same text, four times faster, which shows in an
  // export of 100,000 participants with seven dates each. Years 0–9999 (the database allows no others).
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** Text as one CSV cell: neutralised if it looks like a formula, quoted if it needs to be. */
function textCell(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One value as one CSV cell (see the top of this file for the format). */
export function csvCell(value: Cell, kind: CellKind = "datetime"): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "1" : "0";
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return "";
    return kind === "date" ? isoDate(value) : isoDateTime(value);
  }
  if (typeof value === "object") return csvCell(value.dateOnly, "date");
  return textCell(value);
}

/** One line of cells, without its line end. */
export function csvLine(cells: readonly Cell[]): string {
  return cells.map((cell) => csvCell(cell)).join(",");
}

function checkedLine(row: readonly Cell[], index: number, width: number): string {
  // A short or long row would shift every later column under the wrong name: a bug, never data.
  if (row.length !== width) throw new Error(`CSV row ${index + 1} has ${row.length} cells; the header has ${width}.`);
  return csvLine(row) + CRLF;
}

/** A whole CSV file: the byte-order mark, the header, then one line per row, each ending in CRLF. */
export function toCsv(header: readonly string[], rows: Iterable<readonly Cell[]>): string {
  let text = BOM + csvLine(header) + CRLF;
  let index = 0;
  for (const row of rows) text += checkedLine(row, index++, header.length);
  return text;
}

/** Rows are gathered into chunks of about this many characters before they are sent on. */
const CHUNK_CHARACTERS = 64 * 1024;

/**
 * The same bytes as `toCsv`, as a stream: rows are read only as fast as the client downloads, so a
 * 100,000-row export never sits whole in memory. Pass a database cursor as an async generator.
 */
export function csvStream(
  header: readonly string[],
  rows: AsyncIterable<readonly Cell[]> | Iterable<readonly Cell[]>,
): ReadableStream<Uint8Array> {
  let iterator: AsyncIterator<readonly Cell[]> | Iterator<readonly Cell[]> | undefined;
  return linesStream(header, {
    async next() {
      iterator ??= Symbol.asyncIterator in rows ? rows[Symbol.asyncIterator]() : rows[Symbol.iterator]();
      const next = await iterator.next();
      return next.done ? null : [next.value];
    },
    async stop() {
      await iterator?.return?.();
    },
  });
}

/**
 * The same as `csvStream`, from rows handed over a batch at a time (an export that reads its rows
 * from the database in batches): one wait per batch instead of one per row, which for 100,000 rows
 * is a good part of the time.
 */
export function csvBatchStream(
  header: readonly string[],
  batches: AsyncIterable<readonly (readonly Cell[])[]>,
): ReadableStream<Uint8Array> {
  let iterator: AsyncIterator<readonly (readonly Cell[])[]> | undefined;
  return linesStream(header, {
    async next() {
      iterator ??= batches[Symbol.asyncIterator]();
      const next = await iterator.next();
      return next.done ? null : next.value;
    },
    async stop() {
      await iterator?.return?.();
    },
  });
}

/** Where a stream's rows come from: `next` gives some rows (null after the last), `stop` lets go early. */
type RowSource = { next(): Promise<readonly (readonly Cell[])[] | null>; stop(): Promise<void> };

function linesStream(header: readonly string[], source: RowSource): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let pending: readonly (readonly Cell[])[] = [];
  let at = 0;
  let index = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(BOM + csvLine(header) + CRLF));
    },
    async pull(controller) {
      let chunk = "";
      while (chunk.length < CHUNK_CHARACTERS) {
        if (at === pending.length) {
          const more = await source.next();
          if (more === null) {
            if (chunk) controller.enqueue(encoder.encode(chunk));
            controller.close();
            return;
          }
          pending = more;
          at = 0;
          continue;
        }
        chunk += checkedLine(pending[at++]!, index++, header.length);
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      // Let a database cursor behind the rows close when the download is abandoned.
      await source.stop();
    },
  });
}

/** What one column of an export holds, for its data dictionary. */
export type DictionaryEntry = {
  column: string;
  label: string;
  type: "text" | "integer" | "number" | "date" | "datetime" | "boolean" | "code";
  /** The allowed values: codes and their words, a range, or "1 = yes; 0 = no". */
  values?: string;
  notes?: string;
};

export const DICTIONARY_HEADER = ["column", "label", "type", "values", "notes"] as const;

/** A data dictionary as its own CSV file, one line per column of the export it describes. */
export function dictionaryCsv(entries: readonly DictionaryEntry[]): string {
  return toCsv(
    DICTIONARY_HEADER,
    entries.map((entry) => [entry.column, entry.label, entry.type, entry.values ?? "", entry.notes ?? ""]),
  );
}

/** "stem-YYYY-MM-DD.csv", the date being today's in the UK. */
export function datedFilename(stem: string, now: Date): string {
  const { year, month, day } = ukParts(now);
  return `${stem}-${pad(year, 4)}-${pad(month)}-${pad(day)}.csv`;
}

/** The HTTP response that downloads a CSV file (never cached: it holds study data). */
export function csvResponse(body: string | ReadableStream<Uint8Array>, filename: string): Response {
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
