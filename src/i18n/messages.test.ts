import { localJa, localEn, localText } from './local-messages';
import { catalogues, isMessageKey, LANGS, pickLang, t } from './messages';

describe('catalogues', () => {
  it('have the same keys in every language and no empty text', () => {
    const keys = Object.keys(catalogues.en).sort();
    for (const lang of LANGS) {
      expect(Object.keys(catalogues[lang]).sort()).toEqual(keys);
      for (const key of keys) {
        const text = (catalogues[lang] as Record<string, string>)[key];
        expect(typeof text).toBe('string');
        expect(text.trim()).not.toBe('');
      }
    }
  });

  it('use the same placeholders in every language', () => {
    const names = (text: string) => [...new Set(text.match(/\{[A-Za-z0-9_]+\}/g) ?? [])].sort();
    for (const key of Object.keys(catalogues.en) as (keyof typeof catalogues.en)[]) {
      expect({ key, names: names(catalogues.ja[key]) }).toEqual({ key, names: names(catalogues.en[key]) });
    }
  });

  it('use the glossary words', () => {
    expect(t('ja', 'term.warn')).toBe('注意ライン');
    expect(t('ja', 'term.alert')).toBe('警告ライン');
    expect(t('ja', 'term.unknown')).toBe('データなし');
    expect(t('en', 'term.acknowledged')).toBe('In progress');
  });
});

describe('the command line’s catalogue (kept out of dist/Code.js)', () => {
  it('has the same keys and placeholders in both languages, none empty, none shadowing the shared catalogue', () => {
    const names = (text: string) => [...new Set(text.match(/\{[A-Za-z0-9_]+\}/g) ?? [])].sort();
    expect(Object.keys(localJa).sort()).toEqual(Object.keys(localEn).sort());
    for (const key of Object.keys(localEn) as (keyof typeof localEn)[]) {
      expect(localEn[key].trim()).not.toBe('');
      expect(localJa[key].trim()).not.toBe('');
      expect({ key, names: names(localJa[key]) }).toEqual({ key, names: names(localEn[key]) });
      expect({ key, shared: isMessageKey(key) }).toEqual({ key, shared: false });
    }
  });

  it('falls back to the shared catalogue', () => {
    expect(localText('ja', 'term.warn')).toBe('注意ライン');
  });
});

describe('pickLang', () => {
  it.each([
    ['ja', 'ja'],
    ['ja_JP', 'ja'],
    ['ja-JP', 'ja'],
    ['ja_JP.UTF-8', 'ja'],
    ['JA', 'ja'],
    ['en', 'en'],
    ['en_US.UTF-8', 'en'],
    ['C', 'en'],
    ['POSIX', 'en'],
    ['jav', 'en'],
    ['', 'en'],
    [undefined, 'en'],
  ])('%s → %s', (locale, lang) => {
    expect(pickLang(locale as string | undefined)).toBe(lang);
  });
});

describe('t', () => {
  it('fills {name} placeholders and leaves unknown ones', () => {
    expect(localText('en', 'cli.error.unknown_command', { name: 'foo' })).toBe(
      'unknown command "foo" (see kpi-lamp --help)',
    );
    expect(localText('ja', 'cli.error.unknown_command', { name: 'foo' })).toContain('"foo"');
    expect(localText('en', 'cli.error.unknown_command')).toContain('{name}');
    expect(localText('en', 'cli.info.summary', { path: 'p', kind: 'k', count: 3 })).toBe('Workbook: p (k, 3 sheets)');
    expect(t('en', 'term.warn', { x: 1 })).toBe('Warning threshold');
  });

  it('does not expand placeholders inside parameter values', () => {
    expect(localText('en', 'workbook.not_found', { path: '{path}' })).toBe('{path}: no such file or folder');
  });

  it('knows its keys', () => {
    expect(isMessageKey('term.kgi')).toBe(true);
    expect(isMessageKey('toString')).toBe(false);
  });
});
