/**
 * The sample workbook's planted truths, re-checked by its own generator
 * (numpy/scipy, the contract's rules): a change to the CSVs or the generator
 * that breaks them fails here.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const python = process.env.KPI_LAMP_PYTHON || 'python3';

it('sample/generate.py --check-only passes on the committed workbook', () => {
  const r = spawnSync(python, [join(__dirname, '..', 'sample', 'generate.py'), '--check-only'], { encoding: 'utf8' });
  if (r.error)
    throw new Error(`cannot run ${python} (numpy and scipy are needed; .ci/run installs them): ${r.error.message}`);
  expect(r.stderr).toBe('');
  expect(r.stdout).toContain('all checks passed');
  expect(r.status).toBe(0);
}, 60000);
