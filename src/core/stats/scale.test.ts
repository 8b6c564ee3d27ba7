import { exponentOf, ldexp, pow2, unitScale } from './scale';

describe('powers of two', () => {
  it('pow2 is exact from 2^-1074 to 2^1023 (checked against repeated halving and doubling)', () => {
    let up = 1;
    for (let k = 0; k <= 1023; k++, up *= 2) expect(pow2(k)).toBe(up);
    let down = 1;
    for (let k = 0; k >= -1074; k--, down /= 2) expect(pow2(k)).toBe(down);
    expect(pow2(-1074)).toBe(5e-324);
  });
  it('exponentOf brackets |x| between 2^e and 2^(e+1), next to powers of two and for subnormals', () => {
    for (const k of [-1074, -1073, -1023, -1022, -1, 0, 1, 52, 1022, 1023]) {
      expect(exponentOf(pow2(k))).toBe(k);
      expect(exponentOf(-pow2(k))).toBe(k);
    }
    expect(exponentOf(Number.MAX_VALUE)).toBe(1023);
    expect(exponentOf(1 - 2 ** -53)).toBe(-1);
    expect(exponentOf(2 - 2 ** -52)).toBe(0);
    expect(exponentOf(3e-320)).toBe(-1062); // 2^-1062 ≈ 2.02e-320 ≤ 3e-320 < 2^-1061 ≈ 4.05e-320
  });
  it('ldexp scales in steps that neither overflow nor underflow on the way', () => {
    expect(ldexp(Number.MAX_VALUE, -2046)).toBe(Number.MAX_VALUE * 2 ** -1023 * 2 ** -1023);
    expect(ldexp(5e-324, 2000)).toBe(2 ** 926);
    expect(ldexp(1.5, 1024)).toBe(Infinity);
    expect(ldexp(1.5, -1075)).toBe(5e-324); // rounds once, at the end
  });
  it('unitScale brings the largest magnitude into [1, 2)', () => {
    for (const m of [5e-324, 1e-310, 1e-200, 0.3, 1, 7, 1e154, Number.MAX_VALUE]) {
      const s = unitScale(m);
      if (m < 2 ** -1022) expect(m * s).toBeGreaterThanOrEqual(2 ** -51);
      else {
        expect(m * s).toBeGreaterThanOrEqual(1);
        expect(m * s).toBeLessThan(2);
      }
    }
    expect(unitScale(0)).toBe(1);
  });
});
