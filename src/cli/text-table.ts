/** Plain text tables for the terminal, aligned by display width (CJK characters take two cells). */
import { maxOf } from '../core/extent';

/** Columns in a monospace terminal: wide (CJK) characters take two cells. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x20 || (cp >= 0x300 && cp <= 0x36f) || cp === 0x200b || (cp >= 0xfe00 && cp <= 0xfe0f)) continue;
    w += isWide(cp) ? 2 : 1;
  }
  return w;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + fill : fill + text;
}

/** A plain text table: a heading row, a rule, the rows; columns two spaces apart. */
export function table(heading: string[], rows: string[][], align: ('left' | 'right')[]): string[] {
  const widths = heading.map((h, c) =>
    maxOf(
      rows.map((r) => displayWidth(r[c] ?? '')),
      displayWidth(h),
    ),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => pad(cell, widths[c], align[c] ?? 'left'))
      .join('  ')
      .replace(/\s+$/, '');
  return [line(heading), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}
