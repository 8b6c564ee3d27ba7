/**
 * Ceilings instead of hangs (issue 17) and a max_lag the data can use
 * (issue 11), on the built bundle called as Sheets calls it. The ceilings'
 * worst cases are measured by `npm run bench` (sbg_ceiling_worst_ms,
 * leadlag_ceiling_worst_ms), never timed here.
 */
import { errorOf, loadDist, plain } from '../helpers/apps-script-vm';

const gas = loadDist();
const col = (v: unknown[]) => v.map((x) => [x]);
const wave = (n: number, f: number) => Array.from({ length: n }, (_, i) => Math.sin(i * f) + i * 1e-3);

describe('LTV_SBG: at most 5,000 periods', () => {
  const cohort = (n: number) => {
    const c = [1e6];
    for (let i = 1; i < n; i++) c.push(c[i - 1] * (0.97 + 0.02 * (1 - Math.exp(-i / 50))));
    return c;
  };
  it('10,000 periods is an error naming the function, the argument and the limit', () => {
    expect(errorOf(() => gas.call('LTV_SBG', col(cohort(10000)), 100, 0.01))).toBe(
      "LTV_SBG: active has 10,000 periods, more than the 5,000 one call can fit within Sheets' 30-second limit",
    );
  });
  it('5,000 periods followed by 100,000 blank cells (an open range such as B2:B) is fitted', () => {
    const out = plain(
      gas.call('LTV_SBG', col([...cohort(5000), ...new Array(100000).fill('')]), 100, 0.01),
    ) as unknown[][];
    expect(out[0]).toEqual(['alpha', 'beta', 'expected_lifetime', 'ltv']);
    expect(typeof out[1][2]).toBe('number');
  });
});

describe('LEADLAG: max_lag the data can use (issue 11)', () => {
  const x = [1, 3, 2, 5, 4, 6, 8, 7, 9, 12];
  const y = [2, 1, 4, 3, 6, 5, 7, 9, 8, 10];
  it('levels: lags up to n − 3 (a lag needs 3 pairs); more is an error that says the limit', () => {
    const out = plain(gas.call('LEADLAG', col(x), col(y), 7)) as unknown[][];
    expect(out.length).toBe(1 + 15);
    expect(out[1]).toEqual([-7, expect.any(Number), 3, expect.any(Number)]);
    expect(errorOf(() => gas.call('LEADLAG', col(x), col(y), 8))).toBe(
      'LEADLAG: max_lag is 8, more than the 7 lags that 10 periods can show, as a lag needs 3 pairs; use 7 or less',
    );
  });
  it('differenced: n − 1 changes, so lags up to n − 4', () => {
    const out = plain(gas.call('LEADLAG', col(x), col(y), 6, 'pearson', true)) as unknown[][];
    expect(out[1]).toEqual([-6, expect.any(Number), 3, expect.any(Number)]);
    expect(errorOf(() => gas.call('LEADLAG', col(x), col(y), 7, 'spearman', true))).toBe(
      'LEADLAG: max_lag is 7, more than the 6 lags that 10 periods (9 changes) can show, as a lag needs 3 pairs; use 6 or less',
    );
  });
  it('the default max_lag stays as the contract sets it: min(12, n − 3), even when differenced', () => {
    const out = plain(gas.call('LEADLAG', col(x), col(y), '', '', true)) as unknown[][];
    expect(out.length).toBe(1 + 2 * 7 + 1);
  });
});

describe('LEADLAG: at most 200,000 cells and 5,000,000 periods × lags', () => {
  it('40,000 values with max_lag 40,000 is an error that gives the largest max_lag one call can take', () => {
    const n = 40000;
    expect(errorOf(() => gas.call('LEADLAG', col(wave(n, 1)), col(wave(n, 1.3)), 40000))).toBe(
      "LEADLAG: max_lag is 40000: 80,001 lags over 40,000 periods is more than one call can compute within Sheets' 30-second limit (at most 5,000,000 periods × lags); use 62 or less",
    );
    const ok = plain(gas.call('LEADLAG', col(wave(n, 1)), col(wave(n, 1.3)), 62)) as unknown[][];
    expect(ok.length).toBe(1 + 125);
  });
  it('more than 200,000 cells is refused before a cell is read', () => {
    const long = new Array(200001).fill(['not even a number']);
    expect(errorOf(() => gas.call('LEADLAG', long, long))).toBe(
      "LEADLAG: leading has 200,001 cells, more than the 200,000 one call can correlate within Sheets' 30-second limit",
    );
  });
  it('200,000 cells with the default max_lag (12) are within both ceilings', () => {
    const n = 200000;
    const out = plain(gas.call('LEADLAG', col(wave(n, 1)), col(wave(n, 1.3)))) as unknown[][];
    expect(out.length).toBe(1 + 25);
  });
});
