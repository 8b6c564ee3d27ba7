import { extent, maxOf } from './extent';

describe('extent and maxOf', () => {
  it('give the bounds of many numbers (more than a call may take as arguments)', () => {
    const many = Array.from({ length: 300000 }, (_, i) => (i * 7919) % 300000);
    expect(extent(many)).toEqual([0, 299999]);
    expect(maxOf(many, -1)).toBe(299999);
    expect(extent(new Set([3, -2, 5]))).toEqual([-2, 5]);
  });
  it('of nothing', () => {
    expect(extent([])).toBeNull();
    expect(maxOf([], 1)).toBe(1);
  });
});
