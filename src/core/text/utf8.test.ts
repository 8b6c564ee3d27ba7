import { splitUtf8, utf8Bytes } from './utf8';

const node = (s: string) => Buffer.byteLength(s, 'utf8');

describe('utf8Bytes and splitUtf8', () => {
  const samples = ['', 'abc', 'ログイン率', 'é€😀x', 'a'.repeat(10000), '直近30日にログイン😀'.repeat(500)];
  it('count bytes as UTF-8 does', () => {
    for (const s of samples) expect(utf8Bytes(s)).toBe(node(s));
  });
  it('split into pieces within the limit that join back to the text, never inside a character', () => {
    for (const s of samples) {
      for (const max of [4, 7, 100, 8000]) {
        const parts = splitUtf8(s, max);
        expect(parts.join('')).toBe(s);
        for (const p of parts) expect(node(p)).toBeLessThanOrEqual(max);
        for (const p of parts) expect(p).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
      }
    }
  });
});
