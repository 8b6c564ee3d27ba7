/**
 * The menu, the sidebar and the sidebar API as built into dist/ (run
 * `npm run build` first), loaded in a vm context like Apps Script, over a
 * fake SpreadsheetApp, HtmlService and Session.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryWorkbook } from '../../src/local/memory-workbook';
import { createApi } from '../../src/server/api';
import { DIST, plain } from '../helpers/apps-script-vm';
import { createDouble, loadProject, seedSheet } from '../helpers/apps-script-double';
import { localHost } from '../../src/local/local-run-host';

function setup(locale = 'en_US') {
  const env = createDouble({ locale, userLocale: locale });
  const project = loadProject(env);
  const ctx = {
    // onOpen is a simple trigger; the others run from the sidebar.
    eval: (code: string) => env.execute({ kind: 'simple-trigger' }, () => project.eval(code)),
    call: (name: string, ...args: unknown[]) =>
      env.execute({ kind: name === 'onOpen' ? 'simple-trigger' : 'sidebar' }, () => project.call(name, ...args)),
  };
  const shown = env.ui.sidebars;
  return {
    env,
    ctx,
    menus: env.ui.menus,
    shown,
    localeReads: () => env.calls.get('Session.getActiveUserLocale') ?? 0,
  };
}

describe('menu', () => {
  it('in AuthMode.NONE: an add-on menu in English, without reading the locale', () => {
    const s = setup('ja');
    s.ctx.eval('onOpen({ authMode: ScriptApp.AuthMode.NONE })');
    expect(s.menus).toEqual([
      {
        items: [
          ['Open sidebar', 'showSidebar'],
          ['Run now', 'kpiLampRunNow'],
          ['Remove KPI Lamp…', 'kpiLampRemove'],
        ],
        added: true,
      },
    ]);
    expect(s.localeReads()).toBe(0);
    s.ctx.call('onOpen', { authMode: 'NONE' });
    expect(s.menus[1].items[0][0]).toBe('Open sidebar');
    expect(s.localeReads()).toBe(0);
  });

  it('where allowed, in the user locale (Japanese or English)', () => {
    const ja = setup('ja');
    ja.ctx.eval('onOpen({ authMode: ScriptApp.AuthMode.LIMITED })');
    expect(ja.menus[0].items).toEqual([
      ['サイドバーを開く', 'showSidebar'],
      ['今すぐ実行', 'kpiLampRunNow'],
      ['KPI Lamp を削除…', 'kpiLampRemove'],
    ]);
    const en = setup('en_GB');
    en.ctx.eval('onOpen({ authMode: ScriptApp.AuthMode.FULL })');
    expect(en.menus[0].items).toEqual([
      ['Open sidebar', 'showSidebar'],
      ['Run now', 'kpiLampRunNow'],
      ['Remove KPI Lamp…', 'kpiLampRemove'],
    ]);
    // Run from the editor: no event at all.
    const bare = setup('ja_JP');
    bare.ctx.call('onOpen');
    expect(bare.menus[0].items[0][0]).toBe('サイドバーを開く');
  });

  it('onInstall builds the menu (it calls onOpen)', () => {
    const s = setup('ja');
    s.ctx.eval('onInstall({ authMode: ScriptApp.AuthMode.FULL })');
    expect(s.menus).toHaveLength(1);
    expect(s.menus[0].added).toBe(true);
  });

  it('showSidebar serves dist/Sidebar.html as a file, titled KPI Lamp', () => {
    const s = setup();
    s.ctx.call('showSidebar');
    expect(s.shown.map((x) => x.file)).toEqual(['Sidebar']);
    expect(s.shown).toHaveLength(1);
    expect((s.shown[0] as { title: string }).title).toBe('KPI Lamp');
  });
});

describe('sidebar API in Apps Script', () => {
  const names = Object.keys(createApi(new MemoryWorkbook(), localHost()));

  it('exposes every function of the server API as a top-level api_NAME', () => {
    const code = readFileSync(join(DIST, 'Code.js'), 'utf8');
    expect(names.length).toBeGreaterThan(0);
    const s = setup();
    for (const name of names) {
      expect({ name, declared: new RegExp(`^function api_${name}\\(`, 'm').test(code) }).toEqual({
        name,
        declared: true,
      });
      expect(s.ctx.eval(`typeof api_${name}`)).toBe('function');
    }
  });

  it('answers over the active spreadsheet: sheets, headers, language, activation', () => {
    const s = setup('ja');
    seedSheet(s.env, 'Accounts', [
      ['account_id', ' account_name '],
      ['A0001', 'Aoba'],
    ]);
    seedSheet(s.env, 'History', [['month', 'churn_rate']]);
    expect(plain(s.ctx.call('api_getContext'))).toEqual({
      lang: 'ja',
      langChosen: false,
      sheets: ['Accounts', 'History'],
      activeSheet: 'Accounts',
      activeRange: null,
      headers: ['account_id', 'account_name'],
      hasTree: false,
    });
    expect(plain(s.ctx.call('api_setLang', 'en'))).toMatchObject({ lang: 'en', langChosen: true });
    expect(plain(s.ctx.call('api_getContext'))).toMatchObject({ lang: 'en' });
    expect(() => s.ctx.call('api_selectSheet', 'Nope')).toThrow('There is no sheet named "Nope"');
  });
});

describe('dist/', () => {
  it('Sidebar.html is one self-contained page: inline script and styles, only Google’s stylesheet linked', () => {
    const html = readFileSync(join(DIST, 'Sidebar.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<link rel="stylesheet" href="https://ssl.gstatic.com/docs/script/css/add-ons1.css">');
    const refs = [...html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']*)["']/gi)].map((m) => m[1]);
    expect(refs).toEqual(['https://ssl.gstatic.com/docs/script/css/add-ons1.css']);
    // The local add-ons look-alike comes before Google's stylesheet, the sidebar's own after it.
    const local = html.indexOf('button.action');
    const link = html.indexOf('add-ons1.css');
    const own = html.indexOf('.kl-head');
    expect(local).toBeGreaterThan(0);
    expect(local).toBeLessThan(link);
    expect(own).toBeGreaterThan(link);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)];
    expect(scripts).toHaveLength(1);
    expect(html.match(/<\/script/g)).toHaveLength(1);
    expect(html).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });

  it('appsscript.json (bound script) keeps spreadsheets.currentonly, plus what the sidebar, the trigger, the digest and the owner need', () => {
    const manifest = JSON.parse(readFileSync(join(DIST, 'appsscript.json'), 'utf8'));
    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.scriptapp',
      'https://www.googleapis.com/auth/script.send_mail',
      'https://www.googleapis.com/auth/userinfo.email',
    ]);
  });

  it('dist-addon/ (Editor add-on): the same Code.js and Sidebar.html; spreadsheets instead of spreadsheets.currentonly (its trigger opens the file by id)', () => {
    const ADDON = join(DIST, '..', 'dist-addon');
    for (const f of ['Code.js', 'Sidebar.html'])
      expect(readFileSync(join(ADDON, f), 'utf8')).toBe(readFileSync(join(DIST, f), 'utf8'));
    const bound = JSON.parse(readFileSync(join(DIST, 'appsscript.json'), 'utf8'));
    const addon = JSON.parse(readFileSync(join(ADDON, 'appsscript.json'), 'utf8'));
    expect(addon.oauthScopes).toEqual(
      bound.oauthScopes.map((s: string) => s.replace('spreadsheets.currentonly', 'spreadsheets')),
    );
    expect({ ...addon, oauthScopes: null }).toEqual({ ...bound, oauthScopes: null });
  });
});
