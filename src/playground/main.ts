/**
 * `npm start [-- <workbook>] [--port N] [--lang ja|en] [--smoke]`: serves the
 * playground (see server.ts) and prints its URL. The workbook defaults to
 * the sample (sample/workbook); a relative path is taken from the folder
 * npm was started in. Run through scripts/start.mjs, which builds dist/
 * first. `--smoke` starts it, fetches the page, the sidebar and every sheet
 * once (formulas computed), stops, and exits 0, or 1 naming what failed
 * (CI runs it on a fresh clone, then checks that nothing tracked changed).
 */
import { resolve } from 'node:path';
import { safeStream } from '../core/text/terminal-text';
import { localText } from '../i18n/local-messages';
import { isLang, pickLang, type Lang } from '../i18n/messages';
import { SAMPLE_WORKBOOK, startPlayground, type Playground } from './server';

/** LC_ALL, LC_MESSAGES, LANG: the first that is set, else Intl's. */
function systemLocale(env: NodeJS.ProcessEnv): string {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[name];
    if (v && v.trim() !== '') return v.trim();
  }
  return Intl.DateTimeFormat().resolvedOptions().locale;
}

/**
 * What a person's first look needs, fetched once: the page, the sidebar, the
 * state (no error) and every sheet with its formulas computed (no #ERROR!).
 * The problems, each naming the address; empty when all is well.
 */
export async function smokeCheck(pg: Playground): Promise<string[]> {
  const problems: string[] = [];
  const get = async (path: string): Promise<Response | null> => {
    try {
      const res = await fetch(new URL(path, pg.url));
      if (!res.ok) problems.push(`${path}: HTTP ${res.status}`);
      return res;
    } catch (e) {
      problems.push(`${path}: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
  };
  for (const path of ['/', '/app.js', '/sidebar']) await (await get(path))?.text();
  const state = (await (await get('/api/state'))?.json()) as
    | { ok: boolean; error: { message: string } | null; sheets: string[] }
    | undefined;
  if (!state) return problems;
  if (!state.ok) problems.push(`/api/state: ${state.error?.message ?? 'not ok'}`);
  for (const sheet of state.sheets) {
    const path = `/api/sheet?name=${encodeURIComponent(sheet)}`;
    const view = (await (await get(path))?.json()) as
      | { ok: boolean; cells?: ({ k?: string; v: unknown } | null)[][] }
      | undefined;
    const errors = (view?.cells ?? []).flat().filter((c) => c?.k === 'e' || c?.k === 'u').length;
    if (view && (!view.ok || errors > 0))
      problems.push(`${path}: ${view.ok ? `${errors} formula cell(s) not computed` : 'not ok'}`);
  }
  return problems;
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  // What reaches the terminal is printed safely: a file or sheet name from the folder never sends controls to it.
  const stdout = safeStream(process.stdout);
  const stderr = safeStream(process.stderr);
  let path: string | undefined;
  let port = 0;
  let smoke = false;
  let lang: Lang = pickLang(systemLocale(process.env));
  let chosen: Lang | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--port' || a.startsWith('--port=')) {
      const v = a.includes('=') ? a.slice(7) : argv[++i];
      port = Number(v);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        stderr.write(`kpi-lamp playground: --port must be a port number, not "${v}"\n`);
        process.exit(2);
      }
    } else if (a === '--lang' || a.startsWith('--lang=')) {
      const v = a.includes('=') ? a.slice(7) : argv[++i];
      if (!isLang(v)) {
        stderr.write(`kpi-lamp playground: --lang must be ja or en, not "${v}"\n`);
        process.exit(2);
      }
      lang = chosen = v;
    } else if (a === '--smoke') {
      smoke = true;
    } else if (a === '--help' || a === '-h') {
      stdout.write('npm start [-- <workbook: a CSV folder or an .xlsx file>] [--port N] [--lang ja|en] [--smoke]\n');
      return;
    } else if (path === undefined) path = a;
  }
  const base = process.env.INIT_CWD || process.cwd();
  const workbookPath = path === undefined ? SAMPLE_WORKBOOK : resolve(base, path);
  // --lang sets the page, the sidebar, the dialogs and what the run writes; without it the page follows the browser.
  const pg = await startPlayground({ workbookPath, port, lang: chosen });
  const shown = path ?? 'sample/workbook';
  if (smoke) {
    const problems = await smokeCheck(pg);
    await pg.close();
    if (problems.length > 0) {
      stderr.write(
        `${localText(lang, 'playground.cli.smoke_failed', { url: pg.url, path: shown, problems: problems.join('\n  ') })}\n`,
      );
      process.exit(1);
    }
    stdout.write(`${localText(lang, 'playground.cli.smoke_ok', { url: pg.url, path: shown })}\n`);
    return;
  }
  stdout.write(`${localText(lang, 'playground.cli.listening', { url: pg.url, path: shown })}\n`);
  if (pg.error)
    stdout.write(
      `${localText(lang, 'playground.cli.workbook_error', { message: 'key' in pg.error ? localText(lang, pg.error.key, pg.error.params) : pg.error.message })}\n`,
    );
  stdout.write(`${localText(lang, 'playground.cli.stop')}\n`);
  const stop = () => {
    pg.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
