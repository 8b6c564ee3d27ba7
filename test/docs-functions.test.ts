/**
 * The examples of =MRR_MOVEMENTS and =ONBOARDING_RATE in docs/functions.md
 * and its Japanese twin are what the built bundle returns for the example
 * data, cell by cell as the page writes them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDist, plain } from './helpers/apps-script-vm';
import { checkQuoted } from './helpers/markdown-tables';

const gas = loadDist();
const col = (v: unknown[]) => v.map((x) => [x]);
const d = (text: string) => (text === '' ? '' : { $date: text });

// The example tables of docs/functions.md ("=MRR_MOVEMENTS", "=ONBOARDING_RATE"), as Sheets passes them.
const SNAPSHOTS: [string, string, number][] = [
  ['A', '2024-01', 100],
  ['A', '2024-02', 150],
  ['A', '2024-03', 150],
  ['A', '2024-04', 120],
  ['B', '2024-01', 200],
  ['B', '2024-02', 200],
  ['B', '2024-04', 250],
  ['C', '2024-02', 80],
  ['C', '2024-03', 60],
  ['C', '2024-04', 60],
];
const STARTS = [
  '2025-01-06',
  '2025-01-15',
  '2025-01-28',
  '2025-02-03',
  '2025-02-17',
  '2025-02-28',
  '2025-03-10',
  '2025-03-24',
  '2025-04-01',
];
const DONE = ['2025-02-04', '2025-03-01', '', '2025-02-20', '', '2025-03-30', '2025-04-09', '', ''];

describe.each(['docs/functions.md', 'docs/functions.ja.md'])('%s function examples', (file) => {
  const text = readFileSync(join(__dirname, '..', file), 'utf8');
  it('=MRR_MOVEMENTS(A2:A11, B2:B11, C2:C11): the customers, MRR and rates tables', () => {
    const out = plain(
      gas.call(
        'MRR_MOVEMENTS',
        col(SNAPSHOTS.map((r) => r[0])),
        col(SNAPSHOTS.map((r) => r[1])),
        col(SNAPSHOTS.map((r) => r[2])),
      ),
    ) as unknown[][];
    const cells = ['customers_end', 'mrr_end', 'logo_churn_rate'].reduce(
      (n, marker) => n + checkQuoted(`${file} =MRR_MOVEMENTS`, text, out, marker),
      0,
    );
    expect(cells).toBe(4 * (8 + 8 + 7));
  });
  it('=ONBOARDING_RATE(A2:A10, B2:B10, 30, D1) with D1 = 2025-04-15', () => {
    const out = plain(
      gas.call('ONBOARDING_RATE', col(STARTS.map(d)), col(DONE.map(d)), 30, d('2025-04-15')),
    ) as unknown[][];
    expect(checkQuoted(`${file} =ONBOARDING_RATE`, text, out, 'completed_in_time')).toBe(4 * 5);
  });
});
