/** Deep comparison of a result with a reference: numbers to a relative 1e-9, everything else exactly, only the reference's keys. */
export function close(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Math.abs(actual - expected) > 1e-9 * Math.max(1, Math.abs(expected)))
      throw new Error(`${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object')
      throw new Error(`${path}: ${JSON.stringify(actual)} is not like ${JSON.stringify(expected)}`);
    const keys = Object.keys(expected as object);
    if (Array.isArray(expected) && (actual as unknown[]).length !== expected.length)
      throw new Error(`${path}: length ${(actual as unknown[]).length} ≠ ${expected.length}`);
    for (const k of keys)
      close((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  if (actual !== expected) throw new Error(`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
}
