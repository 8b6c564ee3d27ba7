/**
 * npm run sample:xlsx: writes sample/kpi-lamp-sample.xlsx, the sample
 * workbook (sample/workbook/*.csv) as one file a person imports into Google
 * Sheets (File → Import), with its formulas and the values the built
 * functions give saved beside them (test/helpers/sample-xlsx.ts). Run it
 * after `python3 sample/generate.py`; test/sample-xlsx.test.ts fails while
 * the committed file is out of date with the CSVs. Same CSVs, same bytes.
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { buildAppsScript } from './build.mjs';
import { loadTs, root } from './load-ts.mjs';

await buildAppsScript({ quiet: true });
const { Sample } = loadTs('test/helpers/sample-figures.ts');
const { SAMPLE_XLSX, sampleXlsx } = loadTs('test/helpers/sample-xlsx.ts');
const bytes = await sampleXlsx(await Sample.load());
writeFileSync(SAMPLE_XLSX, bytes);
console.log(`${relative(root, SAMPLE_XLSX)}: ${(bytes.length / 1024).toFixed(0)} KB`);
