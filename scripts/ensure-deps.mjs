/**
 * prestart / pretest: on a fresh checkout, installs the npm packages first,
 * so that the README's two commands (npm start, npm test) work as they are.
 * Uses only Node's own modules: it runs before anything is installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const wanted = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
const missing = wanted.filter((name) => !existsSync(join(root, 'node_modules', name, 'package.json')));
if (missing.length > 0) {
  console.error(
    `kpi-lamp: installing the npm packages first (${missing.length} missing, e.g. ${missing.slice(0, 3).join(', ')})`,
  );
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('kpi-lamp: npm ci failed; run it yourself and try again.');
    process.exit(r.status ?? 1);
  }
}
