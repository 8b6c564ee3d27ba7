import fc from 'fast-check';
import { JsonSequence, jsonPieces } from './json-stream';

const streamed = (v: unknown, indent: number | string = 2) => Array.from(jsonPieces(v, indent)).join('');

/** Values JSON.stringify meets in practice, and the ones it treats specially (undefined, functions, toJSON, -0, non-finite numbers). */
const odd = fc.oneof(
  fc.constant(undefined),
  fc.constant(() => 1),
  fc.constant(-0),
  fc.constant(Number.NaN),
  fc.constant(Number.POSITIVE_INFINITY),
  fc.double(),
  fc.constant({ toJSON: () => ({ made: 'by toJSON' }) }),
  fc.string({ unit: 'binary' }),
);
const value = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.jsonValue(), odd, tie('array'), tie('object'), tie('sequence')),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.dictionary(fc.string(), tie('value'), { maxKeys: 5 }),
  sequence: fc.array(fc.oneof(fc.jsonValue(), odd), { maxLength: 5 }).map((xs) => new JsonSequence(xs, (x) => x)),
})).value;

describe('jsonPieces', () => {
  it('writes exactly what JSON.stringify writes, for any value and indent', () => {
    fc.assert(
      fc.property(value, fc.constantFrom<number | string>(0, 1, 2, 4, 12, '\t', '--'), (v, indent) => {
        expect(streamed(v, indent)).toBe(JSON.stringify(v, null, indent) ?? '');
      }),
      { numRuns: 2000 },
    );
  });

  it('keys in JSON.stringify order (integer-like first), escapes and empty containers', () => {
    const v = { b: 1, 2: 'two', a: [], 1: {}, '\u2028"\n': 'é\u0000\ud800', nested: { x: [[], {}, [1, { y: null }]] } };
    expect(streamed(v)).toBe(JSON.stringify(v, null, 2));
    expect(streamed(v, 0)).toBe(JSON.stringify(v));
  });

  it('a sequence is made item by item: the next item is asked for only when the previous is written', () => {
    const made: number[] = [];
    const seq = new JsonSequence([1, 2, 3], (x) => {
      made.push(x);
      return { x };
    });
    const it = jsonPieces({ head: 'h', items: seq, tail: true }, 2);
    const pieces: string[] = [];
    for (const p of it) {
      pieces.push(p);
      // Never more items made than written.
      expect(made.length).toBeLessThanOrEqual(pieces.filter((q) => q.includes('"x"')).length);
    }
    expect(made).toEqual([1, 2, 3]);
    expect(pieces.join('')).toBe(
      JSON.stringify({ head: 'h', items: [{ x: 1 }, { x: 2 }, { x: 3 }], tail: true }, null, 2),
    );
  });
});
