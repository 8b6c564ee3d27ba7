/**
 * `kpi-lamp info`, called in-process through run(), plus one run of the real
 * bin/kpi-lamp.js to prove a fresh checkout's command works.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { displayWidth, systemLocale, table } from '../../src/cli/main';
import { cli } from '../helpers/cli';

let dir: string;
let book: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-cli-'));
  book = join(dir, 'book');
  mkdirSync(book);
  writeFileSync(join(book, 'Accounts.csv'), 'account_id,account_name,arr\nA0001,株式会社サクラ,1200\nA0002,Aoba,900\n');
  writeFileSync(join(book, 'History.csv'), '\ufeffmonth,churn_rate,\n2024-01,0.03,note\n');
  mkdirSync(join(dir, 'bad'));
  writeFileSync(join(dir, 'bad', 'Accounts.csv'), ',,\nA0001,x,1\n');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('kpi-lamp info', () => {
  it('prints sheets, row counts and headers', async () => {
    const { code, stdout, stderr } = await cli(['info', book]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain(`Workbook: ${book} (CSV folder, 2 sheets)`);
    expect(stdout).toMatch(/^Sheet\s+Rows\s+Columns$/m);
    expect(stdout).toMatch(/^Accounts\s+2\s+3$/m);
    expect(stdout).toMatch(/^History\s+1\s+3$/m);
    expect(stdout).toContain('  Accounts: account_id, account_name, arr');
    expect(stdout).toContain('  History: month, churn_rate, (blank)');
  });

  it('speaks Japanese by the system locale or --lang', async () => {
    const ja = await cli(['info', book], { LANG: 'ja_JP.UTF-8' });
    expect(ja.code).toBe(0);
    expect(ja.stdout).toContain('ワークブック:');
    expect(ja.stdout).toContain('シート');
    const forced = await cli(['info', book, '--lang', 'en'], { LANG: 'ja_JP.UTF-8' });
    expect(forced.stdout).toContain('Workbook:');
    const forcedJa = await cli(['--lang=ja', 'info', book]);
    expect(forcedJa.stdout).toContain('ワークブック:');
  });

  it('prints one JSON object with --json', async () => {
    const { code, stdout } = await cli(['info', '--json', book]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      format: 'kpi-lamp/info@1',
      workbook: book,
      sheets: [
        { name: 'Accounts', header: ['account_id', 'account_name', 'arr'], rows: 2 },
        { name: 'History', header: ['month', 'churn_rate', ''], rows: 1 },
      ],
    });
  });

  it('reads an .xlsx file', async () => {
    const ExcelJS = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Accounts');
    ws.addRow(['account_id', 'arr']);
    ws.addRow(['A0001', 5]);
    const path = join(dir, 'book.xlsx');
    await wb.xlsx.writeFile(path);
    const { code, stdout } = await cli(['info', path, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).sheets).toEqual([{ name: 'Accounts', header: ['account_id', 'arr'], rows: 1 }]);
  });
});

describe('errors: one line on stderr, exit 2', () => {
  it.each([
    [['info', '/no/such/workbook'], /^kpi-lamp: \/no\/such\/workbook: no such file or folder\n$/],
    [['info'], /give the workbook/],
    [['info', 'a', 'b'], /unexpected argument "b"/],
    [['info', '--bogus', 'x'], /unknown option "--bogus" for info/],
    [['info', 'x', '--lang', 'fr'], /--lang must be ja or en, not "fr"/],
    [['info', 'x', '--lang'], /option --lang needs a value/],
    [['info', 'x', '--json=yes'], /option --json takes no value/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['--lang', 'ja'], /コマンドがありません/],
  ])('%j', async (argv, message) => {
    const { code, stdout, stderr } = await cli(argv as string[]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('names the file of an empty header row, in Japanese too', async () => {
    const en = await cli(['info', join(dir, 'bad')]);
    expect(en.code).toBe(2);
    expect(en.stderr).toBe(
      `kpi-lamp: ${join(dir, 'bad', 'Accounts.csv')}: the header row (row 1) of sheet "Accounts" is empty\n`,
    );
    const ja = await cli(['info', join(dir, 'bad'), '--lang', 'ja']);
    expect(ja.stderr).toContain('ヘッダー行(1 行目)が空です');
  });

  it('prints the usage on stderr with exit 2 when called with nothing', async () => {
    const { code, stdout, stderr } = await cli([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('kpi-lamp <command> <workbook> [options]');
  });
});

describe('help', () => {
  it('--help prints the usage with every command, exit 0', async () => {
    const { code, stdout, stderr } = await cli(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^\s+info\s+list the sheets/m);
    expect((await cli(['-h'])).code).toBe(0);
    expect((await cli(['help'])).code).toBe(0);
    expect((await cli(['--help'], { LANG: 'ja_JP.UTF-8' })).stdout).toContain('使い方:');
  });

  it('info --help prints the command usage', async () => {
    const { code, stdout } = await cli(['info', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('kpi-lamp info <workbook> [--lang ja|en] [--json]');
    expect(stdout).toContain('--json');
  });
});

describe('helpers', () => {
  it('takes the locale from LC_ALL, LC_MESSAGES, LANG in that order', () => {
    expect(systemLocale({ LC_ALL: 'ja_JP.UTF-8', LANG: 'en_US' })).toBe('ja_JP.UTF-8');
    expect(systemLocale({ LC_MESSAGES: 'ja_JP', LANG: 'en_US' })).toBe('ja_JP');
    expect(systemLocale({ LC_ALL: '', LANG: 'en_US' })).toBe('en_US');
    expect(typeof systemLocale({})).toBe('string');
  });

  it('aligns tables by display width', () => {
    expect(displayWidth('顧客')).toBe(4);
    expect(displayWidth('abc')).toBe(3);
    expect(
      table(
        ['Sheet', 'Rows'],
        [
          ['顧客', '5'],
          ['Accounts', '120'],
        ],
        ['left', 'right'],
      ),
    ).toEqual(['Sheet     Rows', '--------  ----', '顧客         5', 'Accounts   120']);
  });
});

describe('bin/kpi-lamp.js', () => {
  const bin = join(__dirname, '..', '..', 'bin', 'kpi-lamp.js');
  const env = { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' };

  it('runs info on a CSV folder and an .xlsx file, and fails cleanly on a bad path', async () => {
    const ok = spawnSync(process.execPath, [bin, 'info', book, '--json'], { encoding: 'utf8', env });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).sheets.map((s: { name: string }) => s.name)).toEqual(['Accounts', 'History']);

    // The bundle loads exceljs by a real dynamic import: make sure that works too.
    const ExcelJS = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('顧客').addRow(['account_id']);
    const xlsx = join(dir, 'bin.xlsx');
    await wb.xlsx.writeFile(xlsx);
    const fromXlsx = spawnSync(process.execPath, [bin, 'info', xlsx, '--json'], { encoding: 'utf8', env });
    expect(fromXlsx.stderr).toBe('');
    expect(fromXlsx.status).toBe(0);
    expect(JSON.parse(fromXlsx.stdout).sheets).toEqual([{ name: '顧客', header: ['account_id'], rows: 0 }]);

    const bad = spawnSync(process.execPath, [bin, 'info', join(dir, 'missing')], { encoding: 'utf8', env });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe(`kpi-lamp: ${join(dir, 'missing')}: no such file or folder\n`);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  }, 30000);
});
