import { midranks, midranksOfSubset, sortSeries } from './midranks';

describe('midranks', () => {
  it('ranks from 1, ties get the average rank', () => {
    expect(Array.from(midranks([10, 30, 20, 20, 5]))).toEqual([2, 5, 3.5, 3.5, 1]);
    expect(Array.from(midranks([7, 7, 7]))).toEqual([2, 2, 2]);
  });
  it('ranks only the first n values', () => {
    expect(Array.from(midranks([3, 1, 2, -100], 3))).toEqual([3, 1, 2]);
  });
});

describe('midranksOfSubset', () => {
  it('equals midranks of the subset, for random subsets with ties', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let trial = 0; trial < 50; trial++) {
      const v = Array.from({ length: 30 }, () => (rnd() < 0.1 ? NaN : Math.floor(rnd() * 8)));
      const sorted = sortSeries(v);
      const slot = new Int32Array(v.length).fill(-1);
      const members: number[] = [];
      v.forEach((a, i) => {
        if (!Number.isNaN(a) && rnd() < 0.6) {
          slot[i] = members.length;
          members.push(a);
        }
      });
      const got = midranksOfSubset(sorted, slot, new Float64Array(members.length));
      expect(Array.from(got)).toEqual(Array.from(midranks(members)));
    }
  });
});
