/**
 * `kpi-lamp lamps` for any number of lit accounts: the report and the JSON
 * document are written as they are made, in chunks (src/cli/output.ts),
 * waiting while the reader is behind. The JSON is byte for byte what
 * JSON.stringify(doc, null, 2) gives wherever that fits in a string. The
 * million-row case (--all --json, more than V8's longest string) is in the
 * bench (lamps_json_1m_rows_ms): it takes longer than a test should.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, type CliIO } from '../../src/cli/main';
import { CHUNK_CHARS, writePieces } from '../../src/cli/output';
import { resolveTree } from '../../src/cli/tree-source';
import { loadCsvFolder } from '../../src/local/load-workbook';
import { computeLamps, lampsDocument, type Listing } from '../../src/server/lamps-report';
import { writeBigWorkbook } from '../helpers/big-workbook';
import { cli } from '../helpers/cli';
import { JsonChecker } from '../helpers/json-check';

const SAMPLE = join(__dirname, '..', '..', 'sample', 'workbook');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-streaming-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What JSON.stringify writes for the document the command computes (same workbook, tree, listing, language and date). */
function stringified(
  folder: string,
  treeFile: string | undefined,
  listing: Listing,
  lang: 'en' | 'ja',
  asOf: string,
  horizon?: number,
): string {
  const wb = loadCsvFolder(folder, { locale: lang });
  const tree = resolveTree(lang, wb, treeFile);
  const c = computeLamps(wb, tree, { listing, horizon });
  return `${JSON.stringify(lampsDocument(c, { lang, asOf, horizon: horizon ?? tree.settings.horizon_months, listing }), null, 2)}\n`;
}

const asOfIn = (out: string) => (/"as_of": "(\d{4}-\d{2}-\d{2})"/.exec(out) as RegExpExecArray)[1];

describe('the JSON document, streamed, is JSON.stringify(doc, null, 2) byte for byte', () => {
  const cases: [string, Listing, 'en' | 'ja', string[]][] = [
    ['at risk, en', 'at_risk', 'en', []],
    ['--unknown, ja', 'unknown', 'ja', ['--unknown']],
    ['--all, en', 'all', 'en', ['--all']],
  ];
  it.each(cases)('the sample workbook (%s)', async (_, listing, lang, flags) => {
    const out = await cli(['lamps', SAMPLE, '--json', '--lang', lang, ...flags]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(stringified(SAMPLE, undefined, listing, lang, asOfIn(out.stdout)));
  });

  it('the sample with --horizon 6 (its own backtest)', async () => {
    const out = await cli(['lamps', SAMPLE, '--json', '--horizon', '6']);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(stringified(SAMPLE, undefined, 'at_risk', 'en', asOfIn(out.stdout), 6));
  });

  it('generated workbooks of several sizes and shapes, longer than one chunk', async () => {
    for (const [rows, lamps, lit] of [
      [0, 1, 100],
      [1, 2, 100],
      [3000, 3, 40],
      [5000, 1, 100],
    ] as const) {
      const sub = mkdtempSync(join(dir, 'gen-'));
      const { folder, treeFile } = writeBigWorkbook(sub, rows, { lamps, litPerHundred: lit });
      for (const listing of ['at_risk', 'all'] as const) {
        const out = await cli(['lamps', folder, '--tree', treeFile, '--json', ...(listing === 'all' ? ['--all'] : [])]);
        expect(out.code).toBe(0);
        if (rows >= 3000) expect(out.stdout.length).toBeGreaterThan(CHUNK_CHARS * 4);
        expect(out.stdout).toBe(stringified(folder, treeFile, listing, 'en', asOfIn(out.stdout)));
      }
    }
  });
});

/** A reader that takes chunks of at most `limit` characters (like a buffer of that size), counting writes. */
function boundedReader(limit: number, onChunk: (text: string) => void) {
  const seen = { writes: 0, largest: 0 };
  const io: CliIO = {
    stdout: {
      write: (text: string) => {
        if (text.length > limit) throw new Error(`one write of ${text.length} characters`);
        seen.writes++;
        seen.largest = Math.max(seen.largest, text.length);
        onChunk(text);
        return true;
      },
    },
    stderr: { write: (text: string) => (stderrText += text) },
    env: { LANG: 'en_US.UTF-8' },
  };
  let stderrText = '';
  return { io, seen, stderr: () => stderrText };
}

describe('150,000 lit accounts', () => {
  let big: { folder: string; treeFile: string };
  beforeAll(() => {
    big = writeBigWorkbook(mkdtempSync(join(dir, 'big-')), 150_000, { lamps: 1 });
  });

  it('--json: exit 0, a document that parses with 150,000 accounts, written in chunks of at most 64 K characters', async () => {
    const checker = new JsonChecker(['accounts']);
    const r = boundedReader(CHUNK_CHARS + 1, (t) => checker.write(t));
    const code = await run(['lamps', big.folder, '--tree', big.treeFile, '--json'], r.io);
    expect(r.stderr()).toBe('');
    expect(code).toBe(0);
    const doc = checker.end();
    expect(doc.counts.accounts).toBe(150_000);
    expect(doc.scalars.format).toBe('"kpi-lamp/lamps@1"');
    expect(r.seen.largest).toBeLessThanOrEqual(CHUNK_CHARS + 1);
    expect(r.seen.writes).toBeGreaterThan(100);
  }, 120_000);

  it('the readable report: exit 0, every account in the table and in the details', async () => {
    let text = '';
    let lines = 0;
    let tail = '';
    const r = boundedReader(CHUNK_CHARS + 1, (t) => {
      if (text.length < 2000) text += t;
      const all = tail + t;
      const parts = all.split('\n');
      tail = parts.pop() as string;
      for (const line of parts) if (/^A\d+ Account \d+ +CSM \d/.test(line)) lines++;
    });
    const code = await run(['lamps', big.folder, '--tree', big.treeFile], r.io);
    expect(r.stderr()).toBe('');
    expect(code).toBe(0);
    expect(text).toMatch(/150000 accounts, 150000 listed/);
    expect(lines).toBe(150_000);
  }, 120_000);
});

describe('writePieces', () => {
  it('waits for drain whenever the stream is full, and writes everything in order', async () => {
    const written: string[] = [];
    let full = false;
    let drains = 0;
    const listeners: (() => void)[] = [];
    const stream = {
      write(text: string) {
        if (full) throw new Error('written while full');
        written.push(text);
        full = written.length % 3 === 0; // every third write fills the buffer
        if (full) {
          setImmediate(() => {
            full = false;
            drains++;
            listeners.splice(0).forEach((f) => f());
          });
        }
        return !full;
      },
      once(_event: 'drain', f: () => void) {
        listeners.push(f);
      },
    };
    const pieces = Array.from({ length: 500 }, (_, i) => `${i},`.repeat(i % 7) + '😀'.repeat(i % 3));
    await writePieces(stream, pieces, 64);
    expect(written.join('')).toBe(pieces.join(''));
    expect(drains).toBeGreaterThan(5);
    // No chunk splits a surrogate pair, and none is much over the chunk size.
    for (const w of written) {
      expect(w.length).toBeLessThanOrEqual(65);
      expect(/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(w)).toBe(false);
    }
  });

  it('a piece larger than a chunk (a 5 MB action) goes out in chunk-sized writes', async () => {
    const written: string[] = [];
    await writePieces({ write: (t: string) => written.push(t) }, ['a', 'x'.repeat(5_000_000), 'b'], CHUNK_CHARS);
    expect(written.join('')).toBe(`a${'x'.repeat(5_000_000)}b`);
    expect(Math.max(...written.map((w) => w.length))).toBe(CHUNK_CHARS);
  });
});
