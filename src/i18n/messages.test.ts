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
    expect(t('en', 'cli.error.unknown_command', { name: 'foo' })).toBe('unknown command "foo" (see kpi-lamp --help)');
    expect(t('ja', 'cli.error.unknown_command', { name: 'foo' })).toContain('"foo"');
    expect(t('en', 'cli.error.unknown_command')).toContain('{name}');
    expect(t('en', 'cli.info.summary', { path: 'p', kind: 'k', count: 3 })).toBe('Workbook: p (k, 3 sheets)');
  });

  it('does not expand placeholders inside parameter values', () => {
    expect(t('en', 'workbook.not_found', { path: '{path}' })).toBe('{path}: no such file or folder');
  });

  it('knows its keys', () => {
    expect(isMessageKey('term.kgi')).toBe(true);
    expect(isMessageKey('toString')).toBe(false);
  });
});
