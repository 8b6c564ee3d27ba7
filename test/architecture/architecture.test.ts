/**
 * The house rules of src/ (docs/engineering.md, "Layers"): no import
 * circle; each layer imports only the layers below it (core nothing outside
 * core); only src/gas/ names Apps Script's globals; the pages reach the
 * server only through the sidebar's typed client. Each rule is first shown
 * to fail on a planted violation, then held against the real src/.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  CLIENT_FILE,
  circles,
  entryProblems,
  errorClasses,
  globalProblems,
  importsOf,
  layerOf,
  layerProblems,
  readSources,
  type Source,
} from './import-graph';

const ROOT = join(__dirname, '..', '..');
const src = readSources(ROOT);
const imports = importsOf(src);

const file = (path: string, text: string): Source => ({ path, text });

describe('the checker, on planted files', () => {
  it('reads every kind of import, and which leave nothing at run time', () => {
    const found = importsOf([
      file(
        'src/server/a.ts',
        [
          "import { x } from './b';",
          "import type { T } from '../ports/workbook';",
          "import { type U, type V } from './c';",
          "export { y } from './d';",
          "export type { W } from './e';",
          "const z = require('./f');",
          "const w = import('./g');",
          "let q: import('./h').Q;",
          "import { readFileSync } from 'node:fs';",
        ].join('\n'),
      ),
      file('src/server/b.ts', ''),
    ]);
    expect(found.map((i) => [i.to ?? i.spec, i.typeOnly, i.line])).toEqual([
      ['src/server/b.ts', false, 1],
      ['src/ports/workbook', true, 2],
      ['src/server/c', true, 3],
      ['src/server/d', false, 4],
      ['src/server/e', true, 5],
      ['src/server/f', false, 6],
      ['src/server/g', false, 7],
      ['src/server/h', true, 8],
      ['node:fs', false, 9],
    ]);
  });

  it('finds a circle, types included, and prints it file by file', () => {
    const planted = [
      file('src/cli/main.ts', "import { check } from './check';"),
      file('src/cli/check.ts', "import { table } from './table';"),
      file('src/cli/table.ts', "import type { Spec } from './main';"),
      file('src/cli/other.ts', "import { check } from './check';"),
    ];
    expect(circles(importsOf(planted))).toEqual([
      ['src/cli/check.ts', 'src/cli/table.ts', 'src/cli/main.ts', 'src/cli/check.ts'],
    ]);
    expect(circles(importsOf(planted.slice(0, 2)))).toEqual([]);
  });

  it('refuses core importing anything outside core, or Node', () => {
    const problems = layerProblems([
      file(
        'src/core/a.ts',
        [
          "import { t } from '../i18n/messages';",
          "import { readFileSync } from 'node:fs';",
          "import { gammaln } from 'simple-statistics';",
          "import { b } from './tree/b';",
        ].join('\n'),
      ),
      file('src/core/tree/b.ts', ''),
      file('src/i18n/messages.ts', ''),
    ]);
    expect(problems).toEqual([
      'src/core/a.ts:1: core imports i18n ("../i18n/messages"); core may import nothing outside itself',
      `src/core/a.ts:2: core imports Node's "node:fs"; only local, cli, playground run in Node`,
    ]);
  });

  it('refuses an import that points outward, and a folder in no layer', () => {
    const problems = layerProblems([
      file('src/server/run.ts', "import { GasWorkbook } from '../gas/gas-workbook';"),
      file('src/gas/gas-workbook.ts', "import { runLamps } from '../server/run';"),
      file('src/olap/query.ts', ''),
    ]);
    expect(problems).toEqual([
      'src/olap/ is in no layer: add it to LAYERS in test/architecture/import-graph.ts (what it may import) and to the layers of docs/engineering.md',
      'src/server/run.ts:1: server imports gas ("../gas/gas-workbook"); server may import core, ports, i18n, sql, sample',
    ]);
  });

  it('lets the sidebar import the server’s types, never its code', () => {
    const problems = layerProblems([
      file(
        'src/sidebar/panel.ts',
        [
          "import type { LampsPanel } from '../server/lamps-panel-data';",
          "import { runLamps } from '../server/run';",
          "import { type Api } from '../server/api';",
        ].join('\n'),
      ),
      file('src/server/lamps-panel-data.ts', ''),
      file('src/server/run.ts', ''),
      file('src/server/api.ts', ''),
    ]);
    expect(problems).toEqual([
      'src/sidebar/panel.ts:2: sidebar imports code from server ("../server/run"); it may import only its types (import type)',
    ]);
  });

  it('finds an Apps Script global outside src/gas, as a value or a type, and not a property, a local name, a comment or a string', () => {
    const problems = globalProblems([
      file('src/gas/run-host.ts', 'SpreadsheetApp.flush(); let l: GoogleAppsScript.Lock.Lock;'),
      file('src/server/a.ts', 'export const f = () => SpreadsheetApp.flush();'),
      file('src/server/b.ts', 'let lock: GoogleAppsScript.Lock.Lock | null = null;'),
      file('src/server/c.ts', 'declare const Session: unknown;'),
      file('src/server/d.ts', 'if (typeof LockService !== "undefined") {}'),
      file(
        'src/server/e.ts',
        [
          '// SpreadsheetApp.flush() in a comment',
          'const s = "Utilities.sleep";',
          'const o = { Session: 1 };',
          'o.Session;',
          'const Utilities = 2;',
          'Utilities;',
        ].join('\n'),
      ),
    ]);
    expect(problems).toEqual([
      'src/server/a.ts:1: names the Apps Script global SpreadsheetApp; only src/gas/ may',
      'src/server/b.ts:1: names the Apps Script global GoogleAppsScript; only src/gas/ may',
      'src/server/c.ts:1: names the Apps Script global Session; only src/gas/ may',
      'src/server/d.ts:1: names the Apps Script global LockService; only src/gas/ may',
    ]);
  });

  it('lets only the sidebar’s client name google.script, in a script or a page', () => {
    const problems = globalProblems([
      file(CLIENT_FILE, 'declare const google: any;\nexport const run = () => google.script.run;'),
      file(
        'src/dialog/correlogram.ts',
        'declare const google: any;\nexport const close = () => google.script.host.close();',
      ),
      file(
        'src/dialog/other.html',
        '<!-- google.script.run in a comment -->\n<script>\ngoogle.script.run.api_x();\n</script>',
      ),
      file('src/gas/sidebar-entry.ts', 'google.script.run;'),
    ]);
    expect(problems).toEqual([
      `src/dialog/correlogram.ts:1: names google; only ${CLIENT_FILE} talks to Apps Script from a page`,
      `src/dialog/correlogram.ts:2: names google; only ${CLIENT_FILE} talks to Apps Script from a page`,
      `src/dialog/other.html:3: names google.script; only ${CLIENT_FILE} may`,
      `src/gas/sidebar-entry.ts:1: names google; only ${CLIENT_FILE} talks to Apps Script from a page`,
    ]);
  });

  it('keeps main.ts for where a program starts, and the files Apps Script calls into named *-entry.ts and bundled', () => {
    const problems = entryProblems([
      file('src/gas/main.ts', "import './menu-entry';"),
      file('src/gas/menu-entry.ts', 'global.onOpen = function () {};'),
      file('src/gas/trigger.ts', 'global.kpiLampScheduledRun = function () {};'),
      file('src/gas/lamps-entry.ts', 'global.api_runNow = function () {};'),
      file('src/gas/gas-workbook.ts', 'const o = { global: 1 }; o.global = 2;'),
      file('src/cli/check.ts', "import { EXIT_OK } from './main';"),
      file('src/cli/main.ts', ''),
    ]);
    expect(problems).toEqual([
      'src/cli/check.ts:1: imports src/cli/main.ts; a main.ts is an entry point, which nothing imports',
      'src/gas/trigger.ts: defines globals Apps Script calls; name it *-entry.ts',
      'src/gas/lamps-entry.ts: src/gas/main.ts does not import it, so dist/Code.js would lack its globals',
    ]);
  });

  it('names the layers by folder, the playground page apart', () => {
    expect(
      [
        'src/core/tree/types.ts',
        'src/playground/page/main.ts',
        'src/playground/server.ts',
        'sample/starter-tree.json',
      ].map(layerOf),
    ).toEqual(['core', 'playground/page', 'playground', 'sample']);
  });
});

describe('src/', () => {
  it('reads the whole of src/ (every layer, both kinds of file)', () => {
    expect(new Set(src.map((f) => layerOf(f.path)))).toEqual(
      new Set([
        'core',
        'ports',
        'i18n',
        'functions',
        'server',
        'gas',
        'local',
        'cli',
        'playground',
        'playground/page',
        'sidebar',
        'dialog',
        'sql',
      ]),
    );
    expect(imports.length).toBeGreaterThan(300);
    expect(src.some((f) => f.path === CLIENT_FILE)).toBe(true);
  });

  it('has no import circle', () => {
    expect(circles(imports).map((c) => c.join(' -> '))).toEqual([]);
  });

  it('keeps every layer to the layers it may import', () => {
    expect(layerProblems(src, imports)).toEqual([]);
  });

  it('names Apps Script globals only in src/gas/, and google.script only in the sidebar’s client', () => {
    expect(globalProblems(src)).toEqual([]);
  });

  it('has one shape of error for a person: a KeyedError (message key and parameters, said in any language)', () => {
    expect(errorClasses(src)).toEqual([
      'src/cli/command.ts CliError < KeyedError',
      'src/cli/tree-source.ts InputError < KeyedError',
      // Custom-function errors stay English, by the functions' contract (shared/spec/custom-functions.md).
      'src/functions/args.ts SheetError < Error',
      // A warehouse refusal, never said alone: the run says it inside its keyed run.error.bigquery_table / _query, as
      // BigQuery wrote it when it is BigQuery's, else by its reason code (run.error.bigquery_reason.*, any language).
      'src/gas/bigquery.ts BigQueryRefusal < Error',
      'src/i18n/keyed-error.ts KeyedError < Error',
      'src/local/load-workbook.ts WorkbookError < KeyedError',
      'src/local/save-csv.ts SaveError < KeyedError',
      // The playground's own plumbing: an HTTP answer to a malformed request, and its formula evaluator's (whose notes are keyed already).
      'src/playground/formulas.ts FormulaError < Error',
      'src/playground/formulas.ts Unsupported < Error',
      'src/playground/server.ts BadRequest < Error',
      'src/server/api.ts ApiError < KeyedError',
      // A technical detail, never said alone: the run carries its text inside its keyed run.error.write_failed.
      'src/server/journal.ts IncompleteRollback < Error',
      'src/server/lamps-report.ts MissingSheetError < KeyedError',
      'src/server/run.ts RunFailure < KeyedError',
      'src/sql/compile.ts UncompilableTree < KeyedError',
    ]);
  });

  it('starts each program at a main.ts nothing imports; Apps Script calls into src/gas/*-entry.ts only', () => {
    expect(entryProblems(src, imports)).toEqual([]);
    expect(
      src
        .filter((f) => f.path.endsWith('-entry.ts'))
        .map((f) => f.path)
        .sort(),
    ).toEqual(['custom-functions', 'lamps', 'sidebar', 'tree', 'trigger'].map((n) => `src/gas/${n}-entry.ts`));
  });
});

describe('where tests go', () => {
  /** The ways in, each a folder of test/ (and the folders tests share). */
  const WAYS_IN = ['architecture', 'browser', 'bundle', 'cli', 'gas', 'playground', 'server'];
  const SHARED = ['fixtures-doc-links', 'golden', 'helpers'];

  const testsUnder = (dir: string): string[] => {
    const out: string[] = [];
    const walk = (rel: string) => {
      for (const e of readdirSync(join(ROOT, rel), { withFileTypes: true })) {
        const p = `${rel}/${e.name}`;
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.test.ts')) out.push(p);
      }
    };
    walk(dir);
    return out.sort();
  };

  it('puts a unit test beside the module it tests', () => {
    const tests = testsUnder('src');
    expect(tests.length).toBeGreaterThan(20);
    expect(tests.filter((t) => !existsSync(join(ROOT, t.replace(/\.test\.ts$/, '.ts'))))).toEqual([]);
  });

  it('puts every other test under its way in, or at the top of test/ for the repository as a whole', () => {
    const folders = readdirSync(join(ROOT, 'test'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.filter((f) => !WAYS_IN.includes(f) && !SHARED.includes(f))).toEqual([]);
    expect(testsUnder('test').filter((t) => SHARED.some((s) => t.startsWith(`test/${s}/`)))).toEqual([]);
  });
});
