import { betaln } from '../stats/special';
import { fitSbg, sbgExpectedLifetime, sbgLogLik, sbgProblem } from './sbg';

const highEnd = [1000, 869, 743, 653, 593, 551, 517, 491];

describe('sBG model', () => {
  it('log-likelihood recursions equal the beta-function forms of Fader & Hardie', () => {
    const [a, b] = [0.668, 3.806];
    let expected = 0;
    const T = highEnd.length - 1;
    for (let t = 1; t <= T; t++) {
      const lost = highEnd[t - 1] - highEnd[t];
      expected += lost * (betaln(a + 1, b + t - 1) - betaln(a, b));
    }
    expected += highEnd[T] * (betaln(a, b + T) - betaln(a, b));
    expect(sbgLogLik(a, b, highEnd)).toBeCloseTo(expected, 9);
  });
  it('fits the High End cohort as published (alpha 0.668, beta 3.806)', () => {
    const fit = fitSbg(highEnd);
    if (fit.kind !== 'sbg') throw new Error(fit.kind);
    expect(fit.alpha).toBeCloseTo(0.668, 3);
    expect(fit.beta).toBeCloseTo(3.806, 3);
  });
  it('the fit is the maximum: every point 1e-6 away (relative) is lower', () => {
    const fit = fitSbg(highEnd);
    if (fit.kind !== 'sbg') throw new Error(fit.kind);
    const ll = sbgLogLik(fit.alpha, fit.beta, highEnd);
    expect(ll / highEnd[0]).toBeCloseTo(fit.logLik, 12);
    for (const [da, db] of [
      [1e-6, 0],
      [0, 1e-6],
      [-1e-6, 0],
      [0, -1e-6],
      [1e-6, 1e-6],
      [-1e-6, -1e-6],
    ]) {
      expect(sbgLogLik(fit.alpha * (1 + da), fit.beta * (1 + db), highEnd)).toBeLessThan(ll);
    }
  });
  it('gives constant churn for a cohort losing the same share each period', () => {
    const fit = fitSbg([1000, 800, 640, 512, 409.6]);
    expect(fit.kind).toBe('constant');
    if (fit.kind !== 'constant') return;
    expect(fit.churn).toBeCloseTo(0.2, 12);
    expect(sbgExpectedLifetime(fit, 0.1)).toBeCloseTo(1.1 / 0.3, 12);
  });
  it('losing people only in the first period is the α + β → 0 limit: a share leaves at once, the rest never', () => {
    const fit = fitSbg([10000, 9999, 9999]);
    expect(fit).toEqual({ kind: 'first_period', lost: 1e-4, logLik: expect.any(Number) });
    expect(sbgExpectedLifetime(fit, 0.01)).toBeCloseTo(1 + 0.9999 / 0.01, 10);
    // The likelihood really does keep rising towards that limit (π fixed at 1e-4).
    const lls = [1, 1e-2, 1e-4, 1e-8].map((k) => sbgLogLik(1e-4 * k, 0.9999 * k, [10000, 9999, 9999]));
    for (let i = 1; i < lls.length; i++) expect(lls[i]).toBeGreaterThan(lls[i - 1]);
    expect(lls[lls.length - 1] / 10000).toBeCloseTo(fit.logLik, 9);
  });
  it('everybody leaving in period 1 is a lifetime of exactly one period', () => {
    const fit = fitSbg([10, 0, 0]);
    expect(fit.kind).toBe('first_period');
    expect(sbgExpectedLifetime(fit, 0.1)).toBe(1);
  });
  it('the log-likelihood keeps its digits where α, β ≪ 1 (no (β + t) − 1)', () => {
    // Exact value by the beta-function form, whose terms have no cancellation here.
    const [a, b] = [2.220446049250303e-16, 1.1102230246251573e-16];
    const active = [10000, 9999, 9999];
    const expected = 1 * (betaln(a + 1, b) - betaln(a, b)) + 9999 * (betaln(a, b + 2) - betaln(a, b));
    expect(sbgLogLik(a, b, active)).toBeCloseTo(expected, 6);
    expect(sbgLogLik(a, b, active)).toBeLessThan(-10000); // two thirds leave at once: a terrible fit, not ln(2/3)
  });
  it('expected lifetime with no heterogeneity left equals the geometric sum', () => {
    // alpha/(alpha+beta) = 0.25 with huge alpha+beta is nearly constant churn 0.25
    const del = sbgExpectedLifetime({ kind: 'sbg', alpha: 2.5e5, beta: 7.5e5, logLik: 0 }, 0.05);
    expect(del).toBeCloseTo(1.05 / 0.3, 4);
  });
  it('names what makes a cohort unfittable', () => {
    expect(sbgProblem([10, 9])).toEqual({ kind: 'too_short', periods: 2 });
    expect(sbgProblem([0, 0, 0])).toEqual({ kind: 'empty_cohort' });
    expect(sbgProblem([10, 8, 9])).toEqual({ kind: 'rises', index: 2 });
    expect(sbgProblem([10, 10, 10])).toEqual({ kind: 'nobody_left' });
    expect(sbgProblem(highEnd)).toBeNull();
  });
});
