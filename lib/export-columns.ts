// The columns of the CSV exports (agencies, training bookings, participants): each column is what
// its data dictionary says about it and how a row fills it, so the file and its dictionary are made
// from one list and never disagree. The CSV itself is written by lib/csv.ts.
import {
  DATE_NOTE,
  DATETIME_NOTE,
  dateOnly,
  FORMULA_NOTE,
  type Cell,
  type DateOnly,
  type DictionaryEntry,
} from "@/lib/csv";

/** One column of an export: what the dictionary says about it, and how a row fills it. */
export type ExportColumn<Row> = DictionaryEntry & { value: (row: Row) => Cell };

/** The codes of an enumeration with their words, for the dictionary: "A = Apple; B = Banana". */
export const codeList = (words: Record<string, string>, codes: readonly string[] = Object.keys(words)) =>
  codes.map((code) => `${code} = ${words[code] ?? code}`).join("; ");

/** Free text, neutralised in the file when it looks like a formula (the note says so). */
export function textColumn<Row>(
  column: string,
  label: string,
  value: (row: Row) => Cell,
  notes?: string,
): ExportColumn<Row> {
  return { column, label, type: "text", notes: notes ? `${notes} ${FORMULA_NOTE}` : FORMULA_NOTE, value };
}

/** An instant, written in ISO 8601 UTC. */
export function datetimeColumn<Row>(
  column: string,
  label: string,
  value: (row: Row) => Cell,
  notes?: string,
): ExportColumn<Row> {
  return { column, label, type: "datetime", notes: notes ? `${DATETIME_NOTE} ${notes}` : DATETIME_NOTE, value };
}

/** A calendar date (a @db.Date column), written YYYY-MM-DD. */
export function dateColumn<Row>(
  column: string,
  label: string,
  value: (row: Row) => Date | null,
  notes?: string,
): ExportColumn<Row> {
  return dayColumn(column, label, (row) => dateOnly(value(row)), notes);
}

/**
 * The same from a date-only cell, or from the day already written as YYYY-MM-DD (checked by the
 * caller), for rows that make each day's cell once rather than one per row.
 */
export function dayColumn<Row>(
  column: string,
  label: string,
  value: (row: Row) => DateOnly | `${number}-${number}-${number}` | null,
  notes?: string,
): ExportColumn<Row> {
  return { column, label, type: "date", notes: notes ? `${DATE_NOTE} ${notes}` : DATE_NOTE, value };
}

/** The data dictionary of an export: its columns without the way rows fill them. */
export const toDictionary = (columns: readonly ExportColumn<never>[]): DictionaryEntry[] =>
  columns.map(({ column, label, type, values, notes }) => ({
    column,
    label,
    type,
    ...(values ? { values } : {}),
    ...(notes ? { notes } : {}),
  }));
