/**
 * dist-paste/ (run `npm run build` first): the files a person pastes into
 * Extensions → Apps Script of their spreadsheet. What they paste must be
 * exactly the bound script of dist/: Code.gs is dist/Code.js, each page keeps
 * the name createHtmlOutputFromFile asks for (read from the source, not from
 * a list here), the manifest is the bound one with its least scopes. Then the
 * pasted project is run as Apps Script runs it: the menu, the sidebar and the
 * correlogram dialog, served from the pasted files.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCsvFolder } from '../src/local/load-workbook';
import { createDouble, loadProject } from './helpers/apps-script-double';
import { copyInto, SAMPLE } from './helpers/books';
const { servedHtmlFiles } = require('../scripts/html-files.cjs');
const { requiredEntryPoints, verifyEntryPoints } = require('../scripts/entry-points.cjs');
const { verifyCustomFunctions, customFunctionNames } = require('../scripts/verify-bundle.cjs');

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
const PASTE = join(ROOT, 'dist-paste');
const read = (dir: string, f: string) => readFileSync(join(dir, f));
const SCOPE = 'https://www.googleapis.com/auth/';

describe('dist-paste/, the bundle pasted into Extensions → Apps Script', () => {
  // The pages Apps Script is asked to serve, from every createHtmlOutputFromFile call of src/gas (TypeScript's checker).
  const served: { files: Map<string, string[]>; problems: string[] } = servedHtmlFiles(ROOT);

  it('the source asks for each page by a constant name (the sidebar and the correlogram dialog)', () => {
    expect(served.problems).toEqual([]);
    expect([...served.files.keys()].sort()).toEqual(['Correlogram', 'Sidebar']);
  });

  it('a page whose name is not a constant is a problem, not a guess', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-gas-'));
    try {
      writeFileSync(
        join(dir, 'pages.ts'),
        [
          "const PAGE = 'Help';",
          'export function a(): void { HtmlService.createHtmlOutputFromFile(PAGE); }',
          "export function b(which: 'One' | 'Two'): void { HtmlService.createHtmlOutputFromFile(which); }",
          'export function c(name: string): void { HtmlService.createHtmlOutputFromFile(name); }',
        ].join('\n'),
      );
      const r = servedHtmlFiles(ROOT, dir);
      expect([...r.files.keys()].sort()).toEqual(['Help', 'One', 'Two']);
      expect(r.problems).toEqual([
        expect.stringMatching(
          /pages\.ts:4: the file name given to createHtmlOutputFromFile is not a constant \(its type is string\)/,
        ),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30000);

  it('holds exactly the manifest, Code.gs, one NAME.html per page the code serves, and README.txt', () => {
    const pages = [...served.files.keys()].map((n) => `${n}.html`);
    expect(readdirSync(PASTE).sort()).toEqual(['Code.gs', 'README.txt', 'appsscript.json', ...pages].sort());
    // …and those pages are every page the build made, byte for byte.
    expect(
      readdirSync(DIST)
        .filter((f) => f.endsWith('.html'))
        .sort(),
    ).toEqual(pages.sort());
    for (const p of pages) expect(read(PASTE, p).equals(read(DIST, p))).toBe(true);
  });

  it('Code.gs is dist/Code.js, byte for byte, and still declares every name Apps Script calls', () => {
    const gs = read(PASTE, 'Code.gs');
    expect(gs.equals(read(DIST, 'Code.js'))).toBe(true);
    const code = gs.toString('utf8');
    const { names, problems } = requiredEntryPoints(ROOT);
    expect(problems).toEqual([]);
    expect(names.size).toBeGreaterThan(20);
    expect(verifyEntryPoints(code, names)).toEqual([]);
    const custom = customFunctionNames(readFileSync(join(ROOT, 'src', 'gas', 'custom-functions-entry.ts'), 'utf8'));
    expect(custom.length).toBe(6);
    expect(verifyCustomFunctions(code, custom)).toEqual([]);
  }, 30000);

  it('appsscript.json is valid JSON: the bound manifest, V8, with its least scopes (spreadsheets.currentonly, never spreadsheets)', () => {
    const text = read(PASTE, 'appsscript.json').toString('utf8');
    const manifest = JSON.parse(text);
    expect(manifest).toEqual(JSON.parse(readFileSync(join(ROOT, 'appsscript.json'), 'utf8')));
    expect(manifest.runtimeVersion).toBe('V8');
    const scopes: string[] = manifest.oauthScopes;
    expect(scopes).toContain(`${SCOPE}spreadsheets.currentonly`);
    expect(scopes).not.toContain(`${SCOPE}spreadsheets`);
    // The add-on's manifest differs in that one scope only: nothing else is asked of a person who pastes.
    const addon: string[] = JSON.parse(readFileSync(join(ROOT, 'appsscript.addon.json'), 'utf8')).oauthScopes;
    expect([...scopes].sort()).toEqual(
      addon.map((s) => (s === `${SCOPE}spreadsheets` ? `${SCOPE}spreadsheets.currentonly` : s)).sort(),
    );
  });

  it('README.txt names every file to paste, and each page by the name typed in the editor (without .html), in English and Japanese', () => {
    const text = read(PASTE, 'README.txt').toString('utf8');
    const [en, ja] = text.split('\n\n\n');
    expect(ja).toBeDefined();
    for (const part of [en, ja]) {
      for (const f of ['appsscript.json', 'Code.gs']) expect(part).toContain(f);
      for (const n of served.files.keys()) {
        expect(part).toContain(`${n}.html`);
        expect(part).toMatch(new RegExp(`(type |選び、)${n} `));
      }
    }
    expect(en).toContain("Google hasn't verified this app");
    expect(ja).toContain('このアプリは Google で確認されていません');
  });

  it('pasted into a spreadsheet, it builds the menu and serves the sidebar and the correlogram from the pasted pages', () => {
    const double = createDouble({ locale: 'en', userLocale: 'en' });
    copyInto(double, loadCsvFolder(SAMPLE, { locale: 'en' }));
    const project = loadProject(double, double.defaultId, { dir: PASTE, script: 'Code.gs' });
    double.execute({ kind: 'simple-trigger' }, () => project.call('onOpen', { authMode: 'LIMITED' }));
    const items = double.ui.menus[0].items;
    expect(items.map(([, handler]) => handler)).toEqual(['showSidebar', 'kpiLampRunNow', 'kpiLampRemove']);
    for (const [, handler] of items) expect(project.declared.has(handler)).toBe(true);
    project.menu('showSidebar');
    project.scriptRun('api_openCorrelogram', 'login');
    const opened = [...double.ui.sidebars, ...double.ui.dialogs].map((x) => x.file);
    expect(opened).toEqual(['Sidebar', 'Correlogram']);
  }, 30000);

  it('a page missing from the pasted project fails as Apps Script fails (the double serves only files it has)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-paste-'));
    try {
      for (const f of ['Code.gs', 'Sidebar.html', 'appsscript.json']) copyFileSync(join(PASTE, f), join(dir, f));
      const double = createDouble({ locale: 'en', userLocale: 'en' });
      copyInto(double, loadCsvFolder(SAMPLE, { locale: 'en' }));
      const project = loadProject(double, double.defaultId, { dir, script: 'Code.gs' });
      project.menu('showSidebar');
      expect(() => project.scriptRun('api_openCorrelogram', 'login')).toThrow(
        'No HTML file named Correlogram was found.',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30000);
});
