/**
 * Large CSV-folder workbooks for the command line's size tests and the
 * bench: an Accounts sheet of n rows and a tree of `lamps` lamp nodes, each
 * bound to its own KPI column, written into a folder. `lit` accounts of
 * every hundred are at or under every lamp's alert threshold (so a listing
 * can be made as long as wanted); the others are OK.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BigWorkbook {
  folder: string;
  treeFile: string;
}

export function writeBigWorkbook(
  dir: string,
  rows: number,
  opts: { lamps?: number; litPerHundred?: number } = {},
): BigWorkbook {
  const lamps = opts.lamps ?? 3;
  const litPerHundred = opts.litPerHundred ?? 100;
  const folder = join(dir, 'book');
  mkdirSync(folder, { recursive: true });
  const kpis = Array.from({ length: lamps }, (_, k) => `kpi_${k}`);
  const parts: string[] = [`account_id,account_name,csm,plan,arr,renewal_date,${kpis.join(',')}\n`];
  let size = parts[0].length;
  const file = join(folder, 'Accounts.csv');
  writeFileSync(file, '');
  const flush = () => {
    writeFileSync(file, parts.join(''), { flag: 'a' });
    parts.length = 0;
    size = 0;
  };
  for (let i = 0; i < rows; i++) {
    const lit = i % 100 < litPerHundred;
    const values = kpis.map((_, k) => (lit ? (0.05 + ((i + k) % 20) / 100).toFixed(2) : '0.9'));
    const line = `A${i},Account ${i},CSM ${i % 7},${['Starter', 'Growth', 'Enterprise'][i % 3]},${1000 + (i % 50000)},2027-03-31,${values.join(',')}\n`;
    parts.push(line);
    size += line.length;
    if (size > 1 << 22) flush();
  }
  flush();
  const nodes: object[] = [{ id: 'kgi', parent: null, type: 'kgi', name: 'Churn' }];
  kpis.forEach((c, k) =>
    nodes.push({
      id: c,
      parent: 'kgi',
      type: 'kpi',
      name: `KPI ${k}`,
      accounts_column: c,
      warn: 0.5,
      alert: 0.3,
      action: `Act on KPI ${k}`,
    }),
  );
  const treeFile = join(dir, 'tree.json');
  writeFileSync(treeFile, JSON.stringify({ format: 'kpi-lamp/tree@1', nodes }));
  return { folder, treeFile };
}
