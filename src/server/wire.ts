/**
 * What google.script.run carries, as a type: text, numbers, booleans, null,
 * and arrays and plain objects of them. A Date makes the whole result arrive
 * as null; a function, a symbol or a bigint cannot cross; undefined turns
 * into null inside an array, and a property holding it is lost
 * (https://developers.google.com/apps-script/guides/html/reference/run,
 * "Legal parameters and return values"; shared/notes/apps-script-platform.md).
 *
 * `Wire<T>` is T with everything that cannot cross made `never`, so that
 * `T extends Wire<T>` holds only for a type that crosses whole. An optional
 * property (`x?: T`) and a record's value may be undefined: a key lost on
 * the way reads back as the undefined it was.
 * `unknown` passes, as it must for JSON the server parsed itself (a tree
 * document): whoever types a result `unknown` answers for it.
 */
export type Wire<T> = unknown extends T
  ? T
  : T extends string | number | boolean | null
    ? T
    : T extends Date | ((...args: never[]) => unknown) | symbol | bigint | undefined
      ? never
      : T extends readonly (infer E)[]
        ? readonly Wire<E>[]
        : T extends object
          ? { [K in keyof T]: string extends K ? Keyed<T[K]> : number extends K ? Keyed<T[K]> : Wire<T[K]> }
          : never;

/** A value under an index signature (a record): undefined there is a key absent, which reads back the same. */
type Keyed<V> = Wire<Exclude<V, undefined>> | Extract<V, undefined>;

/** Every function of an API, its result made Wire: `A extends WireApi<A>` holds when every result crosses whole. */
export type WireApi<A> = {
  [K in keyof A]: A[K] extends (...args: infer P) => infer R ? (...args: P) => Wire<R> : never;
};

/** A, when every function of it returns what google.script.run can carry; else a compile error naming the function and the property. */
export type CarriedByWire<A extends WireApi<A>> = A;
