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
    expect(fit.alpha).toBeCloseTo(0.668, 3);
    expect(fit.beta).toBeCloseTo(3.806, 3);
  });
  it('gives constant churn for a cohort losing the same share each period', () => {
    const fit = fitSbg([1000, 800, 640, 512, 409.6]);
    expect(fit.alpha).toBeNull();
    expect(fit.churn).toBeCloseTo(0.2, 12);
    expect(sbgExpectedLifetime(fit, 0.1)).toBeCloseTo(1.1 / 0.3, 12);
  });
  it('expected lifetime with no heterogeneity left equals the geometric sum', () => {
    // alpha/(alpha+beta) = 0.25 with huge alpha+beta is nearly constant churn 0.25
    const del = sbgExpectedLifetime({ alpha: 2.5e5, beta: 7.5e5, churn: null, logLik: 0 }, 0.05);
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
