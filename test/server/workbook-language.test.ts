/**
 * One language for what KPI Lamp writes into the spreadsheet: the lamp
 * column's words after its fixed code and the Log's message column follow
 * the language chosen in the sidebar (kept with the spreadsheet, and where
 * an add-on's trigger reads it), while the codes the colour rules and
 * scripts read stay fixed. A Log sheet written before the message column
 * existed keeps working. In memory and in Apps Script (the double).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOG_HEADER, LOG_SHEET, parseLog, parseState, STATE_SHEET } from '../../src/server/run-state';
import { LOG_HEADER_KEY, runLamps, RUN_SETTINGS_KEY } from '../../src/server/run';
import { saveTree } from '../../src/server/tree-store';
import { WORKBOOK_LANG_KEY, workbookLang } from '../../src/server/workbook-lang';
import { BOOK_KINDS, sampleBook, useBooks, type Book, type BookKind } from '../helpers/books';

useBooks();

const JA_TREE = JSON.parse(readFileSync(join(__dirname, '..', '..', 'sample', 'starter-tree.ja.json'), 'utf8'));
/** The Log's columns before `previous_state` and `message` existed. */
const OLD_LOG_HEADER = LOG_HEADER.slice(0, LOG_HEADER.indexOf('previous_state'));

function lampCell(b: Book, id: string): string {
  const t = b.wb.readSheet('Accounts')!;
  return String(t.rows.find((r) => r[0] === id)![t.header.indexOf('KPI Lamp')]);
}

describe.each(BOOK_KINDS)('the workbook language (%s)', (kind: BookKind) => {
  it('follows the sidebar’s switch: the lamp column and the log in Japanese, the fixed codes as they were', () => {
    const b = sampleBook(kind);
    expect(workbookLang(b.wb)).toBe('en');
    b.api().setLang('ja');
    expect(workbookLang(b.wb)).toBe('ja');
    // An add-on's time trigger reads the file's own store: the choice is there too.
    expect(b.wb.fileStore().get(WORKBOOK_LANG_KEY)).toBe('ja');
    expect(saveTree(b.wb, JA_TREE).ok).toBe(true);
    const r = runLamps(b.wb, b.host());
    expect(r.ok).toBe(true);
    expect(lampCell(b, 'A0432')).toMatch(/^\[alert\] 警告 — /);
    expect(lampCell(b, 'A0432')).toContain('オンボーディング完了: 0 で、警告ライン 0 以下');
    // After the fixed code, no English word is left.
    expect(lampCell(b, 'A0432').replace(/^\[alert\] /, '')).not.toMatch(/[A-Za-z]{3,}/);
    const log = parseLog(b.wb.readSheet(LOG_SHEET));
    const on = log.find((e) => e.account_id === 'A0432' && e.node === 'onboarding')!;
    expect(on).toMatchObject({ event: 'on', state: 'alert', previous_state: 'ok', value: 0 });
    expect(on.message).toBe('オンボーディング完了が点灯(正常 → 警告): 0 で、警告ライン 0 以下');
    const watch = log.find((e) => e.event === 'watch')!;
    expect(watch.message).toMatch(/^経営層とのミーティング\(90日\)が点灯、ただし様子見で件数に数えません/);
    // The run's own result is worded in the workbook's language too.
    expect(r.error).toBeNull();
  });

  it('without a choice, writes in the locale of whoever runs it; a person’s later choice changes the next run', () => {
    const b = sampleBook(kind);
    runLamps(b.wb, b.host());
    expect(lampCell(b, 'A0432')).toMatch(
      /^\[alert\] Alert — Onboarding completed: 0, at or below the alert threshold 0/,
    );
    b.api().setLang('ja');
    // The same lamps, so nothing new is logged; the column is rewritten in Japanese (the tree's names are its own).
    runLamps(b.wb, b.host('2026-11-23T00:30:00Z'));
    expect(lampCell(b, 'A0432')).toMatch(/^\[alert\] 警告 — Onboarding completed: 0 で、警告ライン 0 以下/);
    // Going back to the locale (null) keeps the workbook's language: the file says one thing to everyone.
    b.api().setLang(null);
    expect(workbookLang(b.wb)).toBe('ja');
  });

  it('logs from → to, and 対応中 with its memo, in words', () => {
    const b = sampleBook(kind);
    const host = b.host();
    runLamps(b.wb, host);
    const t = b.wb.readSheet('Accounts')!;
    const row = t.rows.findIndex((r) => r[0] === 'A0432');
    b.wb.writeValues('Accounts', row + 2, t.header.indexOf('onboarding_completed') + 1, [[true]]);
    host.setNow('2026-11-23T00:30:00Z');
    runLamps(b.wb, host);
    const off = parseLog(b.wb.readSheet(LOG_SHEET)).find(
      (e) => e.event === 'off' && e.account_id === 'A0432' && e.node === 'onboarding',
    )!;
    expect(off).toMatchObject({ previous_state: 'alert', state: 'ok', value: 1 });
    expect(off.message).toBe('Onboarding completed went off (Alert → OK): 1, above the threshold 0');
    const lit = [...parseState(b.wb.readSheet(STATE_SHEET)).values()].find(
      (a) => a.lamps.nps && !a.lamps.nps.g && (a.lamps.nps.s === 'alert' || a.lamps.nps.s === 'warn'),
    )!;
    b.api().acknowledge(lit.id, 'nps', 'Called them', '2026-12-01');
    const ack = parseLog(b.wb.readSheet(LOG_SHEET)).find((e) => e.event === 'in_progress')!;
    expect(ack).toMatchObject({ account_id: lit.id, previous_state: lit.lamps.nps.s, state: lit.lamps.nps.s });
    expect(ack.message).toBe(
      'lead@example.com marked Last NPS answer in progress: Called them (snoozed until 2026-12-01)',
    );
  });

  it('an old Log (without previous_state and message) keeps its rows; new rows go by its header’s names', () => {
    const b = sampleBook(kind);
    // A Log an earlier version wrote, with its columns in another order than today's (a person moved one).
    const header = ['event', ...OLD_LOG_HEADER.filter((h) => h !== 'event')];
    const old: Record<string, string | number> = {
      time: '2026-10-01T09:00:00',
      account_id: 'A0001',
      node: 'login',
      node_name: '30-day login rate',
      event: 'on',
      state: 'alert',
      value: 0,
      user: 'old@example.com',
    };
    b.wb.ensureSheet(LOG_SHEET, header);
    b.wb.writeValues(LOG_SHEET, 2, 1, [header.map((h) => old[h] ?? null)], true);
    runLamps(b.wb, b.host());
    const sheet = b.wb.readSheet(LOG_SHEET)!;
    expect(sheet.header).toEqual([...header, 'previous_state', 'message']);
    expect(JSON.parse(b.wb.documentStore().get(LOG_HEADER_KEY)!)).toEqual(sheet.header);
    const log = parseLog(sheet);
    // The old row reads as it was written (its value 0 stays 0), with nothing in the new columns.
    expect(log[0]).toMatchObject({
      account_id: 'A0001',
      event: 'on',
      value: 0,
      previous_state: null,
      message: null,
      user: 'old@example.com',
    });
    const fresh = log.find((e) => e.account_id === 'A0432' && e.node === 'onboarding')!;
    expect(fresh).toMatchObject({ event: 'on', state: 'alert', previous_state: 'ok' });
    expect(sheet.rows[log.indexOf(fresh)][0]).toBe('on'); // the event in the sheet's own first column
  });

  it('rotating an old Log keeps every row as wide as its header', () => {
    const b = sampleBook(kind);
    b.wb.documentStore().set(RUN_SETTINGS_KEY, JSON.stringify({ logMaxRows: 200 }));
    b.wb.ensureSheet(LOG_SHEET, OLD_LOG_HEADER);
    const rows = Array.from({ length: 150 }, (_, i) =>
      OLD_LOG_HEADER.map((h) =>
        h === 'account_id'
          ? `X${i}`
          : h === 'node'
            ? 'login'
            : h === 'event'
              ? 'on'
              : h === 'time'
                ? '2026-10-01T09:00:00'
                : null,
      ),
    );
    b.wb.writeValues(LOG_SHEET, 2, 1, rows, true);
    expect(runLamps(b.wb, b.host()).ok).toBe(true);
    const sheet = b.wb.readSheet(LOG_SHEET)!;
    expect(sheet.rows.length).toBeLessThanOrEqual(200);
    expect(sheet.header).toEqual(LOG_HEADER);
    expect(parseLog(sheet).every((e) => e.event && e.account_id)).toBe(true);
    expect(parseLog(sheet).slice(-1)[0].message).toMatch(/came on|went off|on watch/);
  });
});
