#!/usr/bin/env node
/*
 * kpi-lamp: runs src/cli/main.ts through scripts/load-ts.mjs (esbuild bundles
 * it in memory; packages load from node_modules), so a fresh checkout works
 * after `npm install` with no build step.
 */
'use strict';
const path = require('node:path');
const { pathToFileURL } = require('node:url');

import(pathToFileURL(path.join(__dirname, '..', 'scripts', 'load-ts.mjs')).href)
  .then(({ loadTs }) => loadTs('src/cli/main.ts', 'silent'))
  .then((cli) => cli.main())
  .catch((e) => {
    const first = e && Array.isArray(e.errors) && e.errors[0];
    const where = first && first.location ? `${first.location.file}:${first.location.line}: ` : '';
    process.stderr.write(`kpi-lamp: cannot build the command line: ${where}${first ? first.text : e && e.message}\n`);
    process.exit(1);
  });
