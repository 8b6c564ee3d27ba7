/** The build's own guard: a custom function without its JSDoc must fail the build. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
const { verifyCustomFunctions, customFunctionNames } = require('../scripts/verify-bundle.cjs');

const good = `/**
 * Adds one. Example: =ADD1(A1)
 * @param {number} x A number.
 * @return {number} x + 1.
 * @customfunction
 */
function ADD1(x) {}`;

describe('verifyCustomFunctions', () => {
  it('accepts a documented stub', () => expect(verifyCustomFunctions(good, ['ADD1'])).toEqual([]));
  it('rejects a stub without JSDoc, without parameters, or a missing function', () => {
    expect(verifyCustomFunctions('function ADD1(x) {}', ['ADD1'])).toEqual(['ADD1: no JSDoc comment']);
    expect(verifyCustomFunctions(good.replace('function ADD1(x)', 'function ADD1()'), ['ADD1']).join()).toMatch(
      /no parameters/,
    );
    expect(verifyCustomFunctions(good, ['ADD2']).join()).toMatch(/no top-level function declaration/);
  });
  it('rejects a JSDoc without @customfunction, @return, the example or with wrong @param names', () => {
    expect(verifyCustomFunctions(good.replace('@customfunction', ''), ['ADD1']).join()).toMatch(
      /lacks @customfunction/,
    );
    expect(verifyCustomFunctions(good.replace('@return', '@note'), ['ADD1']).join()).toMatch(/lacks @return/);
    expect(verifyCustomFunctions(good.replace('Example: =ADD1(A1)', ''), ['ADD1']).join()).toMatch(/example formula/);
    expect(verifyCustomFunctions(good.replace('@param {number} x', '@param {number} y'), ['ADD1']).join()).toMatch(
      /do not match/,
    );
  });
  it('refuses names Sheets cannot use', () => {
    expect(verifyCustomFunctions(good.replace(/ADD1/g, 'ADD1_'), ['ADD1_']).join()).toMatch(/does not end in "_"/);
  });
  it('the built dist/Code.js passes and lists all six functions', () => {
    const src = readFileSync(join(__dirname, '..', 'src', 'gas', 'custom-functions-entry.ts'), 'utf8');
    const names = customFunctionNames(src);
    expect(names).toEqual(['NPS', 'LTV', 'LTV_SBG', 'LEADLAG', 'MRR_MOVEMENTS', 'ONBOARDING_RATE']);
    const code = readFileSync(join(__dirname, '..', 'dist', 'Code.js'), 'utf8');
    expect(verifyCustomFunctions(code, names)).toEqual([]);
  });
});

/**
 * Every name Apps Script calls must be a top-level function of dist/Code.js;
 * the build reads those names from the sources that register them
 * (scripts/entry-points.cjs) and fails otherwise.
 */
const { requiredEntryPoints, verifyEntryPoints } = require('../scripts/entry-points.cjs');
const { entryStubs } = require('../scripts/entry-stubs.cjs');

const ROOT = join(__dirname, '..');
const GAS = join(ROOT, 'src', 'gas');
const gasFile = (f: string) => readFileSync(join(GAS, f), 'utf8');

/** What the build's stubs would be with some adapter files replaced (src/gas/NAME.ts → text). */
function stubsWith(overrides: Record<string, string>): string {
  const files = [
    'custom-functions-entry.ts',
    'lamps-entry.ts',
    'sidebar-entry.ts',
    'tree-entry.ts',
    'trigger-entry.ts',
  ].map((name) => ({ name, source: overrides[name] ?? gasFile(name) }));
  return [...entryStubs(files).stubs, 'var global = this;'].join('\n');
}

describe('entry points', () => {
  it('are read from the sources that register them: menu, trigger, both pages, simple triggers, custom functions', () => {
    const { names, problems } = requiredEntryPoints(ROOT);
    expect(problems).toEqual([]);
    const all = [...names.keys()];
    expect(all).toEqual(
      expect.arrayContaining([
        'onOpen',
        'onInstall',
        'showSidebar',
        'kpiLampRunNow',
        'kpiLampRemove',
        'kpiLampScheduledRun',
        'api_getContext',
        'api_getLampsPanel',
        'api_runNow',
        'api_acknowledge',
        'api_openCorrelogram',
        'api_getCorrelogram',
        'NPS',
        'LTV',
        'LTV_SBG',
        'LEADLAG',
      ]),
    );
    // The trigger's handler comes from the constant newTrigger is given (RUN_HANDLER, through installTrigger).
    expect(names.get('kpiLampScheduledRun').join()).toMatch(/trigger handler \(src\/server\/schedule\.ts/);
    // The correlogram dialog's own call.
    expect(names.get('api_getCorrelogram')).toEqual(['google.script.run from src/dialog/correlogram.ts']);
  });

  it('the built dist/Code.js declares every one at top level', () => {
    const { names } = requiredEntryPoints(ROOT);
    expect(verifyEntryPoints(readFileSync(join(ROOT, 'dist', 'Code.js'), 'utf8'), names)).toEqual([]);
  });

  it('fails on a bundle whose trigger handler is assigned as global[RUN_HANDLER] = function', () => {
    const current = gasFile('trigger-entry.ts');
    const old = current.replace(/global\.kpiLampScheduledRun\s*=/, 'global[RUN_HANDLER] =');
    expect(old).not.toBe(current);
    const { names, problems } = requiredEntryPoints(ROOT, { 'src/gas/trigger-entry.ts': old });
    expect(problems).toEqual([
      expect.stringMatching(/^src\/gas\/trigger-entry\.ts:\d+: global\[…\] = … makes no top-level function/),
    ]);
    const code = stubsWith({ 'trigger-entry.ts': old });
    expect(verifyEntryPoints(code, names)).toEqual([
      expect.stringMatching(/^kpiLampScheduledRun: no top-level function declaration/),
    ]);
    // The same check passes on the stubs of the sources as they are.
    expect(verifyEntryPoints(stubsWith({}), requiredEntryPoints(ROOT).names)).toEqual([]);
  });

  it('follows a new menu item, a renamed handler constant and a page that calls google.script.run itself', () => {
    const { names } = requiredEntryPoints(ROOT, {
      'src/gas/sidebar-entry.ts': gasFile('sidebar-entry.ts').replace(
        ".addItem(t(menuLang(e), 'menu.open_sidebar'), 'showSidebar')",
        ".addItem(t(menuLang(e), 'menu.open_sidebar'), 'showSidebar').addItem('x', 'kpiLampExport')",
      ),
      'src/server/schedule.ts': readFileSync(join(ROOT, 'src', 'server', 'schedule.ts'), 'utf8').replace(
        "'kpiLampScheduledRun'",
        "'kpiLampHourly'",
      ),
      'src/dialog/other.html':
        '<script>google.script.run.withSuccessHandler(function (x) { show(x); }).withFailureHandler(fail).api_getReport(1);</script>',
    });
    for (const n of ['kpiLampExport', 'kpiLampHourly', 'api_getReport'])
      expect({ n, required: names.has(n) }).toEqual({ n, required: true });
    const problems = verifyEntryPoints(stubsWith({}), names).join('\n');
    expect(problems).toMatch(/^kpiLampExport: no top-level/m);
    expect(problems).toMatch(/^kpiLampHourly: no top-level/m);
    expect(problems).toMatch(/^api_getReport: no top-level/m);
  });

  it('refuses a registration it cannot read', () => {
    const { problems } = requiredEntryPoints(ROOT, {
      'src/gas/extra.ts':
        "declare const ScriptApp: any; declare function pick(): string;\nScriptApp.newTrigger(pick()).timeBased().create();\nSpreadsheetApp.getUi().createAddonMenu().addItem('x', pick());\n",
    });
    expect(problems).toEqual([
      expect.stringMatching(/^src\/gas\/extra\.ts:2: newTrigger's handler must be a string constant/),
      expect.stringMatching(/^src\/gas\/extra\.ts:3: a menu item's handler must be a string/),
    ]);
  });
});

/**
 * The BigQuery deployment (dist-bigquery/, issue 15): its own Code.js (the
 * default bundle plus src/gas/bigquery-plug.ts) and its own manifest (the
 * bound script's, plus the BigQuery scope and the BigQuery advanced
 * service). dist/ and dist-addon/ stay as they were, and dist/Code.js, which
 * every custom-function call loads, carries no SQL compiler.
 */
describe('the BigQuery deployment', () => {
  const read = (dir: string, f: string) => readFileSync(join(ROOT, dir, f), 'utf8');
  const manifest = (dir: string) => JSON.parse(read(dir, 'appsscript.json'));

  it('declares every name Apps Script calls at top level, with the custom functions documented', () => {
    const code = read('dist-bigquery', 'Code.js');
    expect(verifyEntryPoints(code, requiredEntryPoints(ROOT).names)).toEqual([]);
    const names = customFunctionNames(gasFile('custom-functions-entry.ts'));
    expect(verifyCustomFunctions(code, names)).toEqual([]);
  });

  it('adds the BigQuery scope and the advanced service to the bound manifest, and nothing else', () => {
    const bound = manifest('dist');
    expect(bound).toEqual(JSON.parse(readFileSync(join(ROOT, 'appsscript.json'), 'utf8')));
    const bq = manifest('dist-bigquery');
    expect(bq.oauthScopes).toEqual([...bound.oauthScopes, 'https://www.googleapis.com/auth/bigquery']);
    expect(bq.dependencies).toEqual({
      enabledAdvancedServices: [{ userSymbol: 'BigQuery', serviceId: 'bigquery', version: 'v2' }],
    });
    expect({ ...bq, oauthScopes: bound.oauthScopes, dependencies: bound.dependencies }).toEqual(bound);
    for (const dir of ['dist', 'dist-addon']) expect(JSON.stringify(manifest(dir))).not.toMatch(/bigquery/i);
  });

  it('keeps the SQL compiler and the BigQuery adapter out of dist/Code.js', () => {
    const plain = read('dist', 'Code.js');
    const bq = read('dist-bigquery', 'Code.js');
    for (const marker of ['REGEXP_CONTAINS', 'FORMAT_DATETIME', 'maximumBytesBilled', 'getQueryResults']) {
      expect({ marker, inDist: plain.includes(marker) }).toEqual({ marker, inDist: false });
      expect({ marker, inBigQuery: bq.includes(marker) }).toEqual({ marker, inBigQuery: true });
    }
    // The same pages.
    for (const f of ['Sidebar.html', 'Correlogram.html']) expect(read('dist-bigquery', f)).toBe(read('dist', f));
  });
});
