/**
 * Text written as CP932 (Shift_JIS as Windows writes it), for the tests of
 * the readers that take it: ASCII as it is, and each other character the
 * tests write by its code, from Python's codec
 * (`python3 -c "print('株'.encode('cp932').hex())"`).
 */
const CP932: Record<string, number> = {
  株: 0x8a94,
  式: 0x8eae,
  会: 0x89ef,
  社: 0x8ed0,
  サ: 0x8354,
  ク: 0x834e,
  ラ: 0x8389,
  '①': 0x8740,
  '１': 0x8250,
  '２': 0x8251,
};

/**
 * The bytes of `text` in CP932. A character missing from the table fails the
 * test (`unknown: 'throw'`, the default) rather than being written wrong, or
 * becomes a question mark (`'?'`) where a test only needs both readers to
 * see the same bytes.
 */
export function cp932(text: string, unknown: 'throw' | '?' = 'throw'): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) bytes.push(c);
    else if (CP932[ch] !== undefined) bytes.push(CP932[ch] >> 8, CP932[ch] & 0xff);
    else if (unknown === '?') bytes.push(0x3f);
    else throw new Error(`no CP932 code for ${ch} here`);
  }
  return Buffer.from(bytes);
}
