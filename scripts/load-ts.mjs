/**
 * Loads a TypeScript module of src/ in Node without a build step: esbuild
 * bundles it in memory (packages stay external), and it runs as if it sat
 * beside its source, so __dirname and node_modules resolve from there (the
 * way bin/kpi-lamp.js runs the command line).
 */
import { buildSync } from 'esbuild';
import Module from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The exports of src/<relative>.ts, e.g. loadTs('src/playground/main.ts'). */
export function loadTs(relative, logLevel = 'warning') {
  const entry = join(root, relative);
  const code = buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel,
    absWorkingDir: root,
  }).outputFiles[0].text;
  const filename = entry.replace(/\.ts$/, '.bundle.js');
  const m = new Module(filename);
  m.filename = filename;
  m.paths = Module._nodeModulePaths(dirname(filename));
  m._compile(code, filename);
  return m.exports;
}
