/**
 * `npm start -- --smoke` (CI runs it on a fresh clone, then checks git
 * status): it passes on the sample, and it fails, naming what, where a first
 * look would fail — a formula the page cannot compute, a workbook that cannot
 * be opened, a missing build.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { smokeCheck } from '../../src/playground/main';
import { startPlayground } from '../../src/playground/server';

const ROOT = join(__dirname, '..', '..');

async function smokeOf(options: Parameters<typeof startPlayground>[0]): Promise<string[]> {
  const pg = await startPlayground({ port: 0, ...options });
  try {
    return await smokeCheck(pg);
  } finally {
    await pg.close();
  }
}

describe('the playground smoke check', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-smoke-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the sample answers: page, sidebar, state and every sheet with its formulas computed', async () => {
    expect(await smokeOf({})).toEqual([]);
  }, 60000);

  it('a formula that fails is a problem naming its sheet', async () => {
    const book = join(dir, 'bad-formula');
    mkdirSync(book);
    writeFileSync(join(book, 'Scores.csv'), 'score,nps\n9,"=NPS(A2:A3,B2:B9,C1)"\n3,\n');
    expect(await smokeOf({ workbookPath: book })).toEqual(['/api/sheet?name=Scores: 1 formula cell(s) not computed']);
  }, 30000);

  it('a workbook that cannot be opened, or a missing build, is a problem', async () => {
    expect((await smokeOf({ workbookPath: join(dir, 'nowhere') })).join('\n')).toMatch(
      /^\/sidebar: HTTP 503\n\/api\/state: /,
    );
    expect((await smokeOf({ distDir: join(dir, 'no-dist') })).join('\n')).toMatch(
      /\/sidebar: HTTP 503[\s\S]*\/api\/state: The built add-on is missing/,
    );
  }, 30000);

  const run = (args: string[]) =>
    spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const { loadTs } = await import('./scripts/load-ts.mjs'); await loadTs('src/playground/main.ts').main(process.argv.slice(1));",
        '--',
        ...args,
      ],
      {
        cwd: ROOT,
        env: { ...process.env, LANG: 'en_US.UTF-8', INIT_CWD: '' },
        encoding: 'utf8',
        timeout: 60000,
      },
    );

  it('npm start -- --smoke: exit 0 and one line on the sample, exit 1 with the problems otherwise', () => {
    const ok = run(['--smoke']);
    expect({ status: ok.status, stderr: ok.stderr }).toEqual({ status: 0, stderr: '' });
    expect(ok.stdout).toMatch(
      /^KPI Lamp playground: http:\/\/127\.0\.0\.1:\d+\/ answered \(workbook: sample\/workbook\): the page, the sidebar and every sheet\. Stopped\.\n$/,
    );
    const bad = run([join(dir, 'bad-formula'), '--smoke', '--lang', 'ja']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('正しく応答しませんでした');
    expect(bad.stderr).toContain('/api/sheet?name=Scores: 1 formula cell(s) not computed');
  }, 90000);

  it('npm start prints what a folder holds safely: an ESC sequence in a file name is shown escaped, never sent to the terminal', () => {
    const book = join(dir, 'hostile-names');
    mkdirSync(book);
    // A sheet file whose name retitles the terminal and turns it red, and whose CSV cannot be read (so the message names it).
    writeFileSync(join(book, 'Bad\u001b]0;pwned\u0007\u001b[31m.csv'), 'a,b\n"never closed,1\n');
    const r = run([book, '--smoke']);
    expect(r.status).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out).toContain('Bad\\u001b]0;pwned\\u0007\\u001b[31m.csv');
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  }, 90000);
});
