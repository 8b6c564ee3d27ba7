/** Plain text tables for the terminal, aligned by display width (CJK characters take two cells). */
import { displayWidth, terminalText } from '../core/text/terminal-text';

export { displayWidth };

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + fill : fill + text;
}

/** The widest a table cell is shown: a longer value (a 5 MB account name) is clipped with "…". */
export const MAX_CELL_WIDTH = 200;

/**
 * A plain text table: a heading row, a rule, the rows; columns two spaces
 * apart. Every cell is shown through terminalText: controls escaped, at
 * most MAX_CELL_WIDTH columns.
 */
export function table(heading: string[], rows: string[][], align: ('left' | 'right')[]): string[] {
  return Array.from(tableLines(heading, rows.length, (i) => rows[i], align));
}

/**
 * The same, line by line, for tables of any length: row i is made by
 * rowAt(i) twice (once to measure the columns, once to write it), so that
 * 150,000 rows are never held as lines at once.
 */
export function* tableLines(
  heading: string[],
  count: number,
  rowAt: (i: number) => string[],
  align: ('left' | 'right')[],
): Generator<string> {
  const cells = (r: string[]) => r.map((cell) => terminalText(cell ?? '', MAX_CELL_WIDTH));
  const head = cells(heading);
  const widths = head.map((h) => displayWidth(h));
  for (let i = 0; i < count; i++)
    cells(rowAt(i)).forEach((cell, c) => (widths[c] = Math.max(widths[c] ?? 0, displayWidth(cell))));
  const line = (r: string[]) =>
    r
      .map((cell, c) => pad(cell, widths[c], align[c] ?? 'left'))
      .join('  ')
      .trimEnd();
  yield line(head);
  yield widths.map((w) => '-'.repeat(w)).join('  ');
  for (let i = 0; i < count; i++) yield line(cells(rowAt(i)));
}
