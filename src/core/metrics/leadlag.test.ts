import { differences, leadLag, pairsAtLag } from './leadlag';

describe('leadLag', () => {
  const x = [5, 1, 7, 3, 9, 2, 8, 4, 6, 10, 1, 5];
  const y = [0, 0, 0, ...x.slice(0, 9)]; // y repeats x three periods later

  it('finds a planted lead at lag +3 with r = 1', () => {
    const rows = leadLag(x, y, { maxLag: 4 });
    const at3 = rows.find((r) => r.lag === 3)!;
    expect(at3.r).toBeCloseTo(1, 12);
    expect(at3.pairs).toBe(9);
    expect(at3.pValue).toBe(0);
    expect(rows.map((r) => r.lag)).toEqual([-4, -3, -2, -1, 0, 1, 2, 3, 4]);
  });
  it('drops pairs with a blank and blanks r below 3 pairs', () => {
    const rows = leadLag([1, 2, null, 4, 5], [2, 1, 4, null, 6], { maxLag: 4 });
    expect(rows.find((r) => r.lag === 0)!.pairs).toBe(3);
    const edge = rows.find((r) => r.lag === 4)!;
    expect(edge.pairs).toBe(1);
    expect(edge.r).toBeNull();
    expect(edge.pValue).toBeNull();
  });
  it('differences are blank next to a blank', () => {
    expect(differences([1, 3, null, 4, 8])).toEqual([2, null, null, 4]);
    expect(pairsAtLag([1, null, 3], [1, 2, 3], 0)).toBe(2);
  });
  it('spearman is invariant under monotone transforms', () => {
    const p = leadLag(x, y, { maxLag: 2, method: 'spearman' });
    const q = leadLag(
      x.map((v) => Math.exp(v)),
      y,
      { maxLag: 2, method: 'spearman' },
    );
    p.forEach((row, i) => expect(q[i].r).toBeCloseTo(row.r as number, 12));
  });
});
