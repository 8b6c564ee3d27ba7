/**
 * `--engine ts|duckdb`: the flag and its mistakes, and the DuckDB engine's
 * inputs. Bad input never looks like good news on either engine: a missing
 * sheet, a misspelt column, a UTF-16 file, a broken quote get the very
 * message the TypeScript path gives (exit 2), in English and Japanese; a
 * Shift_JIS file with CR line ends reads as the TypeScript path reads it;
 * the temporary copies are removed.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli';
import { cp932 } from '../helpers/cp932';

const SAMPLE = join(__dirname, '..', '..', 'sample', 'workbook');

// Each test runs the command line on both engines, several times, on a machine shared with others.
jest.setTimeout(60_000);

let dir: string;
let book: string;
let ownTmp: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-engine-'));
  book = join(dir, 'book');
  cpSync(SAMPLE, book, { recursive: true });
  // DuckDB's temporary copies go to the command's TMPDIR: a folder of this test's own, checked empty afterwards.
  ownTmp = join(dir, 'tmp');
  mkdirSync(ownTmp);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The command line with this test's TMPDIR. */
const run = (argv: string[]) => cli(argv, { LANG: 'en_US.UTF-8', TMPDIR: ownTmp });

/** The same command on both engines. */
async function both(args: string[]) {
  return {
    ts: await run([...args, '--engine', 'ts']),
    duck: await run([...args, '--engine', 'duckdb']),
  };
}

function renameHeader(sheet: string, from: string, to: string): void {
  const file = join(book, `${sheet}.csv`);
  const [head, ...rest] = readFileSync(file, 'utf8').split('\n');
  expect(head.split(',')).toContain(from);
  writeFileSync(
    file,
    [
      head
        .split(',')
        .map((c) => (c === from ? to : c))
        .join(','),
      ...rest,
    ].join('\n'),
  );
}

/** Snapshots four times over (past the first megabyte: the streaming check reads in pieces), with a stray quote at line 20002. */
function strayQuoteFarIn(): void {
  const file = join(book, 'Snapshots.csv');
  const [head, ...rows] = readFileSync(file, 'utf8').trimEnd().split('\n');
  const many = Array.from({ length: 4 }, () => rows).flat();
  many[20000] = many[20000].replace(/,([^,]*),/, ',"$1"x,');
  writeFileSync(file, `${[head, ...many].join('\n')}\n`);
}

describe('the --engine flag', () => {
  it('ts is the default; lamps and check take duckdb, and their help names both values', async () => {
    const plain = await cli(['lamps', book, '--json']);
    const ts = await cli(['lamps', book, '--json', '--engine', 'ts']);
    expect(plain.code).toBe(0);
    expect(ts.stdout).toBe(plain.stdout);
    const duck = await cli(['check', book, '--engine=duckdb']);
    expect(duck.code).toBe(0);
    for (const command of ['lamps', 'check']) {
      expect((await cli([command, '--help'])).stdout).toContain('--engine ts|duckdb');
      expect((await cli([command, '--help', '--lang', 'ja'])).stdout).toContain('組み込みの DuckDB');
    }
  });

  it('an unknown engine exits 2 naming the allowed values, in English and Japanese', async () => {
    const en = await cli(['lamps', book, '--engine', 'sqlite']);
    expect(en).toEqual({ code: 2, stdout: '', stderr: 'kpi-lamp: --engine must be ts or duckdb, not "sqlite"\n' });
    const ja = await cli(['check', book, '--engine', 'spark', '--lang', 'ja']);
    expect(ja.code).toBe(2);
    expect(ja.stderr).toBe('kpi-lamp: --engine には ts か duckdb を指定してください("spark" は使えません)\n');
    expect((await cli(['lamps', book, '--engine'])).code).toBe(2);
  });

  it('an .xlsx file: the DuckDB engine says to use --engine ts', async () => {
    const xlsx = join(dir, 'book.xlsx');
    writeFileSync(xlsx, 'not really a workbook');
    for (const [lang, text] of [
      ['en', 'for an .xlsx file, use --engine ts'],
      ['ja', '.xlsx ファイルには --engine ts を使ってください'],
    ]) {
      const out = await cli(['lamps', xlsx, '--engine', 'duckdb', '--lang', lang]);
      expect(out.code).toBe(2);
      expect(out.stdout).toBe('');
      expect(out.stderr).toContain(text);
    }
  });
});

describe("bad input: the TypeScript path's own diagnosis, exit 2", () => {
  it.each([
    ['a misspelt accounts sheet', () => renameSync(join(book, 'Accounts.csv'), join(book, 'accounts.csv')), 'lamps'],
    ['a misspelt Snapshots sheet', () => renameSync(join(book, 'Snapshots.csv'), join(book, 'Snapshot.csv')), 'lamps'],
    ['a misspelt History sheet', () => renameSync(join(book, 'History.csv'), join(book, 'Histroy.csv')), 'check'],
    ['a misspelt KPI column of Accounts', () => renameHeader('Accounts', 'login_rate_30d', 'login_rate_30'), 'lamps'],
    ['a misspelt month column of Snapshots', () => renameHeader('Snapshots', 'month', 'Month '), 'lamps'],
  ] as const)('%s', async (_, spoil, command) => {
    spoil();
    for (const lang of ['en', 'ja']) {
      const { ts, duck } = await both([command, book, '--lang', lang]);
      expect(ts.code).toBe(2);
      expect(ts.stderr).toMatch(lang === 'en' ? /nothing was judged/ : /何も判定していません/);
      expect(duck).toEqual(ts);
    }
    expect(readdirSync(ownTmp)).toEqual([]);
  });

  it('a UTF-16 file is refused as the loader refuses it', async () => {
    const text = readFileSync(join(book, 'Snapshots.csv'), 'utf8');
    writeFileSync(join(book, 'Snapshots.csv'), Buffer.from(`\ufeff${text}`, 'utf16le'));
    for (const lang of ['en', 'ja']) {
      const { ts, duck } = await both(['lamps', book, '--lang', lang]);
      expect(ts.code).toBe(2);
      expect(ts.stderr).toContain(lang === 'en' ? 'UTF-16 text is not read' : 'UTF-16');
      expect(duck).toEqual(ts);
    }
  });

  it('a stray quote far into a large file is named at its line, as the loader names it', async () => {
    strayQuoteFarIn();
    for (const lang of ['en', 'ja']) {
      const { ts, duck } = await both(['lamps', book, '--json', '--lang', lang]);
      expect(ts.code).toBe(2);
      expect(ts.stderr).toContain('20002');
      expect(duck).toEqual(ts);
    }
  });

  it('DuckDB checks the bindings on the header rows before reading a file whole: a misspelt column is named though a row far past the header is broken', async () => {
    strayQuoteFarIn();
    renameHeader('Snapshots', 'month', 'Month ');
    for (const [lang, words] of [
      ['en', /nothing was judged/],
      ['ja', /何も判定していません/],
    ] as const) {
      const out = await run(['lamps', book, '--engine', 'duckdb', '--lang', lang]);
      expect(out.code).toBe(2);
      expect(out.stdout).toBe('');
      expect(out.stderr).toMatch(words);
      expect(out.stderr).toContain('month');
      expect(out.stderr).not.toContain('20002');
    }
    expect(readdirSync(ownTmp)).toEqual([]);
  });

  it('a file DuckDB cannot read as Parquet is named, exit 2, not a crash', async () => {
    rmSync(join(book, 'Snapshots.csv'));
    writeFileSync(join(book, 'Snapshots.parquet'), 'not parquet at all');
    for (const [lang, words] of [
      ['en', 'cannot be read'],
      ['ja', '読み込めません'],
    ]) {
      const out = await run(['lamps', book, '--engine', 'duckdb', '--lang', lang]);
      expect(out.code).toBe(2);
      expect(out.stdout).toBe('');
      expect(out.stderr).toContain('Snapshots.parquet');
      expect(out.stderr).toContain(words);
    }
    expect(readdirSync(ownTmp)).toEqual([]);
  });

  it('no Snapshots file: both engines report, every lamp unproven, alike', async () => {
    rmSync(join(book, 'Snapshots.csv'));
    const { ts, duck } = await both(['lamps', book, '--json']);
    expect(ts.code).toBe(0);
    expect(duck).toEqual(ts);
  });

  it('check needs no Accounts file on DuckDB where it needs none on TypeScript', async () => {
    rmSync(join(book, 'Accounts.csv'));
    const { ts, duck } = await both(['check', book]);
    expect(ts.code).toBe(0);
    expect(duck).toEqual(ts);
  });
});

describe('encodings and line ends the loader reads', () => {
  it('cells of two lines, short and long rows, quotes inside unquoted cells: read as the loader reads them', async () => {
    const file = join(book, 'Snapshots.csv');
    const [head, ...rows] = readFileSync(file, 'utf8').trimEnd().split('\n');
    const edited = rows.map((r, i) => {
      const cells = r.split(',');
      if (i % 50 === 1) cells[2] = `"${cells[2]}\nplan"`;
      if (i % 70 === 2) cells[2] = `${cells[2]}" x`;
      if (i % 90 === 3) return cells.slice(0, 6).join(',');
      if (i % 110 === 4) return `${r},extra,"more"`;
      return cells.join(',');
    });
    writeFileSync(file, `${[head, ...edited].join('\r\n')}\r\n`);
    const lamps = await both(['lamps', book, '--json', '--all']);
    expect(lamps.ts.code).toBe(0);
    expect(lamps.duck).toEqual(lamps.ts);
    // The verdicts' r and p_value are summed in another order (engine-equal.test.ts bounds them): left out here.
    const check = await both(['check', book, '--json']);
    const drop = (text: string) =>
      JSON.stringify(JSON.parse(text, (k, v) => (k === 'r' || k === 'p_value' ? undefined : v)));
    expect(check.duck.code).toBe(0);
    expect(drop(check.duck.stdout)).toBe(drop(check.ts.stdout));
  });

  it('Shift_JIS (CP932) with lines ending in CR: the same report, the names decoded; the UTF-8 copy removed', async () => {
    const file = join(book, 'Accounts.csv');
    const [head, ...rows] = readFileSync(file, 'utf8').trimEnd().split('\n');
    const names = ['株式会社サクラ', 'サクラ①', 'Sakura "Co"\rJP'];
    // Every name and owner in characters the table above holds; lines ending in CR, CRLF and LF in turn;
    // a lone CR inside a quoted name is the name's own.
    const body = rows.map((r, i) => {
      const cells = r.split(',');
      cells[1] = names[i % 3].includes('"') ? `"${names[i % 3].replace(/"/g, '""')} ${i}"` : `${names[i % 3]}${i}`;
      cells[4] = i % 2 ? '会社' : 'CSM';
      return cells.join(',') + ['\r', '\r\n', '\n'][i % 3];
    });
    writeFileSync(file, cp932(`${head}\r${body.join('')}`, '?'));
    for (const args of [
      ['lamps', book, '--json', '--all'],
      ['lamps', book, '--lang', 'ja'],
    ]) {
      const { ts, duck } = await both(args);
      expect(ts.code).toBe(0);
      expect(duck).toEqual(ts);
    }
    const doc = JSON.parse((await cli(['lamps', book, '--json', '--all', '--engine', 'duckdb'])).stdout);
    expect(doc.accounts.map((a: { name: string }) => a.name)).toEqual(
      expect.arrayContaining(['株式会社サクラ0', 'サクラ①1', 'Sakura "Co"\rJP 2']),
    );
    expect(readdirSync(ownTmp)).toEqual([]);
  });
});
