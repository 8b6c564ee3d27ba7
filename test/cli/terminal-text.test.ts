/**
 * Text to a terminal is printed safely: control characters from paths,
 * sheet names, headers, tree names and account names are shown escaped in
 * every command's output, and --json stays valid JSON with the same values.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { safeOutput, terminalText } from '../../src/core/text/terminal-text';
import { table } from '../../src/cli/text-table';
import { cli } from '../helpers/cli';

const SAMPLE = join(__dirname, '..', '..', 'sample', 'workbook');
const STARTER = JSON.parse(readFileSync(join(__dirname, '..', '..', 'sample', 'starter-tree.json'), 'utf8'));
const ESC = '\u001b';
const HOSTILE = `${ESC}]0;pwned\u0007${ESC}[2J\u009b31m\u202e`;
/** No raw control character but the line feed. */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-tty-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('terminalText and safeOutput', () => {
  it('escape every control character as \\uXXXX; output keeps its own line feeds', () => {
    expect(terminalText(`a${ESC}[31mb\nc\u202ed`)).toBe('a\\u001b[31mb\\u000ac\\u202ed');
    expect(safeOutput(`line${ESC}[2J\nnext\r\u0085\u2066`)).toBe('line\\u001b[2J\nnext\\u000d\\u0085\\u2066');
    expect(terminalText('株式会社サクラ')).toBe('株式会社サクラ');
  });
  it('keep JSON valid and equal in value', () => {
    const value = { name: `x${HOSTILE}\u0085\n`, n: 1 };
    const out = safeOutput(JSON.stringify(value, null, 2));
    expect(out).not.toMatch(RAW);
    expect(JSON.parse(out)).toEqual(value);
  });
  it('clip a very long value by display width, and table cells with it', () => {
    expect(terminalText('あいうえお', 7)).toBe('あいう…');
    const huge = 'a '.repeat(2_500_000);
    const lines = table(
      ['name', 'n'],
      [
        [huge, '1'],
        ['b', '2'],
      ],
      ['left', 'right'],
    );
    expect(lines.every((l) => l.length < 300)).toBe(true);
    expect(lines[2]).toMatch(/… {2}1$/);
  });
});

describe('every command prints names safely', () => {
  it('info: a folder, a sheet file and a header with ESC sequences and line feeds', async () => {
    const book = join(dir, `book${ESC}[31m`);
    mkdirSync(book);
    const sheet = `Acc${ESC}]0;x\u0007\nounts`;
    writeFileSync(join(book, `${sheet}.csv`), `"id${ESC}[2J","na\nme"\n1,2\n`);
    for (const argv of [
      ['info', book],
      ['info', book, '--lang', 'ja'],
    ]) {
      const out = await cli(argv);
      expect(out.code).toBe(0);
      expect(out.stdout).not.toMatch(RAW);
      expect(out.stdout).toContain('book\\u001b[31m');
      expect(out.stdout).toContain('Acc\\u001b]0;x\\u0007\\u000aounts: id\\u001b[2J, na\\u000ame');
    }
    const json = await cli(['info', book, '--json']);
    expect(json.stdout).not.toMatch(RAW);
    const doc = JSON.parse(json.stdout);
    expect(doc.workbook).toBe(book);
    expect(doc.sheets[0]).toEqual({ name: sheet, header: [`id${ESC}[2J`, 'na\nme'], rows: 1 });
  });

  it('errors: a path that does not exist, and a file that cannot be parsed', async () => {
    const missing = await cli(['info', join(dir, `nope${HOSTILE}\nx`)]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).not.toMatch(RAW);
    expect(missing.stderr).toContain('nope\\u001b]0;pwned\\u0007');
    expect(missing.stderr.trimEnd().split('\n')).toHaveLength(1);
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, `S${ESC}[5m.csv`), 'a\n"x\n');
    const unparsable = await cli(['info', bad]);
    expect(unparsable.code).toBe(2);
    expect(unparsable.stderr).not.toMatch(RAW);
    expect(unparsable.stderr).toContain('S\\u001b[5m.csv');
  });

  it('check, lamps and import-tree: tree names, account names and ids', async () => {
    const book = join(dir, 'sample');
    cpSync(SAMPLE, book, { recursive: true });
    const accounts = readFileSync(join(book, 'Accounts.csv'), 'utf8').split('\n');
    accounts[1] = accounts[1].replace(/^A0001,[^,]*,/, `A0001,"Evil${HOSTILE}\nCorp",`);
    writeFileSync(join(book, 'Accounts.csv'), accounts.join('\n'));
    const tree = JSON.parse(JSON.stringify(STARTER));
    tree.nodes[0].name = `Churn${HOSTILE}`;
    tree.nodes[2].name = `Login${ESC}[8m`;
    const file = join(dir, 'tree.json');
    writeFileSync(file, JSON.stringify(tree));
    for (const argv of [
      ['check', book, '--tree', file],
      ['check', book, '--tree', file, '--json'],
      ['lamps', book, '--tree', file, '--all'],
      ['lamps', book, '--tree', file, '--json', '--all'],
      ['import-tree', book, file],
      ['export-tree', book],
    ]) {
      const out = await cli(argv);
      expect({ argv, code: out.code }).toEqual({ argv, code: 0 });
      expect({ argv, raw: RAW.test(out.stdout + out.stderr) }).toEqual({ argv, raw: false });
      if (argv.includes('--json') || argv[0] === 'export-tree') JSON.parse(out.stdout);
    }
    expect((await cli(['check', book, '--tree', file])).stdout).toContain(
      'Churn\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m\\u202e',
    );
    expect(JSON.parse((await cli(['export-tree', book])).stdout).nodes[0].name).toBe(`Churn${HOSTILE}`);
    const lamps = JSON.parse((await cli(['lamps', book, '--tree', file, '--json', '--all'])).stdout);
    expect(lamps.accounts.find((a: { id: string }) => a.id === 'A0001').name).toBe(`Evil${HOSTILE}\nCorp`);
  });
});
