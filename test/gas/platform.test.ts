/**
 * KPI Lamp on the Apps Script platform's own terms (issue 11): the adapters
 * (src/gas) and the built dist/Code.js over the Apps Script double, as an
 * Editor add-on used by several people in several spreadsheets. Each test
 * here failed on the code before its fix.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TREE_HEADER, TREE_SHEET } from '../../src/core/tree/sheet-rows';
import { dateInZone, isoInZone } from '../../src/core/time/iso-in-zone';
import { GasWorkbook } from '../../src/gas/gas-workbook';
import { gasRunHost } from '../../src/gas/gas-run-host';
import { loadCsvFolder } from '../../src/local/load-workbook';
import { createApi } from '../../src/server/api';
import { LEASE_KEY, LEASE_MS, takeLease } from '../../src/server/lease';
import { runLamps, type RunResult } from '../../src/server/run';
import { STATE_SHEET } from '../../src/server/run-state';
import { loadTree, saveTree } from '../../src/server/tree-store';
import {
  type AppsScriptDouble,
  createDouble,
  installGlobals,
  loadProject,
  seedSheet,
  type DoubleOptions,
} from '../helpers/apps-script-double';
import { copyInto, SAMPLE } from '../helpers/books';

const A = 'sheet-A';
const B = 'sheet-B';
const START = '2026-11-22T00:30:00Z';
/** The sample's accounts (every run reports them all), and A0001's ARR as its Accounts row holds it. */
const SAMPLE_BOOK = loadCsvFolder(SAMPLE, { locale: 'en' });
const ACCOUNTS = SAMPLE_BOOK.readSheet('Accounts')!;
const SAMPLE_ACCOUNTS = ACCOUNTS.rows.length;
const A0001_ARR = ACCOUNTS.rows.find((r) => r[0] === 'A0001')![ACCOUNTS.header.indexOf('arr')];

let undo: (() => void) | null = null;
afterEach(() => {
  if (undo) undo();
  undo = null;
});

/** An add-on with the sample in spreadsheet A (and B), its services as the globals. */
function platform(opts: DoubleOptions = {}): AppsScriptDouble {
  const double = createDouble({
    mode: 'addon',
    id: A,
    timeZone: 'Asia/Tokyo',
    locale: 'en',
    userLocale: 'en',
    ...opts,
  });
  double.addSpreadsheet(B, 'Asia/Tokyo', 'en');
  const sample = loadCsvFolder(SAMPLE, { locale: 'en' });
  copyInto(double, sample, A);
  copyInto(double, sample, B);
  undo = installGlobals(double);
  return double;
}

const clock =
  (iso = START) =>
  () =>
    new Date(iso);

/** A run from the sidebar (or the menu) in a spreadsheet, as a user. */
const runFromSidebar = (d: AppsScriptDouble, spreadsheet: string, user = 'lead@example.com', at = START): RunResult =>
  d.execute({ kind: 'sidebar', user, spreadsheet }, () => runLamps(GasWorkbook.active(), gasRunHost(clock(at))));

/** A run from an add-on's time trigger: no active spreadsheet, the file opened by id. */
const runFromTrigger = (d: AppsScriptDouble, spreadsheet: string, user = 'lead@example.com', at = START): RunResult =>
  d.execute({ kind: 'time-trigger', user, spreadsheet: null }, () =>
    runLamps(GasWorkbook.byId(spreadsheet), gasRunHost(clock(at))),
  );

describe('one run per spreadsheet, whichever path starts it (the run lease)', () => {
  it('the time trigger and a sidebar run of the same spreadsheet exclude each other', () => {
    const d = platform();
    let nested: RunResult | null = null;
    // While the sidebar run reads the accounts, the add-on's trigger fires on the same spreadsheet.
    d.intercept('Range.getValues', () => {
      nested = runFromTrigger(d, A);
    });
    const outer = runFromSidebar(d, A);
    expect(outer).toMatchObject({ ok: true, accounts: SAMPLE_ACCOUNTS });
    expect(nested).toMatchObject({ ok: false, error: { key: 'run.error.busy' } });
    // And the other way round.
    d.intercept('Range.getValues', () => {
      nested = runFromSidebar(d, A);
    });
    expect(runFromTrigger(d, A)).toMatchObject({ ok: true });
    expect(nested).toMatchObject({ ok: false, error: { key: 'run.error.busy' } });
  });

  it("two customers' scheduled runs in two spreadsheets never wait for each other", () => {
    const d = platform();
    let nested: RunResult | null = null;
    d.intercept('Range.getValues', () => {
      nested = runFromTrigger(d, B, 'bob@example.org');
    });
    expect(runFromTrigger(d, A, 'ann@example.com')).toMatchObject({ ok: true });
    expect(nested).toMatchObject({ ok: true, accounts: SAMPLE_ACCOUNTS });
  });

  it('the host lock is held only while the lease is taken or given back, never during the run', () => {
    const d = platform();
    let scriptLockFree: boolean | null = null;
    d.intercept('Range.getValues', () => {
      scriptLockFree = d.execute({ kind: 'sidebar', user: 'carol@example.net', spreadsheet: B }, () =>
        LockService.getScriptLock().tryLock(0),
      );
    });
    expect(runFromTrigger(d, A)).toMatchObject({ ok: true });
    expect(scriptLockFree).toBe(true);
  });

  it('a run that died keeps the spreadsheet for at most LEASE_MS, then the next run takes over', () => {
    const d = platform();
    // A run started at 09:30 Tokyo time and was stopped by the 6-minute limit: its lease was never given back.
    d.execute({ kind: 'time-trigger', user: 'lead@example.com', spreadsheet: null }, () =>
      takeLease(GasWorkbook.byId(A), gasRunHost(clock()), 0),
    );
    const later = (minutes: number) => new Date(new Date(START).getTime() + minutes * 60000).toISOString();
    expect(runFromSidebar(d, A, 'csm@example.com', later(3))).toMatchObject({
      ok: false,
      error: { key: 'run.error.busy' },
    });
    expect(LEASE_MS).toBeGreaterThan(6 * 60000);
    expect(runFromSidebar(d, A, 'csm@example.com', later(LEASE_MS / 60000 + 1))).toMatchObject({ ok: true });
    // A finished run gives the lease back.
    expect(d.spreadsheets.get(A)!.metadata.some((m) => m.key === LEASE_KEY)).toBe(false);
    expect(d.spreadsheets.get(A)!.sheets.has(STATE_SHEET)).toBe(true);
  });
});

describe('appending the month to Snapshots keeps every type', () => {
  /** The appended rows of 2026-11 (the sample's Snapshots end in 2026-10). */
  const appended = (d: AppsScriptDouble) => {
    const snaps = d.spreadsheets.get(A)!.sheets.get('Snapshots')!;
    const header = snaps.cells[0].map((c) => c.value);
    const first = snaps.cells.findIndex(
      (row, r) =>
        r > 0 &&
        row[1]?.value === 'A0001' &&
        (isDate(row[0].value) ? iso(row[0].value).startsWith('2026-11') : row[0].value === '2026-11'),
    );
    return { snaps, header, first, cell: (r: number, h: string) => snaps.cell(r, header.indexOf(h)) };
  };
  const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';
  const iso = (v: Date) => isoInZone(v, 'Asia/Tokyo');

  /** The sample with: a text plan "001" (not a number), and a renewal_date column (date cells) on Snapshots too. */
  function withTypes(monthsAsDates: boolean): AppsScriptDouble {
    const d = platform();
    const ss = d.spreadsheets.get(A)!;
    const accounts = ss.sheets.get('Accounts')!;
    const aHeader = accounts.cells[0].map((c) => c.value);
    accounts.cell(1, aHeader.indexOf('plan')).value = '001';
    const snaps = ss.sheets.get('Snapshots')!;
    const width = snaps.cells[0].length;
    snaps.cell(0, width).value = 'renewal_date';
    if (monthsAsDates) {
      for (let r = 1; r < snaps.cells.length; r++) {
        const m = snaps.cell(r, 0);
        if (typeof m.value === 'string' && m.value) m.value = dateInZone(`${m.value}-01`, 'Asia/Tokyo');
      }
    }
    return d;
  }

  it('a month column of dates gets a date; copied dates stay dates, text stays text, numbers and booleans keep their type; no format changes', () => {
    const d = withTypes(true);
    expect(runFromSidebar(d, A)).toMatchObject({ ok: true, snapshotMonth: '2026-11' });
    const { first, cell } = appended(d);
    expect(first).toBeGreaterThan(0);
    const month = cell(first, 'month').value;
    expect(isDate(month) && iso(month)).toBe('2026-11-01');
    const renewal = cell(first, 'renewal_date').value;
    expect(isDate(renewal) && iso(renewal)).toBe('2027-04-03');
    expect(cell(first, 'plan').value).toBe('001');
    expect(cell(first, 'arr').value).toBe(A0001_ARR);
    expect(typeof A0001_ARR).toBe('number');
    expect(cell(first, 'onboarding_completed').value).toBe(true);
    expect(cell(first, 'churned').value).toBe(false);
    for (const h of ['month', 'plan', 'renewal_date', 'account_id'])
      expect({ h, format: cell(first, h).format }).toEqual({ h, format: '' });
  });

  it('a month column of text gets text (which Sheets would otherwise turn into a date)', () => {
    const d = withTypes(false);
    expect(runFromSidebar(d, A)).toMatchObject({ ok: true, snapshotMonth: '2026-11' });
    const { first, cell } = appended(d);
    expect(first).toBeGreaterThan(0);
    expect(cell(first, 'month')).toMatchObject({ value: '2026-11', format: '' });
    expect(cell(first, 'plan').value).toBe('001');
  });
});

describe("the KPI tree's last good copy in the document store", () => {
  const STARTER = JSON.parse(readFileSync(join(SAMPLE, '..', 'starter-tree.json'), 'utf8'));
  /** The starter tree with 40 more KPIs named and defined in Japanese (three UTF-8 bytes a character). */
  const japaneseTree = () => {
    const t = JSON.parse(JSON.stringify(STARTER));
    for (let i = 0; i < 40; i++)
      t.nodes.push({
        id: `k${i}`,
        parent: 'adoption',
        type: 'kpi',
        name: `ログイン率 ${i}`,
        definition: '直近30日にログインした利用者の割合。'.repeat(6),
      });
    return t;
  };
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

  it('is split by UTF-8 bytes: a Japanese tree past 9 KB saves, and comes back whole after a broken hand edit', () => {
    const d = platform();
    const doc = japaneseTree();
    expect(JSON.stringify(doc).length).toBeLessThan(16000);
    expect(bytes(JSON.stringify(doc))).toBeGreaterThan(9000 * 2);
    const wb = GasWorkbook.active();
    expect(saveTree(wb, doc).ok).toBe(true);
    const props = d.spreadsheets.get(A)!.documentProps;
    for (const [k, v] of props) expect({ k, small: bytes(k) + bytes(v) <= 9000 }).toEqual({ k, small: true });
    wb.writeValues(TREE_SHEET, 2, TREE_HEADER.indexOf('parent') + 1, [['nobody']]);
    const loaded = loadTree(wb);
    expect(loaded.status === 'invalid' && loaded.lastGood!.nodes.length).toBe(doc.nodes.length);
  });

  it('writes no part unless every part fits in the store: a nearly full store keeps a whole old copy or none, and the save goes through', () => {
    const d = platform();
    const wb = GasWorkbook.active();
    expect(saveTree(wb, STARTER).ok).toBe(true);
    const props = d.spreadsheets.get(A)!.documentProps;
    const before = new Map(props);
    // Someone else's keys fill the store to about 480 KB of its 500 KB.
    for (let i = 0; i < 60; i++) props.set(`other.${i}`, 'x'.repeat(8000));
    expect(() => saveTree(wb, japaneseTree())).not.toThrow();
    expect(loadTree(wb).status).toBe('ok');
    // No half-written copy: either the parts of one tree, whole, or none.
    const ours = [...props.keys()].filter((k) => k.startsWith('kpi-lamp.tree.last-good'));
    const n = Number(props.get('kpi-lamp.tree.last-good.n') ?? 0);
    expect(ours.length).toBe(n === 0 ? 0 : n + 1);
    if (n > 0)
      expect(
        JSON.parse(
          ours
            .filter((k) => k !== 'kpi-lamp.tree.last-good.n')
            .sort()
            .map((k) => props.get(k))
            .join(''),
        ).nodes.length,
      ).toBeGreaterThan(0);
    expect(before.size).toBeGreaterThan(0);
  });
});

describe('the sidebar', () => {
  it('reads only the header row of the active sheet, however many rows it has', () => {
    const d = platform();
    const rows: unknown[][] = [['month', 'account_id', 'arr']];
    for (let i = 0; i < 100000; i++) rows.push(['2026-10', `A${i}`, i]);
    seedSheet(d, 'Big snapshots', rows, A);
    const wb = GasWorkbook.active();
    wb.select('Big snapshots', 'B7');
    d.cellsRead = 0;
    expect(createApi(wb, gasRunHost(clock())).getContext()).toMatchObject({
      activeSheet: 'Big snapshots',
      activeRange: 'B7',
      headers: ['month', 'account_id', 'arr'],
    });
    expect(d.cellsRead).toBe(3);
  });
});

describe('the built project (dist/Code.js) as Apps Script calls it', () => {
  const stateOf = (d: AppsScriptDouble, id: string) => d.spreadsheets.get(id)!.sheets.get(STATE_SHEET);

  it.each(['bound', 'addon'] as const)(
    'the time trigger installed from the sidebar runs KPI Lamp by its handler name (%s)',
    (mode) => {
      const d = platform({ mode });
      const project = loadProject(d, A);
      expect(project.scriptRun('api_installSchedule', 'hour', null, false)).toMatchObject({ ok: true });
      const [trigger] = d.triggersOf('lead@example.com');
      expect(trigger.handler).toBe('kpiLampScheduledRun');
      expect(project.declared.has(trigger.handler)).toBe(true);
      project.fire(trigger.uid);
      expect(stateOf(d, A)).toBeDefined();
      expect(
        JSON.parse(
          d.spreadsheets.get(A)!.metadata.find((m) => m.key === 'kpi-lamp.last-run')?.value ??
            d.spreadsheets.get(A)!.documentProps.get('kpi-lamp.last-run')!,
        ),
      ).toMatchObject({ ok: true, accounts: SAMPLE_ACCOUNTS });
    },
  );

  it('a name that is not a top-level function is not found, as in Apps Script', () => {
    const d = platform();
    const project = loadProject(d, A);
    project.eval('this.kpiLampSomethingElse = function () { return 1; }');
    expect(() => project.call('kpiLampSomethingElse')).toThrow('Script function not found: kpiLampSomethingElse');
  });

  it.each([
    ['deleted', (d: AppsScriptDouble) => (d.spreadsheets.get(A)!.deleted = true)],
    [
      'no longer shared with its owner',
      (d: AppsScriptDouble) => d.spreadsheets.get(A)!.unshared.add('lead@example.com'),
    ],
  ])('a trigger whose spreadsheet was %s removes itself (after 3 firings in a row), never failing', (_why, lose) => {
    const d = platform();
    const project = loadProject(d, A);
    project.scriptRun('api_installSchedule', 'hour', null, false);
    const [trigger] = d.triggersOf('lead@example.com');
    lose(d);
    for (let i = 1; i <= 3; i++) {
      expect(() => project.fire(trigger.uid)).not.toThrow();
      expect({ firing: i, left: d.triggersOf('lead@example.com').length }).toEqual({ firing: i, left: i < 3 ? 1 : 0 });
    }
    expect(
      [...d.userProps.get('lead@example.com')!.keys()].filter(
        (k) => k.endsWith(`.${A}`) && !k.startsWith('kpi-lamp.last-looked'),
      ),
    ).toEqual([]);
  });

  it('a passing failure to open the spreadsheet does not end the schedule', () => {
    const d = platform();
    const project = loadProject(d, A);
    project.scriptRun('api_installSchedule', 'hour', null, false);
    const [trigger] = d.triggersOf('lead@example.com');
    for (let i = 0; i < 4; i++) {
      d.spreadsheets.get(A)!.deleted = i % 2 === 0;
      project.fire(trigger.uid);
    }
    expect(d.triggersOf('lead@example.com')).toHaveLength(1);
  });

  it('a trigger that serves no spreadsheet (its record gone) removes itself at once', () => {
    const d = platform();
    const project = loadProject(d, A);
    project.scriptRun('api_installSchedule', 'hour', null, false);
    const [trigger] = d.triggersOf('lead@example.com');
    d.userProps.get('lead@example.com')!.clear();
    expect(() => project.fire(trigger.uid)).not.toThrow();
    expect(d.triggersOf('lead@example.com')).toEqual([]);
  });

  it('"Run now" from the menu honours a run in progress, and says so', () => {
    const d = platform();
    const project = loadProject(d, A);
    d.execute({ kind: 'time-trigger', user: 'ann@example.com', spreadsheet: null }, () =>
      takeLease(GasWorkbook.byId(A), gasRunHost(), 0),
    );
    project.menu('kpiLampRunNow');
    expect(d.ui.alerts).toEqual([expect.stringContaining('Another run is in progress; try again in a minute.')]);
    expect(stateOf(d, A)).toBeUndefined();
  });

  it('creating its sheets leaves the person on the sheet and cell they were on', () => {
    const d = platform();
    const project = loadProject(d, A);
    d.execute({ kind: 'sidebar', spreadsheet: A }, () => GasWorkbook.active().select('Accounts', 'C5'));
    project.menu('kpiLampRunNow');
    expect(stateOf(d, A)).toBeDefined();
    expect(d.spreadsheets.get(A)!.active).toEqual({
      sheet: 'Accounts',
      area: { row: 5, column: 3, rows: 1, columns: 1 },
    });
  });
});
