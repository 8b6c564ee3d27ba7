import { betaln, incompleteBeta } from './special';
import { correlationPValue } from './correlation-p-value';

describe('incompleteBeta', () => {
  it('matches closed forms', () => {
    // I_x(1, b) = 1 − (1 − x)^b ; I_x(a, 1) = x^a ; I_0.5(a, a) = 0.5
    for (const x of [0.01, 0.2, 0.5, 0.9, 0.999]) {
      expect(incompleteBeta(x, 1, 3.5)).toBeCloseTo(1 - Math.pow(1 - x, 3.5), 13);
      expect(incompleteBeta(x, 2.5, 1)).toBeCloseTo(Math.pow(x, 2.5), 13);
    }
    for (const a of [0.5, 2, 17, 400]) expect(incompleteBeta(0.5, a, a)).toBeCloseTo(0.5, 12);
  });
  it('is symmetric: I_x(a, b) = 1 − I_{1−x}(b, a)', () => {
    for (const [x, a, b] of [
      [0.3, 2, 5],
      [0.7, 0.5, 12],
      [0.95, 30, 0.5],
    ]) {
      expect(incompleteBeta(x, a, b) + incompleteBeta(1 - x, b, a)).toBeCloseTo(1, 13);
    }
  });
  it('handles the ends and refuses bad arguments', () => {
    expect(incompleteBeta(0, 2, 3)).toBe(0);
    expect(incompleteBeta(1, 2, 3)).toBe(1);
    expect(() => incompleteBeta(1.5, 2, 3)).toThrow(RangeError);
    expect(() => incompleteBeta(0.5, 0, 3)).toThrow(RangeError);
  });
  it('betaln(a, b) = ln(Γ(a)Γ(b)/Γ(a+b))', () => {
    expect(betaln(2, 3)).toBeCloseTo(Math.log(1 / 12), 12);
    expect(betaln(0.5, 0.5)).toBeCloseTo(Math.log(Math.PI), 12);
  });
});

describe('correlationPValue', () => {
  it('is 1 at r = 0 and 0 at |r| = 1', () => {
    expect(correlationPValue(0, 10)).toBeCloseTo(1, 14);
    expect(correlationPValue(1, 10)).toBe(0);
    expect(correlationPValue(-1, 10)).toBe(0);
  });
  it('with 3 pairs (1 df) equals the Cauchy tail: 1 − 2·atan(|t|)/π', () => {
    for (const r of [0.1, 0.5, 0.9]) {
      const t = r / Math.sqrt(1 - r * r);
      expect(correlationPValue(r, 3)).toBeCloseTo(1 - (2 * Math.atan(t)) / Math.PI, 12);
    }
  });
  it('with 4 pairs (2 df) equals 1 − |t|/sqrt(2 + t²)', () => {
    for (const r of [0.2, 0.6, 0.95]) {
      const t = r * Math.sqrt(2 / (1 - r * r));
      expect(correlationPValue(-r, 4)).toBeCloseTo(1 - Math.abs(t) / Math.sqrt(2 + t * t), 12);
    }
  });
  it('needs 3 pairs', () => expect(() => correlationPValue(0.5, 2)).toThrow(RangeError));
});
