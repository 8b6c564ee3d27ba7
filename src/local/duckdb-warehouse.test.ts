/**
 * The DuckDB adapter's own promises: parameters bound by name and type (a
 * null FLOAT64 stays a DOUBLE), BIGINT, HUGEINT and DECIMAL results as
 * JavaScript numbers, dates as ISO text; a CSV sheet as text columns named
 * by the header as the loader trims it (blank and repeated headers left
 * out), typed only where every cell is a plain number, TRUE/FALSE or yyyy-mm; a
 * Parquet file by its types; the temporary folder removed by close().
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckFolder, resultValue } from './duckdb-warehouse';

/** The fs module itself (not an import's namespace copy), whose readSync the adapter calls: spied to count the bytes read. */
const fsModule: typeof import('node:fs') = require('node:fs');

const ident = (n: string) => `"${n.replace(/"/g, '""')}"`;

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-duck-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function book(files: Record<string, string>): string {
  const path = join(dir, 'book');
  mkdirSync(path, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(path, f), text);
  return path;
}

describe('DuckFolder', () => {
  it('binds parameters by name and type, and gives numbers, text and dates as the readers expect', async () => {
    const folder = await DuckFolder.open(book({ 'A.csv': 'id\n1\n' }), {}, ident);
    try {
      const rows = await folder.run({
        step: 'accounts',
        sql: `SELECT $p0 + 1 AS a, $p1 AS b, CAST(12345678901 AS BIGINT) AS c, CAST(2 AS HUGEINT) AS d,
                CAST(1.25 AS DECIMAL(10, 2)) AS e, DATE '2027-04-05' AS f, $p2 AS g`,
        params: [
          { name: 'p0', type: 'FLOAT64', value: 0.5 },
          { name: 'p1', type: 'FLOAT64', value: null },
          { name: 'p2', type: 'STRING', value: "x'; DROP TABLE t; --" },
        ],
      });
      expect(rows).toEqual([
        { a: 1.5, b: null, c: 12345678901, d: 2, e: 1.25, f: '2027-04-05', g: "x'; DROP TABLE t; --" },
      ]);
    } finally {
      folder.close();
    }
    expect(resultValue(10n)).toBe(10);
    expect(resultValue(undefined)).toBeNull();
  });

  it('a CSV sheet: text columns named by the trimmed header; plain-number and TRUE/FALSE columns typed', async () => {
    const path = book({
      'Accounts.csv':
        ' id ,score,flag,,score,note,mixed,month,day\nA1,0.50,TRUE,x,9,1,1,2024-01,2024-01\nA2,007,false,y,9,,80%,,2024-02-03\n',
    });
    const folder = await DuckFolder.open(path, {}, ident);
    try {
      const t = await folder.table('Accounts', ['score', 'flag', 'mixed', 'id'], ['month', 'day']);
      expect(t?.columns).toEqual([
        { name: 'id', type: 'text' },
        { name: 'score', type: 'number' },
        { name: 'flag', type: 'boolean' },
        { name: 'note', type: 'text' },
        { name: 'mixed', type: 'text' },
        { name: 'month', type: 'date' },
        { name: 'day', type: 'text' },
      ]);
      expect(folder.headers({ headerRow: () => null }).headerRow('Accounts')).toEqual([
        'id',
        'score',
        'flag',
        '',
        'score',
        'note',
        'mixed',
        'month',
        'day',
      ]);
      const rows = await folder.run({
        step: 'accounts',
        sql: `SELECT "id", "score", "flag", "mixed", "month" FROM ${ident(t?.path[0] ?? '')} ORDER BY 1`,
        params: [],
      });
      expect(rows).toEqual([
        { id: 'A1', score: 0.5, flag: true, mixed: '1', month: '2024-01-01' },
        { id: 'A2', score: 7, flag: false, mixed: '80%', month: null },
      ]);
      expect(await folder.table('Nope')).toBeNull();
    } finally {
      folder.close();
    }
  });

  it('a Parquet sheet keeps its types; a Shift_JIS copy lives in a temporary folder until close()', async () => {
    const path = book({ 'Accounts.csv': 'id,arr\nA1,1\n' });
    const first = await DuckFolder.open(path, {}, ident);
    try {
      await first.run({
        step: 'accounts',
        sql: `COPY (SELECT 'A1' AS " id", CAST(10 AS HUGEINT) AS arr, TRUE AS ok, DATE '2027-01-31' AS renewal,
                TIMESTAMPTZ '2027-01-31 10:00:00+00' AS at, TIMESTAMP '2027-01-31 00:00:00' AS wall)
              TO '${join(path, 'Snapshots.parquet').replace(/'/g, "''")}' (FORMAT parquet)`,
        params: [],
      });
    } finally {
      first.close();
    }
    // Shift_JIS bytes of "名前" (0x96bc 0x914f) as a header: not UTF-8, so copied.
    writeFileSync(join(path, 'Names.csv'), Buffer.from([0x96, 0xbc, 0x91, 0x4f, 0x0a, 0x41, 0x0a]));
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    const folder = await DuckFolder.open(path, {}, ident, tmp);
    try {
      // The header alone gives the columns the view gives (a Parquet file's types; the Shift_JIS header decoded).
      const parquetHead = await folder.columns('Snapshots');
      expect(await folder.columns('Names')).toEqual([{ name: '名前', type: 'text' }]);
      const s = await folder.table('Snapshots');
      expect(parquetHead).toEqual(s?.columns);
      expect(s?.columns).toEqual([
        { name: 'id', type: 'text' },
        { name: 'arr', type: 'number' },
        { name: 'ok', type: 'boolean' },
        { name: 'renewal', type: 'date' },
        { name: 'at', type: 'timestamp' },
        { name: 'wall', type: 'text' },
      ]);
      const n = await folder.table('Names');
      expect(n?.columns).toEqual([{ name: '名前', type: 'text' }]);
      expect(readdirSync(tmp)).toHaveLength(1);
      const rows = await folder.run({
        step: 'accounts',
        sql: `SELECT "wall", "arr" FROM ${ident(s?.path[0] ?? '')}`,
        params: [],
      });
      expect(rows).toEqual([{ wall: '2027-01-31', arr: 10 }]);
    } finally {
      folder.close();
    }
    expect(readdirSync(tmp)).toEqual([]);
    expect(existsSync(path)).toBe(true);
  });

  it('a header read alone: the first record only, by the rules of the loader; the rest of the file is not read', async () => {
    // A quote broken far past the header (after several of the header read's pieces), then bytes that are no text.
    const body = Array.from({ length: 20000 }, (_, i) => `A${i},${i}`).join('\n');
    const path = book({
      'Big.csv': `\ufeff id ,"na\nme",id,\r\n${body}\nB,"x"y\n`,
      'One.csv': 'a,b',
    });
    const folder = await DuckFolder.open(path, {}, ident);
    try {
      expect(await folder.header('Big')).toEqual(['id', 'na\nme', 'id']);
      expect(await folder.columns('Big')).toEqual([
        { name: 'id', type: 'text' },
        { name: 'na\nme', type: 'text' },
      ]);
      expect(folder.headers({ headerRow: () => null }).headerRow('Big')).toEqual(['id', 'na\nme', 'id']);
      expect(await folder.header('One')).toEqual(['a', 'b']);
      expect(await folder.header('None')).toBeNull();
      // The whole file's read finds what the header's did not read.
      await expect(folder.table('Big')).rejects.toThrow(/line 20003/);
    } finally {
      folder.close();
    }
  });

  it('a Shift_JIS file is read once as Shift_JIS, its UTF-8 copy written in that reading (the UTF-8 attempt stops at its first piece)', async () => {
    // Shift_JIS "名前" (0x96bc 0x914f) as the header, then some 3 MB of rows: past several 1 MiB pieces.
    const rows = Buffer.from(Array.from({ length: 300_000 }, (_, i) => `A${i}`).join('\n'));
    const bytes = Buffer.concat([Buffer.from([0x96, 0xbc, 0x91, 0x4f, 0x0a]), rows, Buffer.from('\n')]);
    const path = book({ 'Names.csv': '' });
    writeFileSync(join(path, 'Names.csv'), bytes);
    const folder = await DuckFolder.open(path, {}, ident);
    const spy = jest.spyOn(fsModule, 'readSync');
    try {
      const n = await folder.table('Names');
      expect(n?.columns).toEqual([{ name: '名前', type: 'text' }]);
      const read = spy.mock.results.reduce((sum, r) => sum + (r.value as number), 0);
      // The BOM's look (4 bytes), UTF-8's first piece (1 MiB at most), and the file once.
      expect(read).toBeLessThanOrEqual(4 + (1 << 20) + bytes.length);
      const rowsRead = await folder.run({
        step: 'accounts',
        sql: `SELECT count(*) AS n FROM ${ident(n?.path[0] ?? '')}`,
        params: [],
      });
      expect(rowsRead).toEqual([{ n: 300_000 }]);
    } finally {
      spy.mockRestore();
      folder.close();
    }
  });
});
