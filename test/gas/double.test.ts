/**
 * The Apps Script double keeps the platform's documented rules (each cited
 * in test/helpers/apps-script-double.ts): if it grew lenient, the tests that
 * run KPI Lamp on it would prove nothing.
 */
import { createDouble, interpret, type Cell } from '../helpers/apps-script-double';

type Any = any;
const svc = (d: ReturnType<typeof createDouble>) => d.services as Record<string, Any>;

describe('the Apps Script double', () => {
  it("an add-on's time trigger has no active spreadsheet, no document lock and no document properties; the sidebar has them", () => {
    const d = createDouble({ mode: 'addon' });
    const { SpreadsheetApp, LockService, PropertiesService } = svc(d);
    d.execute({ kind: 'time-trigger', spreadsheet: null }, () => {
      expect(SpreadsheetApp.getActiveSpreadsheet()).toBeNull();
      expect(LockService.getDocumentLock()).toBeNull();
      expect(PropertiesService.getDocumentProperties()).toBeNull();
      expect(() => SpreadsheetApp.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context');
      expect(SpreadsheetApp.openById(d.defaultId).getId()).toBe(d.defaultId);
    });
    d.execute({ kind: 'sidebar' }, () => {
      expect(SpreadsheetApp.getActiveSpreadsheet()).not.toBeNull();
      expect(LockService.getDocumentLock()).not.toBeNull();
      expect(PropertiesService.getDocumentProperties()).not.toBeNull();
    });
    // A bound script's trigger runs in its spreadsheet.
    const bound = createDouble({ mode: 'bound' });
    bound.execute({ kind: 'time-trigger' }, () => expect(svc(bound).LockService.getDocumentLock()).not.toBeNull());
  });

  it('the script lock is one for every user and document; an execution that ends releases its locks', () => {
    const d = createDouble({ mode: 'addon' });
    const { LockService } = svc(d);
    d.execute({ user: 'ann@example.com' }, () => {
      expect(LockService.getScriptLock().tryLock(1000)).toBe(true);
      d.execute({ user: 'bob@example.org', spreadsheet: 'elsewhere' }, () =>
        expect(LockService.getScriptLock().tryLock(1000)).toBe(false),
      );
    });
    d.execute({ user: 'bob@example.org' }, () => expect(LockService.getScriptLock().tryLock(0)).toBe(true));
  });

  it('property values: at most 9 KB counted in UTF-8 bytes with the key, 500 KB a store; an oversize write throws and stores nothing', () => {
    const d = createDouble();
    const props = svc(d).PropertiesService.getUserProperties();
    const k = 'k';
    props.setProperty(k, 'x'.repeat(9000 - 1));
    expect(() => props.setProperty(k, 'x'.repeat(9000))).toThrow('You have exceeded the property storage quota');
    // 3,000 Japanese characters are 3,000 in length but 9,000 bytes.
    expect(() => props.setProperty('ja', 'ロ'.repeat(3000))).toThrow('property storage quota');
    expect(props.getProperty('ja')).toBeNull();
    for (let i = 0; i < 54; i++) props.setProperty(`p${String(i).padStart(2, '0')}`, 'y'.repeat(8990));
    expect(() => props.setProperty('one-more', 'y'.repeat(8990))).toThrow('property storage quota');
    expect(props.getProperty('one-more')).toBeNull();
  });

  it('insertSheet makes the new sheet active; getActiveRange is null until something is selected', () => {
    const d = createDouble();
    const ss = svc(d).SpreadsheetApp.getActiveSpreadsheet();
    ss.insertSheet('First');
    ss.getSheetByName('First').getRange('B2').activate();
    expect(ss.getActiveRange().getA1Notation()).toBe('B2');
    ss.insertSheet('Second');
    expect(ss.getActiveSheet().getName()).toBe('Second');
    expect(() => ss.insertSheet('Second')).toThrow('already exists');
  });

  it('getValues gives Dates for date cells, numbers for numbers, "" for blanks, a fresh Date each time', () => {
    const d = createDouble();
    const ss = svc(d).SpreadsheetApp.getActiveSpreadsheet();
    const sh = ss.insertSheet('S');
    sh.getRange(1, 1, 1, 4).setValues([[new Date(Date.UTC(2027, 2, 31, 15)), 12.5, '', true]]);
    const [row] = sh.getRange(1, 1, 1, 4).getValues();
    expect(Object.prototype.toString.call(row[0])).toBe('[object Date]');
    expect(row.slice(1)).toEqual([12.5, '', true]);
    row[0].setFullYear(1999);
    expect(sh.getRange(1, 1).getValue().getUTCFullYear()).toBe(2027);
  });

  it('setValues parses strings as typing does, unless the cell is plain text', () => {
    const cell = (format = ''): Cell => ({ value: '', format });
    const typed = (x: unknown, format = '') => {
      const c = cell(format);
      interpret(x, c, 'Asia/Tokyo');
      return c;
    };
    expect(typed('=IMPORTXML("http://x","//a")')).toMatchObject({ formula: '=IMPORTXML("http://x","//a")' });
    expect(typed('+SUM(A1)').formula).toBe('+SUM(A1)');
    expect(typed('001').value).toBe(1);
    expect(typed('1,234').value).toBe(1234);
    expect(typed('50%').value).toBe(0.5);
    expect(typed('TRUE').value).toBe(true);
    expect((typed('2027-03-31').value as Date).toISOString()).toBe('2027-03-30T15:00:00.000Z');
    expect((typed('2026-11').value as Date).toISOString()).toBe('2026-10-31T15:00:00.000Z');
    expect(typed("'001").value).toBe('001');
    expect(typed('Acme').value).toBe('Acme');
    for (const s of ['=1+1', '001', '2027-03-31', "'x"]) expect(typed(s, '@')).toEqual({ value: s, format: '@' });
  });

  it('an add-on: one time trigger per user per document, never more often than hourly; 20 a user in all', () => {
    const d = createDouble({ mode: 'addon' });
    const { ScriptApp } = svc(d);
    expect(() => ScriptApp.newTrigger('f').timeBased().everyMinutes(30).create()).toThrow(
      'more frequently than once per hour',
    );
    ScriptApp.newTrigger('f').timeBased().everyHours(1).create();
    expect(() => ScriptApp.newTrigger('g').timeBased().everyDays(1).atHour(7).create()).toThrow(
      'too many time-based triggers in this document',
    );
    // Another person, or another document, may have theirs.
    d.execute({ user: 'bob@example.org' }, () => ScriptApp.newTrigger('f').timeBased().everyHours(1).create());
    d.addSpreadsheet('other');
    d.execute({ spreadsheet: 'other' }, () => ScriptApp.newTrigger('f').timeBased().everyHours(1).create());
    expect(d.triggersOf('lead@example.com')).toHaveLength(2);
    expect(() => ScriptApp.newTrigger('f').timeBased().everyHours(3)).toThrow('1, 2, 4, 6, 8 or 12');
    const bound = createDouble();
    for (let i = 0; i < 20; i++) svc(bound).ScriptApp.newTrigger('f').timeBased().everyHours(1).create();
    expect(() => svc(bound).ScriptApp.newTrigger('f').timeBased().everyHours(1).create()).toThrow('too many triggers');
  });

  it('a custom function may read but not write', () => {
    const d = createDouble();
    const ss = svc(d).SpreadsheetApp.getActiveSpreadsheet();
    ss.insertSheet('S');
    d.execute({ kind: 'custom-function' }, () => {
      const sh = svc(d).SpreadsheetApp.getActiveSpreadsheet().getSheetByName('S');
      expect(sh.getRange(1, 1).getValue()).toBe('');
      expect(() => sh.getRange(1, 1).setValue(1)).toThrow('You do not have permission');
    });
  });

  it('openById fails for a deleted file, and for a person it is no longer shared with', () => {
    const d = createDouble();
    const { SpreadsheetApp } = svc(d);
    d.spreadsheets.get(d.defaultId)!.unshared.add('ann@example.com');
    d.execute({ user: 'ann@example.com' }, () =>
      expect(() => SpreadsheetApp.openById(d.defaultId)).toThrow('permission'),
    );
    d.spreadsheets.get(d.defaultId)!.deleted = true;
    expect(() => SpreadsheetApp.openById(d.defaultId)).toThrow('not found');
  });
});
