/** The chunked JSON checker the size tests and the bench rely on agrees with JSON.parse. */
import fc from 'fast-check';
import { checkJson } from '../helpers/json-check';

const verdict = (text: string, chunk: number) => {
  try {
    checkJson(text, [], chunk);
    return true;
  } catch {
    return false;
  }
};
const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('JsonChecker', () => {
  it('accepts what JSON.parse accepts, whatever the chunks', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2), fc.integer({ min: 1, max: 9 }), (v, indent, chunk) => {
        expect(verdict(JSON.stringify(v, null, indent), chunk)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses what JSON.parse refuses: the same text with one character changed, dropped or added', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.nat(),
        fc.constantFrom('change', 'drop', 'add'),
        fc.constantFrom(...'{}[],:"\\ 0-1eE.tfnux'),
        fc.integer({ min: 1, max: 9 }),
        (v, at, how, ch, chunk) => {
          const text = JSON.stringify(v);
          const i = at % (text.length + 1);
          const broken =
            how === 'drop'
              ? text.slice(0, i) + text.slice(i + 1)
              : how === 'add'
                ? text.slice(0, i) + ch + text.slice(i)
                : text.slice(0, i) + ch + text.slice(i + 1);
          expect(verdict(broken, chunk)).toBe(parses(broken));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('counts the items of a top-level key and keeps its scalars', () => {
    const doc = { format: 'kpi-lamp/lamps@1', accounts: [{ accounts: [1, 2] }, [], 'x'], n: -1.5e3, other: [1] };
    const r = checkJson(JSON.stringify(doc, null, 2), ['accounts'], 3);
    expect(r.counts).toEqual({ accounts: 3 });
    expect(r.scalars).toEqual({ format: '"kpi-lamp/lamps@1"', n: '-1500' });
  });
});
