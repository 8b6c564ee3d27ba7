import fc from 'fast-check';
import { closestName, editDistance, foldName } from './closest-name';

/** The textbook optimal-string-alignment recurrence, unbanded: the reference. */
function reference(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const d = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[x.length][y.length];
}

describe('editDistance', () => {
  it.each([
    ['History', 'Histroy', 1],
    ['login_rate_30d', 'login_rate_30', 1],
    ['ca', 'abc', 3], // OSA, not unrestricted Damerau–Levenshtein (2)
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['顧客名', '顧客', 1],
  ])('%j ↔ %j = %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it('agrees with the full recurrence, and within a limit says only "more than the limit"', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '_', 'あ'), maxLength: 9 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 5 }), (a, b, limit) => {
        const full = reference(a, b);
        expect(editDistance(a, b)).toBe(full);
        expect(editDistance(a, b, limit)).toBe(full <= limit ? full : limit + 1);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('closestName', () => {
  const sheets = ['Accounts', 'Snapshots', 'history', 'NPS', 'KPI Lamp Tree'];
  it.each([
    ['History', 'history'],
    ['Histroy', 'history'],
    [' ＨＩＳＴＯＲＹ ', 'history'],
    ['Acounts', 'Accounts'],
    ['Snapshot', 'Snapshots'],
    ['Accounts 2025', null],
    ['Cohorts', null],
    ['', null],
  ])('%j → %j', (wanted, hint) => {
    expect(closestName(wanted, sheets)).toBe(hint);
  });

  it('prefers the nearest, then the first; short names need a close match', () => {
    expect(closestName('login_rate_30', ['login_rate_3m', 'login_rate_30d'])).toBe('login_rate_3m');
    expect(closestName('arr', ['ar', 'arrr'])).toBe('ar');
    expect(closestName('id', ['ab', 'xy'])).toBeNull();
    expect(closestName('plan', ['plan_name', 'Plan'])).toBe('Plan');
  });

  it('ignores names too long to be meant, at no cost', () => {
    const huge = 'x'.repeat(5_000_000);
    expect(closestName(huge, sheets)).toBeNull();
    expect(closestName('Accounts', [huge, 'Acounts'])).toBe('Acounts');
  });

  it('folds case, width and surrounding spaces', () => {
    expect(foldName(' ＡＢＣ１ ')).toBe('abc1');
  });
});
