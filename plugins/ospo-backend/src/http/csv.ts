import express from 'express';

/**
 * A CSV cell: text, a number, or nothing.
 *
 * @internal
 */
export type CsvCell = string | number | undefined;

// What spreadsheets read as the start of a formula (OWASP's list).
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One field as RFC 4180 has it, quoted only when it must be. Text that a
 * spreadsheet would run as a formula gets a leading `'`, so that a Group
 * title such as `=HYPERLINK(...)` stays text; numbers are written as they are.
 *
 * @internal
 */
export function csvField(cell: CsvCell): string {
  if (cell === undefined) return '';
  if (typeof cell === 'number')
    return Number.isFinite(cell) ? String(cell) : '';
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Rows as CSV, each line ended with CRLF.
 *
 * @internal
 */
export function toCsv(rows: CsvCell[][]): string {
  return rows.map(row => `${row.map(csvField).join(',')}\r\n`).join('');
}

/**
 * Sends rows as a CSV download named `filename`.
 *
 * @internal
 */
export function sendCsv(
  res: express.Response,
  filename: string,
  rows: CsvCell[][],
): void {
  res
    .status(200)
    .set('Content-Type', 'text/csv; charset=utf-8')
    .set('Content-Disposition', `attachment; filename="${filename}"`)
    .send(toCsv(rows));
}
