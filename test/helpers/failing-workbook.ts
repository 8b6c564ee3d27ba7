/**
 * A Workbook that fails one of its writes: every write through the port
 * (cells, sheets, formats, rules, a store's set or delete, a trigger
 * installed or removed) is counted, and the k-th throws, once, before it
 * changes anything — as a quota, a protected range or a lost connection
 * would. Reads, and imageBefore (what the journal reads before a write), go
 * straight through. With k = Infinity it only counts: how many writes an
 * operation makes.
 */
import type { KeyValueStore, Workbook } from '../../src/ports/workbook';

const WRITES = new Set([
  'writeValues',
  'ensureSheet',
  'createDataSheet',
  'replaceRows',
  'setTextColumn',
  'deleteSheet',
  'deleteColumn',
  'setOwnFormatRules',
  'installTrigger',
  'removeTrigger',
]);
const STORES = new Set(['documentStore', 'userStore', 'fileStore']);

export interface Failing {
  wb: Workbook;
  /** Writes attempted so far (the failed one included). */
  writes(): number;
  /** What the failed write was, or null while none failed. */
  failed(): string | null;
}

export function failingAt(inner: Workbook, k: number): Failing {
  let n = 0;
  let failed: string | null = null;
  const write = (what: string) => {
    n++;
    if (n === k) {
      failed = what;
      throw new Error(`Exception: injected failure of write ${k} (${what})`);
    }
  };
  const stores = new Map<string, KeyValueStore>();
  const wrapStore = (kind: string, s: KeyValueStore): KeyValueStore => {
    if (!stores.has(kind)) {
      const w: KeyValueStore = {
        get: (key) => s.get(key),
        keys: () => s.keys(),
        set: (key, value) => {
          write(`${kind}.set ${key}`);
          s.set(key, value);
        },
        delete: (key) => {
          write(`${kind}.delete ${key}`);
          s.delete(key);
        },
      };
      if (s.refresh) w.refresh = () => s.refresh!();
      stores.set(kind, w);
    }
    return stores.get(kind)!;
  };
  const wb = new Proxy(inner, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function' || typeof prop !== 'string') return v;
      if (STORES.has(prop)) return () => wrapStore(prop, v.apply(target, []));
      if (WRITES.has(prop)) {
        return (...args: unknown[]) => {
          write(`${prop} ${typeof args[0] === 'string' ? args[0] : ''}`.trim());
          return v.apply(target, args);
        };
      }
      return (...args: unknown[]) => v.apply(target, args);
    },
  });
  return { wb, writes: () => n, failed: () => failed };
}
