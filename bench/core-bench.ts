/**
 * Core benchmarks (the KPI tree and the lamps), run by bench/bench.mjs after
 * esbuild bundles this file: data are generated deterministically here.
 */
import { assessEvidence, assessLamps, type NodeEvidence } from '../src/core/lamps/assess';
import { evaluateAccounts } from '../src/core/lamps/evaluate';
import { MemoryWorkbook } from '../src/local/memory-workbook';
import { createApi } from '../src/server/api';
import { localHost } from '../src/local/local-run-host';
import { saveTree } from '../src/server/tree-store';
import type { CellValue, Table } from '../src/core/table';
import { checkReport } from '../src/core/tree/verdicts';
import { validateTree } from '../src/core/tree/validate';
import type { Tree } from '../src/core/tree/types';

/** A small deterministic generator (mulberry32), so every run sees the same data. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const month = (i: number) => `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

function mustTree(doc: unknown): Tree {
  const r = validateTree(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.tree;
}

/** A 40-node tree (KGI, 4 CSFs, 30 KPIs, 5 composites) on 60 months of History. */
export function checkFixture() {
  const r = rng(1);
  const nodes: object[] = [
    { id: 'kgi', parent: null, type: 'kgi', name: 'Churn', history_column: 'kgi', direction: 'lower_is_better' },
  ];
  for (let c = 0; c < 4; c++) nodes.push({ id: `csf${c}`, parent: 'kgi', type: 'csf', name: `CSF ${c}` });
  const cols = ['month', 'kgi'];
  for (let k = 0; k < 30; k++) {
    nodes.push({
      id: `k${k}`,
      parent: `csf${k % 4}`,
      type: 'kpi',
      name: `KPI ${k}`,
      kind: 'leading',
      history_column: `k${k}`,
      warn: 0.5,
      action: 'Act',
    });
    cols.push(`k${k}`);
  }
  for (let c = 0; c < 5; c++) {
    nodes.push({
      id: `comp${c}`,
      parent: `csf${c % 4}`,
      type: 'composite',
      name: `Composite ${c}`,
      method: 'product',
      warn: 0.3,
      action: 'Act',
    });
  }
  // Composites take two KPIs each as children (moving them under the composite).
  for (let c = 0; c < 5; c++) {
    for (const k of [c * 2, c * 2 + 1]) (nodes[5 + k] as { parent: string; floor?: number }).parent = `comp${c}`;
    for (const k of [c * 2, c * 2 + 1]) (nodes[5 + k] as { floor?: number }).floor = 0.1;
  }
  const rows: CellValue[][] = [];
  for (let m = 0; m < 60; m++) rows.push([month(m), 0.02 + 0.01 * r(), ...Array.from({ length: 30 }, () => r())]);
  const tree = mustTree({ format: 'kpi-lamp/tree@1', nodes });
  const history: Table = { name: 'History', header: cols, rows };
  return { tree, data: { accounts: null, snapshots: null, history } };
}

/**
 * 100,000 accounts × 20 KPIs, the tree written with the gate and two of its
 * nodes contradicted (the evidence as the run finds it kept): every account
 * judged, gated lamps left out, and the alert budget with each node's
 * cut-off (every node lights about 30% of the accounts, over the 20% budget).
 */
export function evaluateFixture() {
  const r = rng(2);
  const header = ['account_id', 'account_name', 'csm', 'plan', 'arr', 'renewal_date'];
  const nodes: object[] = [{ id: 'kgi', parent: null, type: 'kgi', name: 'Churn' }];
  for (let k = 0; k < 20; k++) {
    header.push(`k${k}`);
    nodes.push({
      id: `k${k}`,
      parent: 'kgi',
      type: 'kpi',
      name: `KPI ${k}`,
      accounts_column: `k${k}`,
      warn: 0.3,
      alert: 0.1,
      action: 'Act',
      ...(k % 5 === 0 ? { by_plan: { Enterprise: { warn: 0.4, alert: 0.2 } } } : {}),
    });
  }
  const plans = ['Starter', 'Growth', 'Enterprise'];
  const rows: CellValue[][] = [];
  for (let i = 0; i < 100_000; i++) {
    const row: CellValue[] = [
      `A${i}`,
      `Account ${i}`,
      `CSM ${i % 7}`,
      plans[i % 3],
      Math.floor(r() * 1e7),
      '2027-03-31',
    ];
    for (let k = 0; k < 20; k++) row.push(r() < 0.02 ? null : r());
    rows.push(row);
  }
  const tree = mustTree({ format: 'kpi-lamp/tree@1', settings: { evidence: 'gate' }, nodes });
  // Only `node` and `evidence` decide the gate.
  const evidence = Array.from(
    { length: 20 },
    (_, k) => ({ node: `k${k}`, evidence: k < 2 ? 'contradicted' : 'proven' }) as NodeEvidence,
  );
  return { tree, evidence, accounts: { name: 'Accounts', header, rows } as Table };
}

/** 1,000,000 account-months (40,000 accounts × 25 months) × 10 lamp nodes. */
export function backtestFixture() {
  const r = rng(3);
  const header = ['month', 'account_id', 'plan', 'churned'];
  const nodes: object[] = [{ id: 'kgi', parent: null, type: 'kgi', name: 'Churn' }];
  for (let k = 0; k < 10; k++) {
    header.push(`k${k}`);
    nodes.push({
      id: `k${k}`,
      parent: 'kgi',
      type: 'kpi',
      name: `KPI ${k}`,
      kind: 'leading',
      accounts_column: `k${k}`,
      history_column: `k${k}`,
      warn: 0.3,
      alert: 0.1,
      action: 'Act',
    });
  }
  (nodes[0] as { history_column?: string }).history_column = 'churn';
  const rows: CellValue[][] = [];
  for (let a = 0; a < 40_000; a++) {
    const churnAt = r() < 0.3 ? Math.floor(r() * 25) : -1;
    for (let m = 0; m < 25; m++) {
      const row: CellValue[] = [month(m), `A${a}`, a % 3 ? 'Growth' : 'Enterprise', m === churnAt];
      for (let k = 0; k < 10; k++) row.push(r());
      rows.push(row);
    }
  }
  const history: Table = {
    name: 'History',
    header: ['month', 'churn', ...Array.from({ length: 10 }, (_, k) => `k${k}`)],
    rows: [],
  };
  for (let m = 0; m < 25; m++)
    history.rows.push([month(m), 0.02 + 0.01 * r(), ...Array.from({ length: 10 }, () => r())]);
  return {
    tree: mustTree({ format: 'kpi-lamp/tree@1', nodes }),
    snapshots: { name: 'Snapshots', header, rows } as Table,
    history,
  };
}

/**
 * The Lamps tab's server API over an in-memory workbook: 100,000 accounts
 * and 1,000,000 account-months (40,000 accounts × 25 months) × 10 lamp
 * nodes with History, the tree saved with the gate.
 */
export function panelFixture() {
  const b = backtestFixture();
  const r = rng(5);
  const wb = new MemoryWorkbook({ locale: 'en' });
  const accHeader = [
    'account_id',
    'account_name',
    'csm',
    'plan',
    'arr',
    'renewal_date',
    ...Array.from({ length: 10 }, (_, k) => `k${k}`),
  ];
  const plans = ['Starter', 'Growth', 'Enterprise'];
  const accounts: CellValue[][] = [accHeader];
  for (let i = 0; i < 100_000; i++)
    accounts.push([
      `A${i}`,
      `Account ${i}`,
      `CSM ${i % 7}`,
      plans[i % 3],
      Math.floor(r() * 1e7),
      '2027-03-31',
      ...Array.from({ length: 10 }, () => (r() < 0.02 ? null : r())),
    ]);
  wb.addSheet('Accounts', accounts);
  wb.addSheet('Snapshots', [b.snapshots.header, ...b.snapshots.rows]);
  wb.addSheet('History', [b.history.header, ...b.history.rows]);
  const doc = JSON.parse(
    JSON.stringify({
      format: 'kpi-lamp/tree@1',
      settings: { ...b.tree.settings, evidence: 'gate' },
      nodes: b.tree.nodes,
    }),
  );
  const saved = saveTree(wb, doc);
  if (!saved.ok) throw new Error('panel tree invalid');
  let t = Date.UTC(2026, 10, 22, 0, 30);
  const api = createApi(
    wb,
    localHost('bench@example.com', () => new Date(t)),
  );
  return { wb, api, tick: () => (t += 1000) };
}

/**
 * Bare loops over the same cells, with nothing KPI Lamp adds: what any code
 * reading them pays. For evaluate: each KPI cell of each account compared
 * with its threshold. For the backtest: each KPI cell of each account-month
 * compared, its churn flag read. For the panel: the two sheets read through
 * the port, then each KPI cell compared.
 */
export const baseline = {
  evaluate(f: ReturnType<typeof evaluateFixture>): number {
    let lit = 0;
    const rows = f.accounts.rows;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      for (let k = 6; k < row.length; k++) {
        const v = row[k];
        if (typeof v === 'number' && v <= 0.3) lit++;
      }
    }
    return lit;
  },
  backtest(f: ReturnType<typeof backtestFixture>): number {
    let lit = 0;
    const rows = f.snapshots.rows;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const churned = row[3] === true ? 1 : 0;
      for (let k = 4; k < row.length; k++) {
        const v = row[k];
        if (typeof v === 'number' && v <= 0.3) lit += 1 + churned;
      }
    }
    return lit;
  },
  panel(f: ReturnType<typeof panelFixture>): number {
    let lit = 0;
    for (const sheet of ['Accounts', 'Snapshots']) {
      const t = f.wb.readSheet(sheet)!;
      const from = sheet === 'Accounts' ? 6 : 4;
      for (const row of t.rows)
        for (let k = from; k < row.length; k++) if (typeof row[k] === 'number' && (row[k] as number) <= 0.3) lit++;
    }
    return lit;
  },
};

export const run = {
  check: (f: ReturnType<typeof checkFixture>) => checkReport(f.tree, f.data),
  /** Every account judged with the gate, and the alert budget with each node's cut-off. */
  evaluate: (f: ReturnType<typeof evaluateFixture>) => assessLamps(f.tree, f.accounts, f.evidence),
  /** The same, then every account's Lamp objects made (what a run or --all output reads). */
  evaluateAllLamps: (f: ReturnType<typeof evaluateFixture>) => {
    let n = 0;
    for (const a of evaluateAccounts(f.tree, f.accounts)) n += a.lamps.length;
    return n;
  },
  /** Every lamp node's evidence: its verdict on History and its backtest on the million account-months. */
  backtest: (f: ReturnType<typeof backtestFixture>) =>
    assessEvidence(f.tree, { snapshots: f.snapshots, accounts: null, history: f.history }),
  /** The Lamps tab opened after the tree or the sheets changed: the evidence judged again, then everything the tab shows. */
  panel: (f: ReturnType<typeof panelFixture>) => {
    f.tick();
    return f.api.judgeEvidenceAgain(null);
  },
  /** The Lamps tab opened again: the evidence kept between runs, the rest as above. */
  panelCached: (f: ReturnType<typeof panelFixture>) => {
    f.tick();
    return f.api.getLampsPanel(null);
  },
};
