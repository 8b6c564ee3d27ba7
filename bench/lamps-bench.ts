/**
 * `kpi-lamp lamps --all --json` on an Accounts sheet of 1,000,000 rows and
 * three lamp nodes, every account lit: about a gigabyte of JSON, more than
 * V8's longest string (the command used to exit 1 there). Run as a person
 * runs it, a separate `node bin/kpi-lamp.js` process whose stdout is a real
 * pipe read by this process, which keeps it in a file and then checks the
 * JSON chunk by chunk (it is too long for JSON.parse) and counts its accounts. Beside it, in the same run,
 * `kpi-lamp info --json` on the same folder: reading the workbook alone,
 * the floor under any command on it. Each process reports its peak memory
 * (maxRSS). Run once each: a run takes about a minute.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBigWorkbook } from '../test/helpers/big-workbook';
import { JsonChecker } from '../test/helpers/json-check';

const ROOT = join(__dirname, '..');

/** The command line in a child process, its stdout fed to `onChunk`; its time and peak memory (`nodeArgs`: Node's own options). */
export function runCli(
  args: string[],
  onChunk: (text: string) => void,
  nodeArgs: string[] = [],
): Promise<{ ms: number; code: number | null; maxRssMb: number; stderr: string }> {
  // The command line's own entry, and its peak memory reported on exit (resourceUsage().maxRSS is in KB).
  const script = `
    process.on('exit', () => process.stderr.write('\\nmaxRSS=' + process.resourceUsage().maxRSS + '\\n'));
    import(${JSON.stringify(`file://${join(ROOT, 'scripts', 'load-ts.mjs')}`)})
      .then(({ loadTs }) => loadTs('src/cli/main.ts', 'silent'))
      .then((cli) => cli.main());`;
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [...nodeArgs, '-e', script, '--', 'kpi-lamp', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', onChunk);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (t: string) => (stderr += t));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const m = /maxRSS=(\d+)/.exec(stderr);
      resolve({
        ms,
        code,
        maxRssMb: m ? Math.round(Number(m[1]) / 1024) : -1,
        stderr: stderr.replace(/\n?maxRSS=\d+\n/, ''),
      });
    });
  });
}

/** The JSON of a file, checked chunk by chunk (JsonChecker), never read whole. */
function checkFile(path: string) {
  const checker = new JsonChecker(['accounts']);
  const decoder = new StringDecoder('utf8');
  const buf = Buffer.alloc(1 << 22);
  const fd = openSync(path, 'r');
  try {
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) checker.write(decoder.write(buf.subarray(0, n)));
    checker.write(decoder.end());
  } finally {
    closeSync(fd);
  }
  return checker.end();
}

export async function lampsMillionRows(rows = 1_000_000) {
  const dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-bench-lamps-'));
  try {
    const { folder, treeFile } = writeBigWorkbook(dir, rows, { lamps: 3 });
    // Kept in a file as it arrives (the check below is slower than the command: it would hold the pipe back).
    const out = join(dir, 'lamps.json');
    const fd = openSync(out, 'w');
    let chars = 0;
    const lamps = await runCli(['lamps', folder, '--tree', treeFile, '--all', '--json', '--lang', 'en'], (t) => {
      chars += t.length;
      writeSync(fd, t);
    });
    closeSync(fd);
    if (lamps.code !== 0) throw new Error(`lamps exited ${lamps.code}: ${lamps.stderr}`);
    const doc = checkFile(out);
    if (doc.counts.accounts !== rows) throw new Error(`lamps listed ${doc.counts.accounts} accounts, not ${rows}`);
    const info = await runCli(['info', folder, '--json'], () => undefined);
    if (info.code !== 0) throw new Error(`info exited ${info.code}: ${info.stderr}`);
    return {
      lamps_json_1m_rows_ms: lamps.ms,
      lamps_json_1m_rows_mb_out: Math.round(chars / 1e6),
      lamps_json_1m_rows_peak_rss_mb: lamps.maxRssMb,
      read_1m_rows_info_ms: info.ms,
      read_1m_rows_info_peak_rss_mb: info.maxRssMb,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
