/** The sidebar's server API, in memory and in Apps Script (GasWorkbook over the Apps Script double): the same code runs in both and the playground. */
import { MemoryWorkbook } from '../../src/local/memory-workbook';
import { ApiError, langKey } from '../../src/server/api';
import { BOOK_KINDS, opener, useBooks, type BookKind } from '../helpers/books';

useBooks();

function memoryBook(locale = 'en_US'): MemoryWorkbook {
  const wb = new MemoryWorkbook({ locale });
  wb.addSheet('Accounts', [
    [' account_id ', 'account_name', null, 'arr'],
    ['A0001', 'Aoba', null, 1200],
  ]);
  wb.addSheet('History', [
    ['month', 'churn_rate'],
    ['2024-01', 0.03],
  ]);
  wb.addSheet('Empty header', [
    [null, null],
    [1, 2],
  ]);
  wb.addSheet('Blank', []);
  return wb;
}

/** What google.script.run would deliver: JSON-safe, nothing undefined. */
const wire = <T>(v: T): T => JSON.parse(JSON.stringify(v));

describe.each(BOOK_KINDS)('createApi (%s)', (kind: BookKind) => {
  const { open, createApi } = opener(kind);
  const book = (locale?: string) => open(memoryBook(locale));

  it('gives the sheets, the active sheet (the first when nothing is selected) and its headers, trimmed', () => {
    const ctx = createApi(book()).getContext();
    expect(ctx).toEqual({
      lang: 'en',
      langChosen: false,
      sheets: ['Accounts', 'History', 'Empty header', 'Blank'],
      activeSheet: 'Accounts',
      activeRange: null,
      headers: ['account_id', 'account_name', '', 'arr'],
      hasTree: false,
    });
    expect(wire(ctx)).toEqual(ctx);
  });

  it('follows the active range, and an empty header row gives no headers', () => {
    const wb = book();
    wb.select('History', 'B2:B9');
    const api = createApi(wb);
    expect(api.getContext()).toMatchObject({
      activeSheet: 'History',
      activeRange: 'B2:B9',
      headers: ['month', 'churn_rate'],
    });
    expect(api.getSelection()).toEqual({ activeSheet: 'History', activeRange: 'B2:B9' });
    wb.select('Empty header', 'A1');
    expect(api.getContext().headers).toEqual([]);
    wb.select('Blank', 'A1');
    expect(api.getContext().headers).toEqual([]);
  });

  it('falls back to the first sheet when the active one is gone, and copes with no sheet at all', () => {
    const wb = book();
    wb.select('History', 'A1');
    wb.deleteSheet('History');
    expect(createApi(wb).getSelection()).toEqual({ activeSheet: 'Accounts', activeRange: null });
    const none = createApi(new MemoryWorkbook()).getContext();
    expect(none).toMatchObject({ sheets: [], activeSheet: null, headers: [] });
  });

  it('speaks the locale until the user chooses, and remembers the choice in the user store', () => {
    const wb = book('ja_JP');
    const api = createApi(wb);
    expect(api.getContext()).toMatchObject({ lang: 'ja', langChosen: false });
    expect(api.setLang('en')).toMatchObject({ lang: 'en', langChosen: true });
    expect(wb.userStore().get(langKey(wb))).toBe('en');
    expect(createApi(wb).getContext().lang).toBe('en');
    expect(api.setLang(null)).toMatchObject({ lang: 'ja', langChosen: false });
    expect(wb.userStore().get(langKey(wb))).toBeNull();
  });

  it('refuses a bad language or sheet with a message in the user language, changing nothing', () => {
    const wb = book('ja');
    const api = createApi(wb);
    expect(() => api.setLang('fr' as never)).toThrow(ApiError);
    expect(() => api.setLang('fr' as never)).toThrow('言語は "ja" か "en" です("fr" は使えません)');
    expect(wb.userStore().get(langKey(wb))).toBeNull();
    expect(() => api.selectSheet('Nope')).toThrow('「Nope」という名前のシートはありません');
    api.setLang('en');
    expect(() => api.selectSheet('Nope')).toThrow('There is no sheet named "Nope"');
    expect(() => api.selectSheet(42 as never)).toThrow('A sheet name must be text');
    expect(wb.activeRange()).toBeNull();
  });

  it('activates a sheet at A1', () => {
    const wb = book();
    expect(createApi(wb).selectSheet('History')).toMatchObject({
      activeSheet: 'History',
      activeRange: 'A1',
      headers: ['month', 'churn_rate'],
    });
    expect(wb.activeRange()).toEqual({ sheet: 'History', a1: 'A1' });
  });
});
