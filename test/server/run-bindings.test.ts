/**
 * A careless user's workbook and the run (scheduled or Run now): a misspelt
 * sheet or column that the tree binds stops the run with a message naming
 * it and the closest name there, in the workbook's language; the run is
 * recorded as failed (the Lamps panel shows it) and writes nothing — never
 * "0 accounts at risk" or every lamp "too little history". A team that
 * simply has no History or no Snapshots yet still gets its lamps. In memory
 * and on GasWorkbook over the Apps Script double (an Editor add-on).
 */
import { loadCsvFolder } from '../../src/local/load-workbook';
import type { MemoryWorkbook } from '../../src/local/memory-workbook';
import { runErrorText } from '../../src/i18n/lamp-text';
import { EVIDENCE_KEY } from '../../src/server/evidence-store';
import { LAST_RUN_KEY, lastRun, runLamps } from '../../src/server/run';
import { readChunks } from '../../src/server/tree-store';
import { WORKBOOK_LANG_KEY } from '../../src/server/workbook-lang';
import { BOOK_KINDS, bookFrom, SAMPLE, useBooks, type Book, type BookKind } from '../helpers/books';
import { wholeBook } from '../helpers/whole-book';

useBooks();

function renameSheet(m: MemoryWorkbook, from: string, to: string): void {
  const grid = m.grid(from)!;
  m.deleteSheet(from);
  m.addSheet(to, grid);
}

function renameColumn(m: MemoryWorkbook, sheet: string, from: string, to: string): void {
  const c = m.readSheet(sheet)!.header.indexOf(from);
  expect(c).toBeGreaterThanOrEqual(0);
  m.writeValues(sheet, 1, c + 1, [[to]]);
}

/** The sample, changed as a careless user would have it, in one kind of book. */
function book(kind: BookKind, change: (m: MemoryWorkbook) => void, lang: 'en' | 'ja' = 'en'): Book {
  const m = loadCsvFolder(SAMPLE, { locale: 'en' });
  change(m);
  const b = bookFrom(kind, m);
  if (lang === 'ja') b.wb.documentStore().set(WORKBOOK_LANG_KEY, 'ja');
  return b;
}

/** Runs, and checks that the run failed having written nothing but its own record. */
function failedRun(b: Book) {
  const ignore = (k: string) => k === LAST_RUN_KEY;
  const before = wholeBook(b, ignore);
  const r = runLamps(b.wb, b.host());
  expect(r.ok).toBe(false);
  expect(JSON.stringify(wholeBook(b, ignore))).toBe(JSON.stringify(before));
  // Recorded as a failed run (the Lamps panel's last-run line), never as a count of accounts.
  expect(lastRun(b.wb)).toEqual(r);
  expect(r).toMatchObject({ accounts: 0, lit: 0, lamps: 0 });
  return r;
}

describe.each(BOOK_KINDS)('the run names what the tree binds and the workbook lacks (%s)', (kind) => {
  it('a misspelt History sheet: the run fails naming it, rather than every lamp "too little history"', () => {
    const r = failedRun(book(kind, (m) => renameSheet(m, 'History', 'Histroy')));
    expect(r.error!.key).toBe('run.error.bindings');
    expect(r.error!.text).toBe(
      'The workbook lacks what the KPI tree reads (1 missing): nothing was judged or changed. First: ' +
        'The setting settings.history_sheet names the sheet "History", which this workbook does not have (did you mean "Histroy"?)',
    );
    // Whoever reads the record later reads it in their own language.
    expect(runErrorText('ja', r.error!)).toBe(
      'KPI ツリーが読むシートや列がワークブックにありません(1 件)。何も判定・変更していません。最初の問題: ' +
        '設定 settings.history_sheet がシート「History」を指定していますが、このワークブックにありません(「Histroy」のことですか?)',
    );
  });

  it('a misspelt KPI column: the run fails naming it, rather than "0 accounts at risk" for that lamp', () => {
    const r = failedRun(book(kind, (m) => renameColumn(m, 'Accounts', 'login_rate_30d', 'login_rate_30')));
    expect(r.error!.key).toBe('run.error.bindings');
    expect(r.error!.text).toContain(
      'Node "login" (accounts_column) names the column "login_rate_30d", which sheet "Accounts" does not have (did you mean "login_rate_30"?)',
    );
    expect(r.error!.params).toMatchObject({
      count: 1,
      what: 'column',
      sheet: 'Accounts',
      column: 'login_rate_30d',
      node: 'login',
      field: 'accounts_column',
      hint: 'login_rate_30',
    });
  });

  it('in the workbook’s language (Japanese), with every missing binding counted', () => {
    const b = book(
      kind,
      (m) => {
        renameColumn(m, 'Accounts', 'last_nps', 'lastnps');
        renameColumn(m, 'History', 'churn_rate', 'churn rate');
      },
      'ja',
    );
    const r = failedRun(b);
    expect(r.error!.text).toBe(
      'KPI ツリーが読むシートや列がワークブックにありません(2 件)。何も判定・変更していません。最初の問題: ' +
        'ノード "kgi" の history_column が列「churn_rate」を指定していますが、シート「History」にありません(「churn rate」のことですか?)',
    );
  });

  it('a misspelt Snapshots sheet stops the run too: it would start a second Snapshots beside it', () => {
    const b = book(kind, (m) => renameSheet(m, 'Snapshots', 'Snapshot'));
    const r = failedRun(b);
    expect(r.error!.text).toContain(
      'The setting settings.snapshots_sheet names the sheet "Snapshots", which this workbook does not have (did you mean "Snapshot"?)',
    );
    expect(b.wb.sheetNames()).not.toContain('Snapshots');
  });

  it('the sidebar names the same (Lamps panel and tree state), and a panel opened first does not keep evidence judged without History', () => {
    const b = book(kind, (m) => {
      renameSheet(m, 'History', 'Histroy');
      renameColumn(m, 'Accounts', 'login_rate_30d', 'login_rate_30');
    });
    const sheetMissing = {
      what: 'sheet',
      sheet: 'History',
      by: { setting: 'settings.history_sheet' },
      hint: 'Histroy',
    };
    const columnMissing = {
      what: 'column',
      sheet: 'Accounts',
      column: 'login_rate_30d',
      by: { node: 'login', field: 'accounts_column' },
      hint: 'login_rate_30',
    };
    const panel = b.api().getLampsPanel().panel!;
    expect(panel.missing).toEqual([sheetMissing, columnMissing]);
    expect(b.api().getTreeState().missing).toEqual([sheetMissing, columnMissing]);
    // The panel judged the evidence without History: not kept, so the run judges again and stops.
    expect(readChunks(b.wb.documentStore(), EVIDENCE_KEY)).toBeNull();
    const r = failedRun(b);
    expect(r.error!.params).toMatchObject({ count: 2, sheet: 'History', hint: 'Histroy' });
  });

  it('"Judge my changes" names what an unsaved draft binds and the workbook lacks', () => {
    const b = book(kind, () => undefined);
    const doc = b.api().getTreeState().tree!;
    const draft = { ...doc, settings: { ...doc.settings, history_sheet: 'Histroy' } };
    const r = b.api().checkDraft(draft);
    expect(r.ok).toBe(true);
    expect(r.missing).toEqual([
      { what: 'sheet', sheet: 'Histroy', by: { setting: 'settings.history_sheet' }, hint: 'History' },
    ]);
    expect(b.api().checkDraft(doc).missing).toEqual([]);
  });

  it('with only the History sheet misspelt, evidence kept from before the mistake is not used to hide it', () => {
    const b = book(kind, () => undefined);
    expect(b.api().getLampsPanel().panel!.missing).toEqual([]);
    expect(readChunks(b.wb.documentStore(), EVIDENCE_KEY)).not.toBeNull();
    // Renamed afterwards (a History sheet gone changes what the kept evidence rests on).
    const grid = b.wb.readSheet('History')!;
    b.wb.deleteSheet('History');
    b.wb.ensureSheet('Histroy', grid.header);
    expect(failedRun(b).error!.params).toMatchObject({ sheet: 'History', hint: 'Histroy' });
    expect(b.api().getLampsPanel().panel!.missing).toHaveLength(1);
  });

  it('no History and no Snapshots at all is a team without history yet: its lamps are lit all the same', () => {
    const b = book(kind, (m) => {
      m.deleteSheet('History');
      m.deleteSheet('Snapshots');
    });
    const r = runLamps(b.wb, b.host());
    expect(r.error).toBeNull();
    expect(r.ok).toBe(true);
    expect(r.lit).toBeGreaterThan(0);
  });
});
