/**
 * Every name Apps Script calls, read from the source that registers it, and
 * the check that dist/Code.js declares each as a top-level function.
 *
 * Apps Script calls a function by name — a simple trigger (onOpen,
 * onInstall), a custom function, a menu item's handler, a time trigger's
 * handler, a google.script.run target — and finds only what the script
 * declares as a top-level `function NAME()`; a property assigned to the
 * global object at run time is not promised to be found ("Script function
 * not found"). https://developers.google.com/apps-script/guides/html/reference/run
 * ("google.script.run … call server-side Apps Script functions") and
 * https://developers.google.com/apps-script/guides/triggers/installable
 * (a trigger names "the function to run").
 *
 * The names come from the TypeScript sources, never from a list kept by hand:
 *   custom functions      `global.NAME = function` under a @customfunction JSDoc (src/gas;
 *                         verify-bundle.cjs also checks their JSDoc)
 *   simple triggers       `global.onOpen = …` etc. (src/gas)
 *   menu handlers         `.addItem(label, NAME)`
 *   time-trigger handlers `newTrigger(NAME)`, and `installTrigger(NAME, …)` on the
 *                         Workbook port (GasWorkbook.installTrigger forwards its
 *                         parameter to newTrigger, the journal's to the port's)
 *   google.script.run     `server.NAME(…)` in every client of src/sidebar/api-client.ts
 *                         (the sidebar and the correlogram dialog), prefixed as that
 *                         module's `remote()` prefixes it; and any literal
 *                         `google.script.run….NAME(` in a page or script
 * NAME may be a string literal or a `const` holding one (followed through imports).
 * Anything the reader cannot resolve is itself a problem: the build cannot
 * check it, so it fails.
 */
'use strict';
const ts = require('typescript');
const { readdirSync, readFileSync, statSync, existsSync } = require('node:fs');
const { join, relative, dirname, resolve } = require('node:path');
const { customFunctionNames } = require('./verify-bundle.cjs');

/** Apps Script runs these by their name alone. https://developers.google.com/apps-script/guides/triggers */
const SIMPLE_TRIGGERS = ['onOpen', 'onInstall', 'onEdit', 'onSelectionChange', 'doGet', 'doPost'];

/** Hosts that are not Apps Script clients: the playground runs the API in Node behind its own google.script.run shim. */
const NOT_CLIENTS = ['src/playground/'];

function walk(dir, out = []) {
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

function loadSources(root, overrides = {}) {
  const texts = new Map();
  for (const p of walk(join(root, 'src'))) texts.set(relative(root, p).split('\\').join('/'), null);
  for (const rel of Object.keys(overrides)) texts.set(rel, overrides[rel]);
  const files = new Map();
  for (const [rel, given] of texts) {
    if (!/\.(ts|html)$/.test(rel) || rel.endsWith('.test.ts')) continue;
    const text = given ?? readFileSync(join(root, rel), 'utf8');
    files.set(rel, {
      rel,
      text,
      sf: rel.endsWith('.ts') ? ts.createSourceFile(rel, text, ts.ScriptTarget.ES2020, true, ts.ScriptKind.TS) : null,
    });
  }
  return files;
}

/**
 * The names Apps Script will call, each with where it was registered, and
 * the registrations the reader could not resolve (`problems`).
 * `overrides` replaces or adds files' texts (paths relative to root), for tests.
 */
function requiredEntryPoints(root, overrides = {}) {
  const files = loadSources(root, overrides);
  const names = new Map();
  const problems = [];
  const need = (name, why) => {
    if (!names.has(name)) names.set(name, []);
    names.get(name).push(why);
  };
  const where = (file, node) => `${file.rel}:${file.sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;

  function moduleFile(from, spec) {
    if (!spec.startsWith('.')) return null;
    const base = join(dirname(from), spec).split('\\').join('/');
    for (const cand of [`${base}.ts`, `${base}/index.ts`, base]) if (files.has(cand)) return files.get(cand);
    return null;
  }

  /** The string a top-level `const NAME = '…'` of a file holds, following imports; null if unknown. */
  function constString(file, name, seen = new Set()) {
    const key = `${file.rel}#${name}`;
    if (seen.has(key)) return null;
    seen.add(key);
    for (const st of file.sf.statements) {
      if (ts.isVariableStatement(st) && st.declarationList.flags & ts.NodeFlags.Const) {
        for (const d of st.declarationList.declarations) {
          if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer && ts.isStringLiteralLike(d.initializer))
            return d.initializer.text;
        }
      }
      if (
        ts.isImportDeclaration(st) &&
        st.importClause?.namedBindings &&
        ts.isNamedImports(st.importClause.namedBindings)
      ) {
        for (const el of st.importClause.namedBindings.elements) {
          if (el.name.text !== name) continue;
          const target = moduleFile(file.rel, st.moduleSpecifier.text);
          if (target) return constString(target, (el.propertyName ?? el.name).text, seen);
        }
      }
    }
    return null;
  }

  function stringOf(file, expr) {
    if (!expr) return null;
    if (ts.isStringLiteralLike(expr)) return expr.text;
    if (ts.isIdentifier(expr)) return constString(file, expr.text);
    return null;
  }

  /** The parameter of an enclosing function or method named `installTrigger`, when expr is one. */
  function forwardedByInstallTrigger(expr) {
    if (!ts.isIdentifier(expr)) return false;
    for (let n = expr.parent; n; n = n.parent) {
      if (
        (ts.isMethodDeclaration(n) || ts.isFunctionDeclaration(n)) &&
        n.name &&
        n.name.getText() === 'installTrigger'
      ) {
        return n.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === expr.text);
      }
    }
    return false;
  }

  const calleeName = (call) =>
    ts.isPropertyAccessExpression(call.expression)
      ? call.expression.name.text
      : ts.isIdentifier(call.expression)
        ? call.expression.text
        : null;

  // The client module of google.script.run and the prefix each of its remote() objects adds.
  const clientPath = 'src/sidebar/api-client.ts';
  const remotes = new Map();
  const client = files.get(clientPath);
  if (client) {
    let defaultPrefix = null;
    for (const st of client.sf.statements) {
      if (ts.isFunctionDeclaration(st) && st.name?.text === 'remote' && st.parameters[0]?.initializer)
        defaultPrefix = stringOf(client, st.parameters[0].initializer);
    }
    for (const st of client.sf.statements) {
      if (!ts.isVariableStatement(st)) continue;
      for (const d of st.declarationList.declarations) {
        const init = d.initializer;
        if (!init || !ts.isCallExpression(init) || calleeName(init) !== 'remote' || !ts.isIdentifier(d.name)) continue;
        const prefix = init.arguments.length ? stringOf(client, init.arguments[0]) : defaultPrefix;
        if (prefix === null) problems.push(`${where(client, d)}: the prefix of remote() is not a string constant`);
        else remotes.set(d.name.text, prefix);
      }
    }
  }

  for (const file of files.values()) {
    if (NOT_CLIENTS.some((p) => file.rel.startsWith(p))) continue;
    // Pages and scripts that call google.script.run directly.
    if (file.rel !== clientPath) {
      const direct =
        /google\s*\.\s*script\s*\.\s*run((?:\s*\.\s*with(?:SuccessHandler|FailureHandler|UserObject)\s*\((?:[^()]|\([^()]*\))*\))*)\s*\.\s*([A-Za-z_$][\w$]*)\s*\(/g;
      for (const m of file.text.matchAll(direct)) need(m[2], `google.script.run in ${file.rel}`);
    }
    if (!file.sf) continue;
    // Which local names are remote() objects of the client module here.
    const localRemotes = new Map();
    for (const st of file.sf.statements) {
      if (
        !ts.isImportDeclaration(st) ||
        !st.importClause?.namedBindings ||
        !ts.isNamedImports(st.importClause.namedBindings)
      )
        continue;
      const target = moduleFile(file.rel, st.moduleSpecifier.text);
      if (!target || target.rel !== clientPath) continue;
      for (const el of st.importClause.namedBindings.elements) {
        const prefix = remotes.get((el.propertyName ?? el.name).text);
        if (prefix !== undefined) localRemotes.set(el.name.text, prefix);
      }
    }
    const inGas = file.rel.startsWith('src/gas/');
    if (inGas) for (const n of customFunctionNames(file.text)) need(n, `custom function (${file.rel})`);
    const visit = (node) => {
      if (ts.isCallExpression(node)) {
        const name = calleeName(node);
        if (name === 'addItem' && ts.isPropertyAccessExpression(node.expression) && node.arguments.length === 2) {
          const handler = stringOf(file, node.arguments[1]);
          if (handler === null)
            problems.push(`${where(file, node)}: a menu item's handler must be a string or a string constant`);
          else need(handler, `menu item (${where(file, node)})`);
        }
        if (name === 'newTrigger' && ts.isPropertyAccessExpression(node.expression)) {
          const arg = node.arguments[0];
          const handler = stringOf(file, arg);
          if (handler !== null) need(handler, `trigger handler (${where(file, node)})`);
          else if (!forwardedByInstallTrigger(arg))
            problems.push(`${where(file, node)}: newTrigger's handler must be a string constant`);
        }
        if (name === 'installTrigger' && ts.isPropertyAccessExpression(node.expression)) {
          const handler = stringOf(file, node.arguments[0]);
          if (handler !== null) need(handler, `trigger handler (${where(file, node)})`);
          // A decorator of the port (server/journal.ts) forwards its own parameter: its callers are checked.
          else if (!forwardedByInstallTrigger(node.arguments[0]))
            problems.push(`${where(file, node)}: installTrigger's handler must be a string constant`);
        }
      }
      if (
        ts.isPropertyAccessExpression(node) &&
        ts.isIdentifier(node.expression) &&
        localRemotes.has(node.expression.text) &&
        ts.isCallExpression(node.parent) &&
        node.parent.expression === node
      ) {
        need(localRemotes.get(node.expression.text) + node.name.text, `google.script.run from ${file.rel}`);
      }
      if (inGas && ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const left = node.left;
        if (
          ts.isElementAccessExpression(left) &&
          ts.isIdentifier(left.expression) &&
          left.expression.text === 'global'
        ) {
          problems.push(
            `${where(file, left)}: global[…] = … makes no top-level function; write global.NAME = function (…) {…}`,
          );
        }
        if (
          ts.isPropertyAccessExpression(left) &&
          ts.isIdentifier(left.expression) &&
          left.expression.text === 'global' &&
          SIMPLE_TRIGGERS.includes(left.name.text)
        ) {
          need(left.name.text, `simple trigger (${where(file, left)})`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file.sf);
  }
  return { names, problems };
}

/** Top-level function declarations of a script (what Apps Script can call by name). */
function topLevelFunctions(code) {
  const sf = ts.createSourceFile('Code.js', code, ts.ScriptTarget.ES2020, true, ts.ScriptKind.JS);
  return new Set(sf.statements.filter((s) => ts.isFunctionDeclaration(s) && s.name).map((s) => s.name.text));
}

/** The problems (empty when good): each required name must be a top-level function of the bundle. */
function verifyEntryPoints(code, required) {
  const declared = topLevelFunctions(code);
  const problems = [];
  for (const [name, why] of required) {
    if (!declared.has(name))
      problems.push(
        `${name}: no top-level function declaration in dist/Code.js (Apps Script calls it as ${why.join('; ')})`,
      );
  }
  return problems;
}

module.exports = { requiredEntryPoints, verifyEntryPoints, topLevelFunctions, SIMPLE_TRIGGERS };

if (require.main === module) {
  const root = resolve(__dirname, '..');
  const { names, problems } = requiredEntryPoints(root);
  for (const [n, why] of names) console.log(`${n.padEnd(24)} ${why.join('; ')}`);
  const code = existsSync(join(root, 'dist', 'Code.js')) ? readFileSync(join(root, 'dist', 'Code.js'), 'utf8') : '';
  const all = [...problems, ...verifyEntryPoints(code, names)];
  if (all.length) {
    console.error(all.join('\n'));
    process.exit(1);
  }
}
