/**
 * Evidence and the gate through the server: the run (row colours, lamp
 * column, log, digest, 対応中), the evidence kept between runs, the Lamps
 * panel (report cards, lamps on watch, the budget, nothing listed before a
 * run), the tree tab's cards and the threshold preview — over an in-memory
 * copy of the sample workbook, whose starter tree is written with the gate.
 */
import { join } from 'node:path';
import { columnLetter, numberFromCell, type CellValue } from '../../src/core/table';
import { loadCsvFolder } from '../../src/local/load-workbook';
import type { MemoryWorkbook } from '../../src/local/memory-workbook';
import { createApi } from '../../src/server/api';
import {
  EVIDENCE_KEY,
  EVIDENCE_MAX_AGE_DAYS,
  evidenceFor,
  evidenceSignature,
  keptEvidence,
} from '../../src/server/evidence-store';
import { acknowledge, lampsPanel } from '../../src/server/lamps-panel-data';
import { RUN_SETTINGS_KEY, runLamps, SCHEDULE_KEY } from '../../src/server/run';
import { LOG_SHEET, parseLog, parseState, STATE_SHEET } from '../../src/server/run-state';
import { loadTree, readChunks, writeChunks } from '../../src/server/tree-store';
import { WAREHOUSE_EVIDENCE_KEY } from '../../src/server/warehouse-run';
import { testHost } from '../helpers/run-host';
import type { Tree } from '../../src/core/tree/types';

const SAMPLE = join(__dirname, '..', '..', 'sample', 'workbook');
const book = (): MemoryWorkbook => loadCsvFolder(SAMPLE, { locale: 'en' });
const treeOf = (wb: MemoryWorkbook): Tree => {
  const t = loadTree(wb);
  if (t.status !== 'ok') throw new Error('sample tree');
  return t.tree;
};
function column(wb: MemoryWorkbook, header: string): Map<string, string> {
  const t = wb.readSheet('Accounts')!;
  return new Map(t.rows.map((r) => [String(r[0]), String(r[t.header.indexOf(header)])]));
}
/** Accounts whose only lamp not OK is the executive-meetings one (on watch in the sample), read straight from the sheet. */
function onlyExec(wb: MemoryWorkbook): string[] {
  const t = wb.readSheet('Accounts')!;
  // Read as the contract reads a KPI cell of a CSV (core/table.ts numberFromCell: "0.50" is 0.5, TRUE is 1).
  const v = (r: CellValue[], c: string) => numberFromCell(r[t.header.indexOf(c)]);
  return t.rows
    .filter((r) => {
      const exec = v(r, 'exec_meetings_90d') as number;
      const login = v(r, 'login_rate_30d') as number;
      const feature = v(r, 'key_feature_usage') as number;
      const nps = v(r, 'last_nps');
      return (
        exec <= 1 &&
        login > 0.5 &&
        v(r, 'onboarding_completed') === 1 &&
        login * feature > 0.12 &&
        feature > 0.1 &&
        nps !== null &&
        nps > 3
      );
    })
    .map((r) => String(r[0]));
}

describe('the gate in the run', () => {
  it('a gated lamp colours no row: an account lit only by executive meetings is [ok], its lamp named on watch', () => {
    const wb = book();
    const r = runLamps(wb, testHost());
    expect(r.ok).toBe(true);
    const ids = onlyExec(wb);
    expect(ids.length).toBeGreaterThan(50);
    const lamp = column(wb, 'KPI Lamp');
    for (const id of ids) {
      expect(lamp.get(id)).toMatch(/^\[ok\] OK — On watch: Executive meetings \(90 days\): /);
    }
    // The colour rules key on the code at the start: [ok] matches neither.
    const L = columnLetter(wb.readSheet('Accounts')!.header.indexOf('KPI Lamp') + 1);
    expect(
      wb
        .formatRules('Accounts')
        .filter((x) => x.owner === 'kpi-lamp')
        .map((x) => x.formula),
    ).toEqual([`=LEFT($${L}2,7)="[alert]"`, `=LEFT($${L}2,6)="[warn]"`]);
    // State keeps them on watch; the log records them as watch, never as on.
    const state = parseState(wb.readSheet(STATE_SHEET));
    expect(state.get(ids[0])!.lamps.exec).toMatchObject({ g: true });
    expect(state.get(ids[0])!.severity).toBe('ok');
    const log = parseLog(wb.readSheet(LOG_SHEET)).filter((e) => e.node === 'exec');
    expect(log.length).toBe(r.watch);
    expect(log.every((e) => e.event === 'watch')).toBe(true);
  });

  it('sends no notice for a gated lamp, and 対応中 is refused for it', () => {
    const wb = book();
    wb.documentStore().set(RUN_SETTINGS_KEY, JSON.stringify({ digest: true }));
    wb.documentStore().set(SCHEDULE_KEY, JSON.stringify({ owner: 'owner@example.com' }));
    const host = testHost();
    const r = runLamps(wb, host);
    expect(host.mails).toHaveLength(1);
    expect(host.mails[0].body).not.toContain('Executive meetings');
    expect(r.newLamps).toBe(r.lamps);
    const id = onlyExec(wb)[0];
    expect(acknowledge(wb, host, treeOf(wb), id, 'exec', 'x', null)).toBe('not_lit');
  });

  it('when the gate lifts ("show"), the same lamps count, are logged on, and colour their rows', () => {
    const wb = book();
    const host = testHost();
    runLamps(wb, host);
    const id = onlyExec(wb)[0];
    const api = createApi(wb, host);
    const doc = api.getTreeState().tree!;
    doc.settings.evidence = 'show';
    expect(api.saveTree(doc).ok).toBe(true);
    host.setNow('2026-11-23T00:30:00Z');
    const r = runLamps(wb, host);
    expect(r.watch).toBe(0);
    expect(r.lit).toBeGreaterThanOrEqual(56 + onlyExec(wb).length);
    expect(column(wb, 'KPI Lamp').get(id)).toMatch(/^\[(warn|alert)\]/);
    const log = parseLog(wb.readSheet(LOG_SHEET)).filter((e) => e.account_id === id && e.node === 'exec');
    expect(log.map((e) => e.event)).toEqual(['watch', 'on']);
  });

  it('the counts read the same on the first and the second run', () => {
    const wb = book();
    const host = testHost();
    const first = runLamps(wb, host);
    host.setNow('2026-11-23T00:30:00Z');
    const second = runLamps(wb, host);
    expect(first).toMatchObject({ firstRun: true, on: first.lamps, off: 0 });
    expect(second).toMatchObject({
      firstRun: false,
      on: 0,
      off: 0,
      lamps: first.lamps,
      lit: first.lit,
      watch: first.watch,
    });
  });
});

describe('evidence kept between runs', () => {
  it('is judged once, then read back while the tree, Snapshots and History keep their shape', () => {
    const wb = book();
    const tree = treeOf(wb);
    const now = new Date('2026-11-22T00:30:00Z');
    const first = evidenceFor(wb, tree, now);
    expect(first.cached).toBe(false);
    expect(wb.documentStore().get(`${EVIDENCE_KEY}.n`)).not.toBeNull();
    const again = evidenceFor(wb, tree, new Date('2026-11-25T00:30:00Z'));
    expect(again).toEqual({ ...first, cached: true });
    expect(first.evidence.map((e) => [e.node, e.evidence])).toEqual([
      ['login', 'proven'],
      ['onboarding', 'unproven'],
      ['depth', 'proven'],
      ['exec', 'contradicted'],
      ['nps', 'unproven'],
    ]);
  });

  it('is judged again when the tree changes, a sheet grows, it is a week old, or someone asks', () => {
    const wb = book();
    const tree = treeOf(wb);
    const now = new Date('2026-11-22T00:30:00Z');
    evidenceFor(wb, tree, now);
    const sig = evidenceSignature(wb, tree);
    // Another threshold: another tree.
    const edited: Tree = { ...tree, nodes: tree.nodes.map((n) => (n.id === 'login' ? { ...n, warn: 0.45 } : n)) };
    expect(evidenceSignature(wb, edited)).not.toBe(sig);
    expect(keptEvidence(wb, edited, now)).toBeNull();
    // A month joins Snapshots.
    const snaps = wb.readSheet('Snapshots')!;
    wb.writeValues('Snapshots', snaps.rows.length + 2, 1, [snaps.rows[0]]);
    expect(keptEvidence(wb, tree, now)).toBeNull();
    evidenceFor(wb, tree, now);
    expect(keptEvidence(wb, tree, now)).not.toBeNull();
    // A week later.
    expect(keptEvidence(wb, tree, new Date(now.getTime() + EVIDENCE_MAX_AGE_DAYS * 86400000))).toBeNull();
    expect(evidenceFor(wb, tree, now, { force: true }).cached).toBe(false);
  });

  it('fits the property store: every piece under 9 KB, counted in UTF-8 bytes (names in Japanese too)', () => {
    const wb = book();
    const tree = treeOf(wb);
    const ja: Tree = { ...tree, nodes: tree.nodes.map((n) => ({ ...n, name: `${n.name}・日本語の名前`.repeat(20) })) };
    evidenceFor(wb, ja, new Date('2026-11-22T00:30:00Z'));
    const store = wb.documentStore();
    const n = Number(store.get(`${EVIDENCE_KEY}.n`));
    expect(n).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < n; i++)
      expect(Buffer.byteLength(store.get(`${EVIDENCE_KEY}.${i}`)!, 'utf8')).toBeLessThan(9 * 1024);
    expect(keptEvidence(wb, ja, new Date('2026-11-22T00:30:00Z'))!.evidence[0].name).toContain('日本語の名前');
  });

  it("counts the BigQuery run's kept evidence as another key's: the store's size holds with both", () => {
    // The BigQuery run's key lies outside the sheets' parts (kpi-lamp.evidence.<n>).
    expect(WAREHOUSE_EVIDENCE_KEY.startsWith(`${EVIDENCE_KEY}.`)).toBe(false);
    const sheetsRecord = 'y'.repeat(20000);
    for (const other of [WAREHOUSE_EVIDENCE_KEY, `${EVIDENCE_KEY}.bigquery`]) {
      const store = book().documentStore();
      // Another key's record fills the store to near its limit (490 KB)...
      expect(writeChunks(store, other, 'x'.repeat(475000))).toBe(true);
      // ...so the sheets' evidence does not fit beside it, whatever that key's name: nothing of it is written.
      expect(writeChunks(store, EVIDENCE_KEY, sheetsRecord)).toBe(false);
      expect(readChunks(store, EVIDENCE_KEY)).toBeNull();
      expect(readChunks(store, other)).toHaveLength(475000);
    }
  });
});

describe('the Lamps panel', () => {
  it('before any run: report cards, the budget and the lamps on watch, but no list of accounts', () => {
    const wb = book();
    const host = testHost();
    const p = lampsPanel(wb, treeOf(wb), 'en', host.now());
    expect(p.ranYet).toBe(false);
    expect(p.accounts).toEqual([]);
    expect(p.matching).toBe(56);
    expect(p.cards.map((c) => [c.node, c.evidence, c.gated])).toEqual([
      ['login', 'proven', false],
      ['onboarding', 'unproven', false],
      ['depth', 'proven', false],
      ['exec', 'contradicted', true],
      ['nps', 'unproven', false],
    ]);
    expect(p.budget).toMatchObject({ alert_budget: 0.2, accounts: 292, lit: 56, over: false, maxLit: 58 });
    expect(p.watch).toEqual([expect.objectContaining({ node: 'exec', accounts: 173 })]);
    expect(p.watch[0].sample).toHaveLength(25);
    expect(p.watch[0].sample[0].reason).toMatch(/at or below the (warning|alert) threshold/);
    expect(p.kgi).toBe('Monthly churn');
    expect(p.cards.find((c) => c.node === 'nps')!.smallSample).toBe(true);
    expect(p.cards.find((c) => c.node === 'login')!.smallSample).toBe(false);
    // After a run: the list, with lamps on watch marked and never new.
    runLamps(wb, host);
    const after = lampsPanel(wb, treeOf(wb), 'en', host.now(), { limit: 100 });
    expect(after.ranYet).toBe(true);
    expect(after.accounts).toHaveLength(56);
    const watched = after.accounts.flatMap((a) => a.lamps).filter((l) => l.gated);
    expect(watched.length).toBeGreaterThan(0);
    expect(watched.every((l) => l.node === 'exec' && !l.isNew && l.ack === null && l.evidence === 'contradicted')).toBe(
      true,
    );
  });

  it('judgeEvidenceAgain judges afresh; getLampsPanel reads what was kept', () => {
    const wb = book();
    const api = createApi(wb, testHost());
    expect(api.getLampsPanel().panel!.evidence.cached).toBe(false);
    expect(api.getLampsPanel().panel!.evidence.cached).toBe(true);
    expect(api.judgeEvidenceAgain().panel!.evidence.cached).toBe(false);
  });
});

describe('the tree tab and the threshold preview', () => {
  it("the tree state carries each lamp node's card and the budget", () => {
    const api = createApi(book(), testHost());
    const s = api.getTreeState();
    expect(s.kgi).toBe('Monthly churn');
    expect(s.cards.map((c) => c.node)).toEqual(['login', 'onboarding', 'depth', 'exec', 'nps']);
    expect(s.budget).toEqual({ alert_budget: 0.2, accounts: 292, maxLit: 58 });
    expect(s.evidenceAt).toMatch(/^2026-11-22T/);
  });

  it("previews a threshold on the draft: today's count and the backtest at that cut-off; writes nothing", () => {
    const wb = book();
    const api = createApi(wb, testHost());
    const draft = api.getTreeState().tree!;
    const before = JSON.stringify([wb.readSheet('KPI Lamp Tree'), wb.documentStore().keys()]);
    const login = draft.nodes.find((n) => n.id === 'login')!;
    const saved = api.previewThreshold(draft, 'login');
    expect(saved.card).toMatchObject({ node: 'login', evidence: 'proven', today: { lit: 18, accounts: 292 } });
    login.warn = 0.6;
    const wider = api.previewThreshold(draft, 'login');
    expect(wider.ok).toBe(true);
    expect(wider.card!.today.lit).toBeGreaterThan(18);
    // Counted straight from the sheet.
    const t = wb.readSheet('Accounts')!;
    const c = t.header.indexOf('login_rate_30d');
    expect(wider.card!.today.lit).toBe(t.rows.filter((r) => (numberFromCell(r[c]) ?? Infinity) <= 0.6).length);
    expect(wider.card!.backtest.lit).toBeGreaterThan(saved.card!.backtest.lit);
    expect(wider.card!.backtest.horizon_months).toBe(3);
    expect(JSON.stringify([wb.readSheet('KPI Lamp Tree'), wb.documentStore().keys()])).toBe(before);
    // Not a lamp node, an invalid draft, a wrong argument.
    expect(api.previewThreshold(draft, 'adoption')).toEqual({ ok: true, issues: [], card: null, budget: null });
    const bad = api.previewThreshold(
      { ...draft, nodes: [...draft.nodes, { id: 'x', parent: 'nowhere', type: 'kpi', name: 'X' }] },
      'login',
    );
    expect(bad.ok).toBe(false);
    expect(bad.issues.join()).toContain('nowhere');
    expect(() => api.previewThreshold(draft, 3 as never)).toThrow();
  });
});
