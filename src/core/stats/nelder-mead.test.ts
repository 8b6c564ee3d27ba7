import { nelderMead } from './nelder-mead';

describe('nelderMead', () => {
  it('finds the minimum of a shifted quadratic', () => {
    const r = nelderMead((x) => (x[0] - 3) ** 2 + 2 * (x[1] + 1) ** 2, [0, 0]);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(3, 8);
    expect(r.x[1]).toBeCloseTo(-1, 8);
  });
  it('follows the curved valley of Rosenbrock to (1, 1)', () => {
    const r = nelderMead((x) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2, [-1.2, 1], { maxIter: 10000 });
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
  });
  it('stops at maxIter and says it did not converge', () => {
    const r = nelderMead((x) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2, [-1.2, 1], { maxIter: 5 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(5);
  });
});
