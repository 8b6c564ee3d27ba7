#!/usr/bin/env node
/*
 * kpi-lamp: bundles src/cli/main.ts in memory with esbuild and runs it, so a
 * fresh checkout works after `npm install` with no build step. Packages stay
 * external and load from node_modules.
 */
'use strict';
const path = require('node:path');
const Module = require('node:module');

const root = path.resolve(__dirname, '..');
const entry = path.join(root, 'src', 'cli', 'main.ts');

let code;
try {
  const esbuild = require('esbuild');
  const result = esbuild.buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
    absWorkingDir: root,
  });
  code = result.outputFiles[0].text;
} catch (e) {
  const first = e && Array.isArray(e.errors) && e.errors[0];
  const where = first && first.location ? `${first.location.file}:${first.location.line}: ` : '';
  process.stderr.write(`kpi-lamp: cannot build the command line: ${where}${first ? first.text : e && e.message}\n`);
  process.exit(1);
}

// Load the bundle as if it were src/cli/main.js, so that its packages
// resolve from the project's node_modules.
const filename = path.join(root, 'src', 'cli', 'main.bundle.js');
const m = new Module(filename, module);
m.filename = filename;
m.paths = Module._nodeModulePaths(path.dirname(filename));
m._compile(code, filename);
m.exports.main();
