/**
 * JSON as a stream of pieces, for documents too large to be one string:
 * `JSON.stringify` of a `kpi-lamp lamps --all --json` over a million
 * accounts passes V8's longest string (2^29 − 24 characters) and throws.
 *
 * `jsonPieces(value, indent)` yields text whose concatenation is exactly
 * `JSON.stringify(value, null, indent)` (the same bytes: key order, number
 * spelling, escapes, `undefined` and functions left out of objects and
 * `null` in arrays, `toJSON`, empty `[]` and `{}`), without ever making that
 * whole string. A `JsonSequence` is an array made item by item as it is
 * written (`toJSON` gives the whole array, so `JSON.stringify` agrees): a
 * listing of a million accounts never holds a million objects at once. Each
 * item of a sequence is written with one `JSON.stringify` call, indented to
 * its depth (JSON text has no raw line feed inside a string, so every line
 * feed of it is its layout).
 *
 * Pure: no Node or Apps Script globals.
 */

/** An array whose items are made one at a time, as they are written. */
export class JsonSequence<T, U = T> {
  constructor(
    private readonly items: readonly T[],
    private readonly map: (item: T, index: number) => U,
  ) {}

  get length(): number {
    return this.items.length;
  }

  *[Symbol.iterator](): IterableIterator<U> {
    for (let i = 0; i < this.items.length; i++) yield this.map(this.items[i], i);
  }

  /** What JSON.stringify writes: the whole array (fine for documents that fit in a string). */
  toJSON(): U[] {
    return Array.from(this);
  }
}

/** JSON.stringify's rules for what becomes of a value before it is written. */
function prepared(value: unknown, key: string): unknown {
  if (
    value !== null &&
    typeof value === 'object' &&
    !(value instanceof JsonSequence) &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    return (value as { toJSON(key: string): unknown }).toJSON(key);
  }
  return value;
}

/** Written as nothing in an object, and as null in an array. */
const absent = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/**
 * The pieces of `JSON.stringify(value, null, indent)`, in order. `indent` is
 * a number of spaces (at most 10, as JSON.stringify) or a string.
 */
export function* jsonPieces(value: unknown, indent: number | string = 2): Generator<string> {
  const step =
    typeof indent === 'number' ? ' '.repeat(Math.max(0, Math.min(10, Math.floor(indent)))) : indent.slice(0, 10);
  const top = prepared(value, '');
  if (absent(top)) return; // JSON.stringify(undefined) is undefined: nothing to write
  yield* piecesOf(top, step, '');
}

function* piecesOf(value: unknown, step: string, at: string): Generator<string> {
  if (
    value === null ||
    typeof value !== 'object' ||
    value instanceof Number ||
    value instanceof String ||
    value instanceof Boolean
  ) {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  const inner = at + step;
  const open = step === '' ? '' : `\n${inner}`;
  const close = step === '' ? '' : `\n${at}`;
  const comma = step === '' ? ',' : `,\n${inner}`;
  if (value instanceof JsonSequence) {
    let first = true;
    for (const item of value as JsonSequence<unknown, unknown>) {
      const v = prepared(item, '');
      const text = absent(v) ? 'null' : JSON.stringify(v, null, step);
      yield (first ? `[${open}` : comma) + (step === '' ? text : text.replace(/\n/g, `\n${inner}`));
      first = false;
    }
    yield first ? '[]' : `${close}]`;
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    for (let i = 0; i < value.length; i++) {
      yield i === 0 ? `[${open}` : comma;
      const v = prepared(value[i], String(i));
      if (absent(v)) yield 'null';
      else yield* piecesOf(v, step, inner);
    }
    yield `${close}]`;
    return;
  }
  let first = true;
  for (const key of Object.keys(value)) {
    const v = prepared((value as Record<string, unknown>)[key], key);
    if (absent(v)) continue;
    yield `${first ? `{${open}` : comma}${JSON.stringify(key)}:${step === '' ? '' : ' '}`;
    yield* piecesOf(v, step, inner);
    first = false;
  }
  yield first ? '{}' : `${close}}`;
}
