/**
 * The top-level entry stubs of dist/Code.js, with their JSDoc: esbuild drops
 * comments, so gas-entry-generator reads the adapter sources (src/gas),
 * transpiled by TypeScript with comments kept, and for every
 * `global.NAME = function (a, b) {...}` emits `/** JSDoc *\/ function NAME(a, b) {}`,
 * which Apps Script can call by name; the bundle then assigns the real
 * function to the same global name. A computed `global[X] = ...` yields no
 * stub (entry-points.cjs refuses it).
 */
'use strict';
const ts = require('typescript');
const { generate } = require('gas-entry-generator');
const { customFunctionNames } = require('./verify-bundle.cjs');

/** @param {{ name: string, source: string }[]} files the adapter sources, in order */
function entryStubs(files) {
  const stubs = [];
  const customNames = [];
  for (const { source } of files) {
    if (!/\bglobal\.[A-Za-z_$][\w$]*\s*=/.test(source)) continue;
    customNames.push(...customFunctionNames(source));
    const js = ts.transpileModule(source, {
      compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.ESNext, removeComments: false },
    }).outputText;
    stubs.push(generate(js, { comment: true }).entryPointFunctions);
  }
  return { stubs, customNames };
}

module.exports = { entryStubs };
