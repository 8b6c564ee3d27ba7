/**
 * Writes are all or nothing: for every operation that writes (the run,
 * saving and importing a tree, 対応中, the schedule, run settings, removal),
 * each of its writes is failed in turn — the k-th write throws, for every k
 * up to the number of writes the operation makes — and the whole workbook
 * (sheets in order with every cell, value, date, number format, grid size
 * and frozen rows; conditional-format rules; the document's, the file's and
 * every user's stores; the triggers) is compared with what it was before.
 * An operation that reports a failure (a run result that is not ok, a call
 * that throws) leaves the workbook exactly as it was; one that went through
 * (the failed write came after everything was written: the run's own record,
 * the lease) leaves it exactly as a run without any failure does. On the
 * in-memory workbook, and on GasWorkbook over the Apps Script double as an
 * Editor add-on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCsvFolder } from '../../src/local/load-workbook';
import { isImportedText, MemoryWorkbook, type StoredCell } from '../../src/local/memory-workbook';
import type { Workbook } from '../../src/ports/workbook';
import { createApi } from '../../src/server/api';
import { EVIDENCE_KEY } from '../../src/server/evidence-store';
import { LEASE_KEY } from '../../src/server/lease';
import { LAST_RUN_KEY, RUN_SETTINGS_KEY, runLamps } from '../../src/server/run';
import { parseState, STATE_SHEET } from '../../src/server/run-state';
import { saveTree } from '../../src/server/tree-store';
import { BOOK_KINDS, bookFrom, DEFAULT_USER, SAMPLE, useBooks, type Book, type BookKind } from '../helpers/books';
import { failingAt } from '../helpers/failing-workbook';
import { wholeBook, type WholeBook } from '../helpers/whole-book';
import { countRun } from '../../bench/trigger-bench';

useBooks();

const STARTER = JSON.parse(readFileSync(join(__dirname, '..', '..', 'sample', 'starter-tree.json'), 'utf8'));
const OTHER = 'ann@example.com';

const text = (c: StoredCell | undefined) =>
  c === null || c === undefined ? '' : isImportedText(c) ? c.text : String(c);

/** The sample cut down to 12 accounts (their Snapshots rows, the whole History, the tree), so that every write can be failed in turn quickly. */
const template = (() => {
  const sample = loadCsvFolder(SAMPLE, { locale: 'en' });
  const accounts = sample.grid('Accounts')!.slice(0, 13);
  const ids = new Set(accounts.slice(1).map((r) => text(r[0])));
  const snaps = sample.grid('Snapshots')!;
  return {
    Accounts: accounts,
    Snapshots: [snaps[0], ...snaps.slice(1).filter((r) => ids.has(text(r[1])))],
    History: sample.grid('History')!,
    'KPI Lamp Tree': sample.grid('KPI Lamp Tree')!,
    'KPI Lamp Settings': sample.grid('KPI Lamp Settings')!,
  } as Record<string, StoredCell[][]>;
})();

function fixture(kind: BookKind, withTree = true): Book {
  const m = new MemoryWorkbook({ locale: 'en' });
  for (const [name, grid] of Object.entries(template))
    if (withTree || !name.startsWith('KPI Lamp')) m.addSheet(name, grid);
  const book = bookFrom(kind, m);
  // Grids as large as their data, as a CSV import makes them: the run grows Accounts by its lamp
  // column and Snapshots by the month's rows, which a failed run must take away again.
  for (const sheet of book.double?.sheets.values() ?? []) {
    sheet.maxRows = sheet.cells.length;
    sheet.maxColumns = Math.max(1, ...sheet.cells.map((r) => r.length));
  }
  book.addUserRule('Accounts', { ranges: ['D2:D13'], formula: '=$D2>10000000', background: '#00ff00' });
  return book;
}

type Outcome = 'ok' | 'failed';

interface Scenario {
  name: string;
  withTree?: boolean;
  /** What happened before (made without failures). */
  before?(book: Book): void;
  /** The operation, over the workbook given (the failing one). */
  op(wb: Workbook, book: Book): Outcome;
  /** Store keys outside the comparison (the run's own record, the lease). */
  ignore?: string[];
  /** A check that the clean operation does what the scenario is about. */
  check?(book: Book): void;
}

const api = (wb: Workbook, book: Book, user = DEFAULT_USER) => createApi(wb, book.host(undefined, user));
const run = (wb: Workbook, book: Book, start?: string): Outcome =>
  runLamps(wb, book.host(start)).ok ? 'ok' : 'failed';
const litLamp = (book: Book): [string, string] => {
  for (const [id, st] of parseState(book.wb.readSheet(STATE_SHEET)))
    for (const [node, k] of Object.entries(st.lamps))
      if ((k.s === 'alert' || k.s === 'warn') && !k.g) return [id, node];
  throw new Error('no lit lamp');
};
/** The run records its outcome, failed or not: its record is outside the comparison. */
const RUN_KEYS = [LAST_RUN_KEY];
/** Writes an operation can do without: kept evidence (judged again when missing), the run's record, the lease (it expires). */
const SPARE = [EVIDENCE_KEY, LAST_RUN_KEY, LEASE_KEY];

const scenarios: Scenario[] = [
  {
    name: 'the first run (State and Log created, the lamp column, rules, the month joins Snapshots)',
    op: (wb, book) => run(wb, book),
    ignore: RUN_KEYS,
    check: (book) => expect(book.wb.readSheet('Snapshots')!.rows.some((r) => r[0] === '2026-11')).toBe(true),
  },
  {
    name: 'the first run of a workbook without Snapshots (the run starts the sheet)',
    before: (book) => book.wb.deleteSheet('Snapshots'),
    op: (wb, book) => run(wb, book),
    ignore: RUN_KEYS,
    check: (book) => expect(book.wb.readSheet('Snapshots')!.rows.some((r) => r[0] === '2026-11')).toBe(true),
  },
  {
    name: 'the first run with a log that rotates',
    before: (book) => book.wb.documentStore().set(RUN_SETTINGS_KEY, JSON.stringify({ logMaxRows: 100 })),
    op: (wb, book) => run(wb, book),
    ignore: RUN_KEYS,
  },
  {
    name: 'a daily run (lamps on and off, the state and log rewritten)',
    before: (book) => {
      expect(run(book.wb, book)).toBe('ok');
      const t = book.wb.readSheet('Accounts')!;
      const c = t.header.indexOf('login_rate_30d') + 1;
      book.wb.writeValues(
        'Accounts',
        2,
        c,
        t.rows.map((_, i) => [i % 2 ? 0.05 : 0.95]),
      );
    },
    op: (wb, book) => run(wb, book, '2026-11-23T00:30:00Z'),
    ignore: RUN_KEYS,
  },
  {
    name: 'saving a tree over the one there',
    op: (wb) => {
      const doc = JSON.parse(JSON.stringify(STARTER));
      doc.nodes[1].name = 'Renamed';
      doc.settings = { ...doc.settings, alert_budget: 0.3 };
      return saveTree(wb, doc).ok ? 'ok' : 'failed';
    },
  },
  {
    name: 'saving the first tree of a workbook (its sheets created)',
    withTree: false,
    op: (wb) => (saveTree(wb, STARTER).ok ? 'ok' : 'failed'),
  },
  {
    name: 'importing a tree from the sidebar',
    op: (wb, book) =>
      api(wb, book).importTree(JSON.stringify({ ...STARTER, nodes: STARTER.nodes.slice(0, 4) })).ok ? 'ok' : 'failed',
  },
  {
    name: 'marking a lamp 対応中',
    before: (book) => expect(run(book.wb, book)).toBe('ok'),
    op: (wb, book) => {
      const [id, node] = litLamp(book);
      api(wb, book).acknowledge(id, node, 'Called them', '2026-12-01');
      return 'ok';
    },
  },
  {
    name: 'installing the schedule',
    op: (wb, book) => (api(wb, book).installSchedule('day', 6, false).ok ? 'ok' : 'failed'),
  },
  {
    name: 'replacing my own schedule (an add-on removes the old trigger first)',
    before: (book) =>
      book.as(DEFAULT_USER, () => expect(api(book.wb, book).installSchedule('day', 6, false).ok).toBe(true)),
    op: (wb, book) => (api(wb, book).installSchedule('hour', null, false).ok ? 'ok' : 'failed'),
  },
  {
    name: "replacing someone else's schedule",
    before: (book) => expect(book.api(OTHER).installSchedule('day', 6, false).ok).toBe(true),
    op: (wb, book) => (api(wb, book).installSchedule('day', 7, true).ok ? 'ok' : 'failed'),
  },
  {
    name: 'removing the schedule (the trigger goes last)',
    before: (book) =>
      book.as(DEFAULT_USER, () => expect(api(book.wb, book).installSchedule('day', 6, false).ok).toBe(true)),
    op: (wb, book) => (api(wb, book).removeSchedule(), 'ok'),
  },
  {
    name: "choosing the workbook's language (the sidebar's switch: mine, the document's, the trigger's copy)",
    op: (wb, book) => (api(wb, book).setLang('ja'), 'ok'),
  },
  {
    name: 'changing the run settings',
    op: (wb, book) => (api(wb, book).setRunSettings({ persistence: 2, digest: true, logMaxRows: 500 }), 'ok'),
  },
  {
    name: 'removing KPI Lamp and its sheets',
    before: (book) => {
      expect(run(book.wb, book)).toBe('ok');
      book.as(DEFAULT_USER, () => expect(api(book.wb, book).installSchedule('day', 6, false).ok).toBe(true));
    },
    op: (wb, book) => (api(wb, book).removeEverything(true), 'ok'),
  },
  {
    name: 'removing KPI Lamp, keeping its sheets',
    before: (book) => expect(run(book.wb, book)).toBe('ok'),
    op: (wb, book) => (api(wb, book).removeEverything(false), 'ok'),
  },
];

/** Deep equality, by the JSON text first (a whole book is a hundred thousand cells); the difference shown when there is one. */
function same(actual: unknown, expected: unknown): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) expect(actual).toEqual(expected);
}

/** A whole book without the stored keys that start with `prefix`. */
function without(book: WholeBook, prefix: string | null): WholeBook {
  if (prefix === null) return book;
  const stores: WholeBook['stores'] = {};
  for (const [k, entries] of Object.entries(book.stores))
    stores[k] = entries.filter(([key]) => !key.startsWith(prefix));
  return { ...book, stores };
}

describe.each(BOOK_KINDS)('every write failed in turn (%s)', (kind) => {
  it.each(scenarios.map((s) => [s.name, s] as const))(
    '%s',
    (_, s) => {
      const ignore = (key: string) => (s.ignore ?? []).includes(key);
      const setUp = () => {
        const b = fixture(kind, s.withTree ?? true);
        if (s.before) s.before(b);
        return b;
      };
      const attempt = (b: Book, k: number) => {
        const f = failingAt(b.wb, k);
        let outcome: Outcome | 'threw';
        try {
          outcome = b.as(DEFAULT_USER, () => s.op(f.wb, b));
        } catch {
          outcome = 'threw';
        }
        return { outcome, writes: f.writes(), failed: f.failed() };
      };

      // Without a failure: how many writes, and what the workbook becomes.
      const clean = setUp();
      const original = wholeBook(clean, ignore);
      const done = attempt(clean, Infinity);
      expect(done.outcome).toBe('ok');
      s.check?.(clean);
      const success = wholeBook(clean, ignore);
      expect(JSON.stringify(success)).not.toBe(JSON.stringify(original));
      const n = done.writes;
      expect(n).toBeGreaterThan(0);

      let undone = 0;
      for (let k = 1; k <= n; k++) {
        const b = setUp();
        const r = attempt(b, k);
        expect({ k, failed: r.failed !== null }).toEqual({ k, failed: true });
        // A write the operation can do without (the evidence it keeps to save judging again, its own
        // record, the lease) may fail on its own: then that key alone is left out.
        const spare = (r.failed !== null && SPARE.find((key) => r.failed!.includes(key))) || null;
        const after = without(wholeBook(b, ignore), spare);
        if (r.outcome === 'ok')
          same({ k, what: r.failed, after }, { k, what: r.failed, after: without(success, spare) });
        else {
          same({ k, what: r.failed, after }, { k, what: r.failed, after: without(original, spare) });
          undone++;
        }
      }
      // Most failures are undone: only the writes an operation can do without may fail on their own.
      expect(undone).toBeGreaterThan(n / 2);
    },
    120_000,
  );
});

describe('every Apps Script call that changes something, failed in turn (GasWorkbook over the double)', () => {
  // The platform may fail inside a write of the port (a sheet grown, then setValues refused): the k-th
  // call that changes a spreadsheet, a store or the triggers throws. Which store key a call was about is
  // not known here, so the keys an operation can do without are left out of every comparison.
  it.each(scenarios.map((s) => [s.name, s] as const))(
    '%s',
    (_, s) => {
      const ignore = (key: string) => (s.ignore ?? []).includes(key) || SPARE.some((p) => key.startsWith(p));
      const setUp = () => {
        const b = fixture('apps-script', s.withTree ?? true);
        if (s.before) s.before(b);
        return b;
      };
      const attempt = (b: Book, k: number) => {
        const d = b.double!;
        d.failCall(k);
        let outcome: Outcome | 'threw';
        try {
          outcome = b.as(DEFAULT_USER, () => s.op(b.wb, b));
        } catch {
          outcome = 'threw';
        }
        const failed = d.failedCall;
        d.failCall(Infinity);
        return { outcome, failed };
      };
      const clean = setUp();
      const original = wholeBook(clean, ignore);
      clean.double!.failCall(Infinity);
      expect(clean.as(DEFAULT_USER, () => s.op(clean.wb, clean))).toBe('ok');
      const n = clean.double!.changingCalls();
      const success = wholeBook(clean, ignore);
      expect(n).toBeGreaterThan(0);
      for (let k = 1; k <= n; k++) {
        const book = setUp();
        const r = attempt(book, k);
        expect({ k, failed: r.failed !== null }).toEqual({ k, failed: true });
        same(
          { k, what: r.failed, after: wholeBook(book, ignore) },
          { k, what: r.failed, after: r.outcome === 'ok' ? success : original },
        );
      }
    },
    120_000,
  );
});

describe('the cost of being able to undo', () => {
  // (Sizes whose log stays within its first 1,000 rows: a log that grows costs one format call more, with or without the journal.)
  it('a daily run in Apps Script reads nothing more: what it undoes to is what it read, so its data calls stay the same for 300 and 600 accounts, and no more than the 8 it made before', () => {
    const small = countRun(300);
    const big = countRun(600);
    expect(big.data).toBe(small.data);
    expect(small.data).toBeLessThanOrEqual(8);
    expect(big.firstData).toBe(small.firstData);
  }, 60_000);
});
