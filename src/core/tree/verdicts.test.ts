/**
 * Verdicts against independent golden values: test/golden/make_verdicts.py
 * implements the contract's rules with scipy on series with planted truths
 * (leads, reverse causation, shared trends, noise, short histories,
 * Snapshots-derived and composite series) and writes the expected check@1.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkReport, verdicts } from './verdicts';
import { validateTree } from './validate';
import type { Table } from '../table';

interface Case {
  name: string;
  workbook: Record<string, { header: string[]; rows: (string | number | boolean | null)[][] }>;
  tree: unknown;
  expected: ReturnType<typeof checkReport>;
}
const golden = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'test', 'golden', 'verdicts.json'), 'utf8'),
) as { cases: Case[] };

function dataOf(c: Case) {
  const t = (name: string): Table | null => (c.workbook[name] ? { name, ...c.workbook[name] } : null);
  return { accounts: t('Accounts'), snapshots: t('Snapshots'), history: t('History') };
}

function close(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Math.abs(actual - expected) > 1e-9 * Math.max(1, Math.abs(expected)))
      throw new Error(`${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (Array.isArray(expected) || (expected && typeof expected === 'object')) {
    expect(actual && typeof actual === 'object').toBeTruthy();
    const keys = Object.keys(expected as object);
    expect(Object.keys(actual as object)).toEqual(keys);
    for (const k of keys) close((actual as any)[k], (expected as any)[k], `${path}.${k}`);
    return;
  }
  if (actual !== expected) throw new Error(`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
}

describe('verdicts match the scipy reference', () => {
  it('has the planted cases', () => expect(golden.cases.length).toBeGreaterThanOrEqual(8));
  for (const c of golden.cases) {
    it(c.name, () => {
      const r = validateTree(c.tree);
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      close(checkReport(r.tree, dataOf(c)), c.expected, 'check');
    });
  }
});

describe('verdict properties', () => {
  it("adding a constant to a KPI's series changes neither its inferred kind, best lag nor scan warnings", () => {
    const c = golden.cases[0];
    const r = validateTree(c.tree);
    if (!r.ok) throw new Error('invalid');
    const tree = r.tree;
    const data = dataOf(c);
    const history = data.history!;
    const kpis = tree.nodes.filter(
      (n) => n.type === 'kpi' && n.history_column && history.header.includes(n.history_column),
    );
    const base = verdicts(tree, data);
    const scanWarnings = [
      'short_history',
      'no_history',
      'not_significant',
      'shared_trend',
      'reverse_causation',
      'wrong_direction',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...kpis), fc.double({ min: -1000, max: 1000, noNaN: true }), (node, k) => {
        const col = history.header.indexOf(node.history_column!);
        const shifted = {
          ...history,
          rows: history.rows.map((row) => row.map((v, i) => (i === col && typeof v === 'number' ? v + k : v))),
        };
        const after = verdicts(tree, { ...data, history: shifted }).find((v) => v.id === node.id)!;
        const before = base.find((v) => v.id === node.id)!;
        expect(after.inferred_kind).toBe(before.inferred_kind);
        expect(after.best_lag).toBe(before.best_lag);
        expect(after.warnings.filter((w) => scanWarnings.includes(w))).toEqual(
          before.warnings.filter((w) => scanWarnings.includes(w)),
        );
      }),
      { numRuns: 60 },
    );
  });
});
