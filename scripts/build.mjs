/**
 * npm run build: writes the Apps Script project to dist/ (what `clasp push`
 * uploads, .clasp.json rootDir):
 *   dist/appsscript.json  the manifest (V8, least OAuth scopes)
 *   dist/Code.js          top-level entry stubs with their JSDoc, then the bundle
 *   dist/Sidebar.html     the sidebar, one self-contained page (scripts/build-sidebar.mjs)
 * and dist-addon/, the Editor add-on: the same Code.js and Sidebar.html with
 * appsscript.addon.json as its manifest (`spreadsheets` rather than
 * `spreadsheets.currentonly`: an add-on's time trigger opens the file by id),
 * and dist-paste/, the bound script as a person pastes it into Extensions →
 * Apps Script without a terminal (Code.gs, the pages, the manifest and a
 * README.txt: scripts/paste-bundle.mjs).
 *
 * esbuild bundles src/gas/main.ts (TypeScript, tree-shaken, minified).
 * esbuild drops comments, so the entry stubs come from gas-entry-generator
 * (scripts/entry-stubs.cjs) run over the same sources transpiled by
 * TypeScript with comments kept: for every `global.NAME = function (a, b) {...}`
 * it emits `/** JSDoc *\/ function NAME(a, b) {}`, which Apps Script hoists;
 * the bundle then assigns the real function to the same global name.
 * The build fails when a custom function in dist/ lacks its JSDoc, and when
 * any name Apps Script calls (read from the sources by entry-points.cjs: menu
 * items, trigger handlers, google.script.run calls of the sidebar and the
 * correlogram dialog, simple triggers, custom functions) is not a top-level
 * function declaration of dist/Code.js.
 */
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSidebar } from './build-sidebar.mjs';
import { PASTE_DIR, writePasteBundle } from './paste-bundle.mjs';

const require = createRequire(import.meta.url);
const { verifyCustomFunctions } = require('./verify-bundle.cjs');
const { entryStubs } = require('./entry-stubs.cjs');
const { requiredEntryPoints, verifyEntryPoints } = require('./entry-points.cjs');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const distAddon = join(root, 'dist-addon');
const gasDir = join(root, 'src', 'gas');
export const BQ_DIR = 'dist-bigquery';
const distBigQuery = join(root, BQ_DIR);

/** Texts only the SQL compiler's code holds (src/sql/dialects.ts, compile.ts): absent from dist/Code.js. */
const SQL_MARKERS = ['REGEXP_CONTAINS', 'FORMAT_DATETIME', 'regexp_extract'];

/** OAuth scope of the BigQuery API: running query jobs needs it (bigquery.readonly cannot create a job). */
export const BIGQUERY_SCOPE = 'https://www.googleapis.com/auth/bigquery';

/**
 * The BigQuery deployment's manifest: the bound script's (appsscript.json), its scopes unchanged, plus the
 * BigQuery scope and the BigQuery advanced service (BigQuery API v2 as the global `BigQuery`).
 */
export function bigQueryManifest(base) {
  return {
    ...base,
    dependencies: {
      ...base.dependencies,
      enabledAdvancedServices: [{ userSymbol: 'BigQuery', serviceId: 'bigquery', version: 'v2' }],
    },
    oauthScopes: [...base.oauthScopes, BIGQUERY_SCOPE],
  };
}

const ESBUILD = {
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  conditions: ['import'],
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'warning',
};

export async function buildAppsScript({ quiet = false } = {}) {
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });

  const bundle = await build({
    ...ESBUILD,
    entryPoints: [join(gasDir, 'main.ts')],
  });
  const bundled = bundle.outputFiles[0].text;
  // The BigQuery deployment: the same entry, then bigquery-plug.ts (the warehouse run, the SQL compiler and
  // the BigQuery adapter), which dist/Code.js never carries (every custom-function call loads the whole script).
  const bqBundle = await build({
    ...ESBUILD,
    stdin: {
      contents: "import './main';\nimport './bigquery-plug';\n",
      resolveDir: gasDir,
      loader: 'ts',
      sourcefile: 'bigquery-main.ts',
    },
  });
  const bqBundled = bqBundle.outputFiles[0].text;

  // Entry stubs, with JSDoc, from every adapter file that assigns to global.
  const sources = readdirSync(gasDir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => ({ name: f, source: readFileSync(join(gasDir, f), 'utf8') }));
  const { stubs, customNames } = entryStubs(sources);

  const script = (body) =>
    [
      '// KPI Lamp — built by `npm run build` from TypeScript (src/). Do not edit: changes are overwritten.',
      '// https://opensource.org/licenses/MIT',
      ...stubs,
      'var global = this;',
      body,
    ].join('\n');
  const code = script(bundled);
  const bqCode = script(bqBundled);

  const problems = verifyCustomFunctions(code, customNames);
  if (problems.length)
    throw new Error(`Custom functions in dist/Code.js are not usable by Sheets:\n  ${problems.join('\n  ')}`);
  const required = requiredEntryPoints(root);
  for (const [where, text] of [
    ['dist/Code.js', code],
    [`${BQ_DIR}/Code.js`, bqCode],
  ]) {
    const missing = [...required.problems, ...verifyEntryPoints(text, required.names)];
    if (missing.length)
      throw new Error(`Apps Script could not call every entry point of ${where}:\n  ${missing.join('\n  ')}`);
  }
  if (SQL_MARKERS.some((m) => code.includes(m)))
    throw new Error('dist/Code.js carries the SQL compiler: only dist-bigquery/ may (src/gas/bigquery-plug.ts)');

  writeFileSync(join(dist, 'Code.js'), code);
  copyFileSync(join(root, 'appsscript.json'), join(dist, 'appsscript.json'));
  const sidebar = await buildSidebar({ dist });
  // The Editor add-on: the same Code.js and Sidebar.html, its own manifest (appsscript.addon.json).
  rmSync(distAddon, { recursive: true, force: true });
  mkdirSync(distAddon, { recursive: true });
  for (const f of ['Code.js', 'Sidebar.html', 'Correlogram.html']) copyFileSync(join(dist, f), join(distAddon, f));
  copyFileSync(join(root, 'appsscript.addon.json'), join(distAddon, 'appsscript.json'));
  // The BigQuery deployment (bound script): its own Code.js, the same pages, the bound manifest plus BigQuery.
  rmSync(distBigQuery, { recursive: true, force: true });
  mkdirSync(distBigQuery, { recursive: true });
  writeFileSync(join(distBigQuery, 'Code.js'), bqCode);
  for (const f of ['Sidebar.html', 'Correlogram.html']) copyFileSync(join(dist, f), join(distBigQuery, f));
  writeFileSync(
    join(distBigQuery, 'appsscript.json'),
    `${JSON.stringify(bigQueryManifest(JSON.parse(readFileSync(join(root, 'appsscript.json'), 'utf8'))), null, 2)}\n`,
  );
  const pasted = writePasteBundle(root);
  if (!quiet) {
    console.log(
      `dist/Code.js ${(Buffer.byteLength(code) / 1024).toFixed(1)} KB; custom functions: ${customNames.join(', ')}`,
    );
    console.log(
      `${BQ_DIR}/Code.js ${(Buffer.byteLength(bqCode) / 1024).toFixed(1)} KB (with the SQL compiler and BigQuery)`,
    );
    console.log(`dist/Sidebar.html ${(Buffer.byteLength(sidebar) / 1024).toFixed(1)} KB`);
    console.log(`${PASTE_DIR}/ (to paste into Extensions → Apps Script): ${pasted.join(', ')}`);
  }
  return { code, bqCode, customNames, sidebar };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildAppsScript().catch((e) => {
    console.error(e.message || e);
    process.exit(1);
  });
}
