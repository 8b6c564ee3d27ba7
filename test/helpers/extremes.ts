/**
 * What the property tests of the custom functions share (test/bundle/*
 * properties): calling a function of the built bundle as Sheets calls it and
 * keeping its error, the checks "a finite result" and "an error naming the
 * function and an argument", and generators of factors and extreme doubles
 * across the whole range.
 */
import fc from 'fast-check';
import { plain, type loadDist } from './apps-script-vm';

type Gas = ReturnType<typeof loadDist>;

/** Calls fn; returns its result, or the message of the error it threw. */
export function attempt(
  gas: Gas,
  fn: string,
  ...args: unknown[]
): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: plain(gas.call(fn, ...args)) };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

/** The message starts with the function's name and one of its arguments. */
export function expectNamed(message: string, fn: string, args: string[]): void {
  expect(message).toMatch(new RegExp(`^${fn}: (${args.join('|')})\\b`));
}

/** Every number in a result is finite. */
export function expectFinite(value: unknown): void {
  if (Array.isArray(value)) value.forEach(expectFinite);
  else if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
}

export const near = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol * Math.abs(b);

/** 2^-1022: below this a double is subnormal and holds fewer digits. */
export const MIN_NORMAL = 2 ** -1022;

/** A factor across the range of doubles, log-uniform: m × 10^e, e from −300 to 300. */
export const factor = fc
  .tuple(fc.double({ min: 1, max: 9.999, noNaN: true }), fc.integer({ min: -300, max: 300 }), fc.boolean())
  .map(([m, e, negative]) => (negative ? -1 : 1) * m * 10 ** e)
  .filter((c) => Number.isFinite(c) && c !== 0);

/** Doubles ≥ 0 that stress the arithmetic: subnormals, the largest values, huge and tiny. */
export const extremePositive = fc.oneof(
  fc.constantFrom(
    0,
    5e-324,
    1e-320,
    2 ** -1022,
    1e-300,
    1e-200,
    1e-154,
    1,
    1e154,
    1e200,
    1e300,
    8.9e307,
    1.7976931348623157e308,
  ),
  fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: 0, max: 1e-300, noNaN: true }),
);
/** The same with either sign. */
export const extremeDouble = fc.tuple(extremePositive, fc.boolean()).map(([v, negative]) => (negative ? -v : v));
/** Within [lo, hi], at its ends, next to them and at subnormal distances. */
export const extremeIn = (lo: number, hi: number) =>
  fc.oneof(
    fc.constantFrom(lo, hi, lo + 5e-324, hi - hi * 2 ** -52, lo + 2 ** -1022, lo + 1e-300),
    fc.double({ min: lo, max: hi, noNaN: true }),
    extremePositive.filter((v) => v >= lo && v <= hi),
  );
/** Now and then a cell no argument takes (text, a boolean, a negative number). */
const badCell = fc.constantFrom('x', '9', true, -5e-324, -1, -1.7976931348623157e308);
export const mostly = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: good, weight: 19 }, { arbitrary: badCell as fc.Arbitrary<unknown>, weight: 1 });
