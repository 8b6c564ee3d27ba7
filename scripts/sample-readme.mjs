/**
 * npm run sample:readme [-- --check]: rewrites every figure sample/README.md
 * quotes from the current sample workbook (after `python3 sample/generate.py`
 * re-tuned it): the sheets' formulas through the built functions, the
 * verdicts and the backtest through the command line, counts and dates from
 * the CSVs (test/helpers/sample-figures.ts, which test/sample-readme.test.ts
 * checks with). Only the figures change; the words around them stay, so read
 * the diff: a story that no longer holds (a lamp that lost its lift) needs
 * new words, not just new numbers. `--check` changes nothing and exits 1 when
 * a figure differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { buildAppsScript } from './build.mjs';
import { loadTs } from './load-ts.mjs';

const check = process.argv.includes('--check');
await buildAppsScript({ quiet: true });
const { recompute, Sample, SAMPLE_README } = loadTs('test/helpers/sample-figures.ts');
const text = readFileSync(SAMPLE_README, 'utf8');
const { checked, differences, rewritten } = await recompute(text, await Sample.load());
for (const d of differences) console.log(`${d.figure}: ${d.quoted} → ${d.computed}`);
if (check) {
  console.log(
    `sample/README.md: ${checked} figures, ${differences.length} differ${differences.length ? ' (npm run sample:readme rewrites them)' : ''}`,
  );
  process.exit(differences.length ? 1 : 0);
}
if (rewritten !== text) writeFileSync(SAMPLE_README, rewritten);
console.log(`sample/README.md: ${checked} figures, ${differences.length} rewritten`);
