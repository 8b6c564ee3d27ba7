/**
 * Golden values: every case of test/golden/functions.json (made by
 * test/golden/make_golden.py with scipy/numpy, independently of this code)
 * called on the built bundle exactly as Sheets would call it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDist, plain } from '../helpers/apps-script-vm';

interface Case {
  name: string;
  args: unknown[];
  expected: unknown;
  tol?: number;
}
const golden = JSON.parse(readFileSync(join(__dirname, '..', 'golden', 'functions.json'), 'utf8')) as Record<
  string,
  Case[]
>;
const gas = loadDist();

function close(actual: unknown, expected: unknown, tol: number, path: string): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual)).toBe(true);
    const a = actual as unknown[];
    if (a.length !== expected.length) throw new Error(`${path}: length ${a.length}, expected ${expected.length}`);
    expected.forEach((e, i) => close(a[i], e, tol, `${path}[${i}]`));
    return;
  }
  if (typeof expected === 'number') {
    if (typeof actual !== 'number')
      throw new Error(`${path}: got ${JSON.stringify(actual)}, expected the number ${expected}`);
    const err = Math.abs(actual - expected);
    const bound = tol * Math.max(Math.abs(expected), 1e-300) + (expected === 0 ? 1e-12 : 0);
    if (!(err <= bound)) throw new Error(`${path}: got ${actual}, expected ${expected} (relative tolerance ${tol})`);
    return;
  }
  if (actual !== expected)
    throw new Error(`${path}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}

for (const fn of ['NPS', 'LTV', 'LTV_SBG', 'LEADLAG']) {
  describe(`${fn} golden cases`, () => {
    const cases = golden[fn];
    it('has cases', () => expect(cases.length).toBeGreaterThan(5));
    for (const c of cases) {
      it(c.name, () => {
        const result = plain(gas.call(fn, ...c.args));
        close(result, c.expected, c.tol ?? 1e-9, fn);
      });
    }
  });
}

describe('Fader & Hardie (2007) published fits', () => {
  it.each([
    ['High End', [1000, 869, 743, 653, 593, 551, 517, 491], 0.668, 3.806],
    ['Regular', [1000, 631, 468, 382, 326, 289, 262, 241], 0.704, 1.182],
  ])('%s cohort: alpha and beta as published', (_n, counts, alpha, beta) => {
    const out = plain(
      gas.call(
        'LTV_SBG',
        counts.map((c) => [c]),
        100,
        0.1,
      ),
    ) as number[][];
    expect(out[1][0]).toBeCloseTo(alpha, 3);
    expect(out[1][1]).toBeCloseTo(beta, 3);
  });
});
