/**
 * Checks the built Apps Script file: every custom function must be a
 * top-level `function NAME(a, b, ...)` declaration carrying a JSDoc with
 * @customfunction, a @param for each parameter (same names, same order),
 * @return and an example formula. Sheets shows exactly this as its help;
 * a stub without it is invisible to autocomplete.
 */
'use strict';
const ts = require('typescript');

/** @returns {string[]} the problems found (empty when the bundle is good). */
function verifyCustomFunctions(code, names) {
  const problems = [];
  const sf = ts.createSourceFile('Code.js', code, ts.ScriptTarget.ES2020, true, ts.ScriptKind.JS);
  const decls = new Map();
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name) decls.set(st.name.text, st);
  }
  for (const name of names) {
    if (!/^[A-Z][A-Z0-9_]*[A-Z0-9]$/.test(name))
      problems.push(`${name}: a custom function's name is upper case and does not end in "_"`);
    const d = decls.get(name);
    if (!d) {
      problems.push(`${name}: no top-level function declaration in the bundle`);
      continue;
    }
    const params = d.parameters.map((p) => p.name.getText(sf));
    if (params.length === 0) problems.push(`${name}: the declaration has no parameters (Sheets would show none)`);
    const docs = (ts.getJSDocCommentsAndTags(d) || []).filter(ts.isJSDoc);
    const doc = docs.length ? docs[docs.length - 1].getText(sf) : '';
    if (!doc) {
      problems.push(`${name}: no JSDoc comment`);
      continue;
    }
    if (!/@customfunction\b/.test(doc)) problems.push(`${name}: JSDoc lacks @customfunction`);
    if (!/@returns?\b/.test(doc)) problems.push(`${name}: JSDoc lacks @return`);
    if (!new RegExp(`Example:\\s*=${name}\\(`).test(doc))
      problems.push(`${name}: JSDoc lacks an example formula "Example: =${name}(...)"`);
    const documented = [...doc.matchAll(/@param\s+(?:\{[^}]*\}\s*)?\[?([A-Za-z_$][\w$]*)/g)].map((m) => m[1]);
    if (documented.join(',') !== params.join(',')) {
      problems.push(
        `${name}: @param names (${documented.join(', ')}) do not match the parameters (${params.join(', ')})`,
      );
    }
  }
  return problems;
}

/** Names assigned as `global.NAME = function` in a source file marked as custom functions. */
function customFunctionNames(source) {
  return [...source.matchAll(/@customfunction[\s\S]*?\*\/\s*global\.([A-Za-z_$][\w$]*)\s*=/g)].map((m) => m[1]);
}

module.exports = { verifyCustomFunctions, customFunctionNames };
