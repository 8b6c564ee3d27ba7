/**
 * UTF-8 sizes, counted without TextEncoder (Apps Script has none): Apps
 * Script limits property values in bytes, and Japanese text takes three
 * bytes a character.
 */

/** UTF-8 bytes of the code point starting at s[i], and how many UTF-16 units it spans. */
function codePoint(s: string, i: number): [bytes: number, units: number] {
  const c = s.charCodeAt(i);
  if (c < 0x80) return [1, 1];
  if (c < 0x800) return [2, 1];
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return [4, 2];
  }
  return [3, 1];
}

export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; ) {
    const [b, u] = codePoint(s, i);
    n += b;
    i += u;
  }
  return n;
}

/** Splits text into pieces of at most maxBytes UTF-8 bytes each, never inside a character. */
export function splitUtf8(text: string, maxBytes: number): string[] {
  if (maxBytes < 4) throw new Error('splitUtf8: maxBytes must be at least 4');
  const parts: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < text.length; ) {
    const [b, u] = codePoint(text, i);
    if (bytes + b > maxBytes) {
      parts.push(text.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += b;
    i += u;
  }
  if (start < text.length || parts.length === 0) parts.push(text.slice(start));
  return parts;
}
