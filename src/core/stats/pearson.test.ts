import { isConstant, pearson } from './pearson';

describe('pearson', () => {
  it('is ±1 on exact lines and 0 on an orthogonal pattern', () => {
    expect(pearson([1, 2, 3, 4], [2, 4, 6, 8])).toBeCloseTo(1, 15);
    expect(pearson([1, 2, 3, 4], [8, 6, 4, 2])).toBeCloseTo(-1, 15);
    expect(pearson([1, 2, 3, 4, 5], [2, 1, 0, 1, 2])).toBeCloseTo(0, 15);
  });
  it('matches the textbook value', () => {
    // r of (1,2,3,4,5) and (2,4,5,4,5) = 0.7745966692414834
    expect(pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])).toBeCloseTo(0.7745966692414834, 14);
  });
  it('uses only the first n entries', () => {
    expect(pearson([1, 2, 3, 99], [1, 2, 3, -99], 3)).toBeCloseTo(1, 15);
  });
  it('is null when a side is constant, including floating-point noise of a differenced line', () => {
    expect(pearson([3, 3, 3], [1, 2, 3])).toBeNull();
    const line = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
    const diffs = line.slice(1).map((v, i) => v - line[i]);
    expect(new Set(diffs).size).toBeGreaterThan(1); // not exactly equal...
    expect(isConstant(diffs, diffs.length, 0.6)).toBe(true); // ...but constant on the levels' scale
    expect(pearson(diffs, [1, 5, 2, 4, 3], diffs.length, 0.6)).toBeNull();
    expect(isConstant([0.1, 0.1000001, 0.1])).toBe(false);
  });
  it('is unchanged by shifting and positive scaling', () => {
    const x = [1, 5, 2, 8, 3];
    const y = [2, 3, 1, 9, 4];
    expect(
      pearson(
        x.map((v) => 1000 + 3 * v),
        y,
      ),
    ).toBeCloseTo(pearson(x, y) as number, 12);
  });
  it('gives the same r in any units across the whole range of doubles (sums of squares never overflow or underflow)', () => {
    const x = [1, 5, 2, 8, 3];
    const y = [2, 3, 1, 9, 4];
    const r = pearson(x, y) as number;
    for (const k of [-1070, -600, -520, 500, 515, 1019]) {
      expect(
        pearson(
          x.map((v) => v * 2 ** k),
          y,
        ),
      ).toBe(r); // a power of two changes no digit
    }
    expect(
      pearson(
        x.map((v) => -v),
        y,
      ),
    ).toBe(-r);
    expect(pearson([1.7e308, -1.7e308, 1.6e308, -1.5e308], [1, 0, 0.9, 0.2])).toBeCloseTo(
      pearson([1.7, -1.7, 1.6, -1.5], [1, 0, 0.9, 0.2]) as number,
      14,
    );
  });
});
