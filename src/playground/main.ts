/**
 * `npm start [-- <workbook>] [--port N] [--lang ja|en]`: serves the
 * playground (see server.ts) and prints its URL. The workbook defaults to
 * the sample (sample/workbook); a relative path is taken from the folder
 * npm was started in. Run through scripts/start.mjs, which builds dist/
 * first.
 */
import { resolve } from 'node:path';
import { isLang, pickLang, t, type Lang } from '../i18n/messages';
import { SAMPLE_WORKBOOK, startPlayground } from './server';

/** LC_ALL, LC_MESSAGES, LANG: the first that is set, else Intl's. */
function systemLocale(env: NodeJS.ProcessEnv): string {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[name];
    if (v && v.trim() !== '') return v.trim();
  }
  return Intl.DateTimeFormat().resolvedOptions().locale;
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  let path: string | undefined;
  let port = 0;
  let lang: Lang = pickLang(systemLocale(process.env));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--port' || a.startsWith('--port=')) {
      const v = a.includes('=') ? a.slice(7) : argv[++i];
      port = Number(v);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        process.stderr.write(`kpi-lamp playground: --port must be a port number, not "${v}"\n`);
        process.exit(2);
      }
    } else if (a === '--lang' || a.startsWith('--lang=')) {
      const v = a.includes('=') ? a.slice(7) : argv[++i];
      if (isLang(v)) lang = v;
    } else if (a === '--help' || a === '-h') {
      process.stdout.write('npm start [-- <workbook: a CSV folder or an .xlsx file>] [--port N] [--lang ja|en]\n');
      return;
    } else if (path === undefined) path = a;
  }
  const base = process.env.INIT_CWD || process.cwd();
  const workbookPath = path === undefined ? SAMPLE_WORKBOOK : resolve(base, path);
  const pg = await startPlayground({ workbookPath, port });
  const shown = path ?? 'sample/workbook';
  process.stdout.write(`${t(lang, 'playground.cli.listening', { url: pg.url, path: shown })}\n`);
  if (pg.error) process.stdout.write(`${t(lang, 'playground.cli.workbook_error', { message: 'key' in pg.error ? t(lang, pg.error.key, pg.error.params) : pg.error.message })}\n`);
  process.stdout.write(`${t(lang, 'playground.cli.stop')}\n`);
  const stop = () => {
    pg.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
