/**
 * Text that reaches a terminal is printed safely: control characters in
 * anything a user or a file supplied (paths, sheet and column names, tree
 * names, account names, what a reader said) are shown escaped, as `\u001b`,
 * never sent raw, so an ESC sequence in a sheet name cannot move the cursor,
 * recolour or retitle the terminal, and a bidirectional override cannot
 * reorder what is shown. One piece of code for every command (the command
 * line's and the playground's `npm start`):
 * - `safeStream` wraps stdout and stderr once (cli/main.ts run(),
 *   playground/main.ts main()): every
 *   write escapes the C0 controls but the line feed, DEL, the C1 controls
 *   and the bidirectional controls. `\uXXXX` is also a valid JSON escape, so
 *   --json output stays valid JSON with the same values;
 * - `terminalText` is for a value shown in a line or a table cell: the line
 *   feed is escaped too (a name never breaks a line), and a very long value
 *   is clipped to a display width.
 */

/** C0 but the line feed, DEL, C1, and the bidirectional controls (U+061C, U+200E/F, U+202A–E, U+2066–9) and U+2028/9. */
const UNSAFE_IN_OUTPUT =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same and the line feed. */
const UNSAFE_IN_VALUE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escapeChar = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Output text with its unsafe characters escaped (line feeds kept: they are the output's own lines). */
export function safeOutput(text: string): string {
  return text.replace(UNSAFE_IN_OUTPUT, escapeChar);
}

/** A value for one line or one table cell: every control escaped, clipped to `maxWidth` display columns with "…". */
export function terminalText(value: string, maxWidth = Infinity): string {
  const text = value.replace(UNSAFE_IN_VALUE, escapeChar);
  if (maxWidth === Infinity || displayWidth(text) <= maxWidth) return text;
  let out = '';
  let width = 0;
  for (const ch of text) {
    const w = displayWidth(ch);
    if (width + w > maxWidth - 1) break;
    out += ch;
    width += w;
  }
  return `${out}…`;
}

/**
 * A stream whose every write is made safe (see the top of this file); what
 * write returns (false: the stream is full) and 'drain' pass through, for
 * output written in chunks (output.ts).
 */
export function safeStream<
  S extends { write(text: string): unknown; once?(event: 'drain', listener: () => void): unknown },
>(stream: S): { write(text: string): unknown; once?(event: 'drain', listener: () => void): unknown } {
  const safe: { write(text: string): unknown; once?(event: 'drain', listener: () => void): unknown } = {
    write: (text: string) => stream.write(safeOutput(String(text))),
  };
  if (typeof stream.once === 'function') safe.once = (event, listener) => stream.once!(event, listener);
  return safe;
}

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
