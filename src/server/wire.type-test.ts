/**
 * A type test, checked by `npm run typecheck` (never run): each line under
 * `@ts-expect-error` must fail to compile, or the check fails ("Unused
 * '@ts-expect-error' directive"). What google.script.run cannot carry in a
 * result of the sidebar's server API fails the compiler.
 */
import type { Api } from './api';
import type { CarriedByWire } from './wire';

type Result<R> = { f(): R };

// What crosses whole: text, numbers, booleans, null, arrays, plain objects, optional properties, records.
export type Carried = CarriedByWire<
  Result<{
    a: string;
    b: number[];
    c: { d: boolean | null }[];
    e?: string;
    f: Record<string, string | undefined>;
    g: [string, number];
    h: unknown;
  }>
>;
export type TheApi = CarriedByWire<Api>;

// @ts-expect-error a Date makes the whole result arrive as null
export type DateInside = CarriedByWire<Result<{ run: { at: Date } }>>;
// @ts-expect-error a Date alone
export type DateAlone = CarriedByWire<Result<Date>>;
// @ts-expect-error a property that must be there but may be undefined is lost
export type UndefinedProperty = CarriedByWire<Result<{ owner: string | undefined }>>;
// @ts-expect-error undefined in an array arrives as null
export type UndefinedInArray = CarriedByWire<Result<(string | undefined)[]>>;
// @ts-expect-error a result of undefined (a function that returns nothing) arrives as null
export type NoResult = CarriedByWire<Result<void>>;
// @ts-expect-error a function cannot cross
export type FunctionInside = CarriedByWire<Result<{ then: () => void }>>;
// @ts-expect-error nor can a Map's contents (its methods are functions)
export type MapInside = CarriedByWire<Result<{ byId: Map<string, number> }>>;
// @ts-expect-error the real API with one more function returning a Date
export type ApiWithDate = CarriedByWire<Api & { lastSeen(): Date }>;
