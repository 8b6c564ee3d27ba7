import type { KeyValueStore } from '../ports/workbook';

/** The part of a store whose keys start with a prefix, seen without it. */
export function prefixed(store: KeyValueStore, prefix: string): KeyValueStore {
  return {
    get: (k) => store.get(prefix + k),
    set: (k, v) => store.set(prefix + k, v),
    delete: (k) => store.delete(prefix + k),
    keys: () => store.keys().filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)),
  };
}
