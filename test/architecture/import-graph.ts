/**
 * The house rules of src/, read from the code itself (TypeScript's parser,
 * nothing run): the import graph and its circles, the layers and what each
 * may import, and where Apps Script's globals may be named. The rules are
 * written out in docs/engineering.md ("Layers"); architecture.test.ts holds
 * src/ to them, and holds each rule against a planted violation.
 *
 * Everything here works on a list of files (path relative to the
 * repository, text), so that a test can hand it a few made-up files.
 */
import { builtinModules } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import * as ts from 'typescript';

export interface Source {
  /** Relative to the repository, with forward slashes: "src/core/table.ts". */
  path: string;
  text: string;
}

export interface Import {
  from: string;
  /** The file imported (a path as Source.path: "src/…" or "sample/…"), or null for a package. */
  to: string | null;
  /** As written: "../core/table", "node:fs", "simple-statistics". */
  spec: string;
  /** Nothing of it is left at run time: `import type`, `export type`, `import('…').T` in a type. */
  typeOnly: boolean;
  line: number;
}

/**
 * The layers: a file's layer is its folder under src/ (src/playground/page
 * is its own: browser code). Each may import its own layer and those listed
 * in `may`; `typesOf` only as types (no code of theirs comes along). `node`:
 * may import Node's own modules (the layers that run only in Node).
 * Folders outside src/ that code imports (the sample's starter trees) are
 * layers too, named by their top folder.
 */
export interface Layer {
  may: readonly string[];
  typesOf?: readonly string[];
  node?: boolean;
}

export const LAYERS: Readonly<Record<string, Layer>> = {
  // The rules and the words: pure, everywhere.
  core: { may: [] },
  ports: { may: ['core'] },
  i18n: { may: ['core'] },
  // The tree compiled to SQL (BigQuery, DuckDB): pure, over the warehouse port's types.
  sql: { may: ['core', 'ports', 'i18n'] },
  functions: { may: ['core'] },
  // Host-agnostic server logic over the ports.
  server: { may: ['core', 'ports', 'i18n', 'sql', 'sample'] },
  // Adapters at the edge.
  gas: { may: ['core', 'ports', 'i18n', 'functions', 'server'] },
  local: { may: ['core', 'ports', 'i18n'], node: true },
  cli: { may: ['core', 'ports', 'i18n', 'sql', 'server', 'local'], node: true },
  playground: { may: ['core', 'ports', 'i18n', 'server', 'local', 'sample'], node: true },
  // Browser code: the server's types only (it calls the server through its typed client).
  sidebar: { may: ['core', 'i18n'], typesOf: ['server'] },
  dialog: { may: ['core', 'i18n', 'sidebar'], typesOf: ['server'] },
  'playground/page': { may: ['core', 'i18n', 'sidebar'], typesOf: ['playground'] },
};

/** The one browser file that talks to Apps Script (google.script.run, google.script.host). */
export const CLIENT_FILE = 'src/sidebar/api-client.ts';

/** The layer whose files may name Apps Script's server-side globals. */
export const GAS_LAYER = 'gas';

/** Apps Script's server-side globals (services, and the GoogleAppsScript type namespace). */
export const APPS_SCRIPT_GLOBALS: readonly string[] = [
  'SpreadsheetApp',
  'PropertiesService',
  'LockService',
  'ScriptApp',
  'HtmlService',
  'CacheService',
  'Session',
  'Utilities',
  'UrlFetchApp',
  'DriveApp',
  'BigQuery',
  'MailApp',
  'GmailApp',
  'DocumentApp',
  'SlidesApp',
  'FormApp',
  'CalendarApp',
  'ContentService',
  'Logger',
  'Charts',
  'XmlService',
  'LanguageApp',
  'Maps',
  'Jdbc',
  'GoogleAppsScript',
];

/** The HTML service's client-side global, in the sidebar and dialog pages. */
export const CLIENT_GLOBAL = 'google';

const NODE_MODULES = new Set(builtinModules);
const isNodeModule = (spec: string) => spec.startsWith('node:') || NODE_MODULES.has(spec.split('/')[0]);

/** Every .ts (not a test, not a declaration file) and .html file under `dir` of `root`. */
export function readSources(root: string, dir = 'src'): Source[] {
  const out: Source[] = [];
  const walk = (abs: string) => {
    for (const f of readdirSync(abs).sort()) {
      const p = join(abs, f);
      if (statSync(p).isDirectory()) walk(p);
      else if ((/\.ts$/.test(f) && !/\.(test|d)\.ts$/.test(f)) || f.endsWith('.html')) {
        out.push({ path: relative(root, p).split('\\').join('/'), text: readFileSync(p, 'utf8') });
      }
    }
  };
  walk(join(root, dir));
  return out;
}

const parse = (s: Source) => ts.createSourceFile(s.path, s.text, ts.ScriptTarget.ES2020, true, ts.ScriptKind.TS);

/** The file a relative import names: the .ts file, its folder's index.ts, or the file itself (json, css). */
function resolve(from: string, spec: string, known: Set<string>): string {
  const base = posix.normalize(posix.join(posix.dirname(from), spec));
  for (const cand of [`${base}.ts`, `${base}/index.ts`]) if (known.has(cand)) return cand;
  return base;
}

/** Every import of the .ts files: declarations, re-exports, import() and require() with a literal, import('…') types. */
export function importsOf(files: readonly Source[]): Import[] {
  const known = new Set(files.map((f) => f.path));
  const out: Import[] = [];
  for (const file of files) {
    if (!file.path.endsWith('.ts')) continue;
    const sf = parse(file);
    const add = (lit: ts.Node, spec: string, typeOnly: boolean) => {
      out.push({
        from: file.path,
        to: spec.startsWith('.') ? resolve(file.path, spec, known) : null,
        spec,
        typeOnly,
        line: sf.getLineAndCharacterOfPosition(lit.getStart()).line + 1,
      });
    };
    const visit = (node: ts.Node) => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const c = node.importClause;
        const named = c?.namedBindings && ts.isNamedImports(c.namedBindings) ? c.namedBindings.elements : null;
        const typeOnly =
          !!c && (c.isTypeOnly || (!c.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
        add(node.moduleSpecifier, node.moduleSpecifier.text, typeOnly);
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : null;
        add(
          node.moduleSpecifier,
          node.moduleSpecifier.text,
          node.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly)),
        );
      } else if (
        ts.isImportEqualsDeclaration(node) &&
        ts.isExternalModuleReference(node.moduleReference) &&
        ts.isStringLiteral(node.moduleReference.expression)
      ) {
        add(node.moduleReference.expression, node.moduleReference.expression.text, node.isTypeOnly);
      } else if (
        ts.isImportTypeNode(node) &&
        ts.isLiteralTypeNode(node.argument) &&
        ts.isStringLiteral(node.argument.literal)
      ) {
        add(node.argument.literal, node.argument.literal.text, true);
      } else if (
        ts.isCallExpression(node) &&
        node.arguments.length === 1 &&
        ts.isStringLiteralLike(node.arguments[0])
      ) {
        const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
        const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
        if (isImport || isRequire) add(node.arguments[0], node.arguments[0].text, false);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

/**
 * The circles of the import graph (every import counts, types too: a
 * circle of types still makes two files that cannot be read one before the
 * other). One loop per strongly connected component, as a path that ends
 * where it starts: ["a.ts", "b.ts", "a.ts"].
 */
export function circles(imports: readonly Import[]): string[][] {
  const next = new Map<string, string[]>();
  for (const i of imports) {
    if (i.to === null || i.to === i.from) continue;
    if (!next.has(i.from)) next.set(i.from, []);
    if (!next.get(i.from)!.includes(i.to)) next.get(i.from)!.push(i.to);
  }
  for (const list of next.values()) list.sort();
  // Tarjan's strongly connected components.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const connect = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1) components.push(c.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) connect(v);
  // In each component, the shortest way back from its first file to itself (breadth first).
  return components.map((c) => {
    const inside = new Set(c);
    const start = c[0];
    const came = new Map<string, string>();
    const queue = [start];
    while (queue.length) {
      const v = queue.shift()!;
      for (const w of next.get(v) ?? []) {
        if (!inside.has(w)) continue;
        if (w === start) {
          const path = [start];
          for (let u: string | undefined = v; u !== undefined && u !== start; u = came.get(u)) path.splice(1, 0, u);
          return [...path, start];
        }
        if (!came.has(w)) {
          came.set(w, v);
          queue.push(w);
        }
      }
    }
    return [...c, c[0]];
  });
}

/** "core", "server", "playground/page"; for a file outside src/, its top folder ("sample"). */
export function layerOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] !== 'src') return parts[0];
  if (parts[1] === 'playground' && parts[2] === 'page') return 'playground/page';
  return parts.length > 2 ? parts[1] : '(src)';
}

/** Each import that crosses into a layer its layer may not import (or imports code where only types are allowed). */
export function layerProblems(
  files: readonly Source[],
  imports: readonly Import[] = importsOf(files),
  layers = LAYERS,
): string[] {
  const problems: string[] = [];
  const unknown = new Set<string>();
  for (const f of files) {
    const l = layerOf(f.path);
    if (!(l in layers)) unknown.add(l);
  }
  for (const l of [...unknown].sort()) {
    problems.push(
      `src/${l}/ is in no layer: add it to LAYERS in test/architecture/import-graph.ts (what it may import) and to the layers of docs/engineering.md`,
    );
  }
  for (const i of imports) {
    const from = layerOf(i.from);
    const rule = layers[from];
    if (!rule) continue;
    const where = `${i.from}:${i.line}`;
    if (i.to === null) {
      if (isNodeModule(i.spec) && !rule.node)
        problems.push(`${where}: ${from} imports Node's "${i.spec}"; only ${nodeLayers(layers)} run in Node`);
      continue;
    }
    const to = layerOf(i.to);
    if (to === from || rule.may.includes(to)) continue;
    if (rule.typesOf?.includes(to)) {
      if (!i.typeOnly)
        problems.push(
          `${where}: ${from} imports code from ${to} ("${i.spec}"); it may import only its types (import type)`,
        );
      continue;
    }
    problems.push(
      `${where}: ${from} imports ${to} ("${i.spec}"); ${from} may import ${[...rule.may, ...(rule.typesOf ?? []).map((t) => `${t} (types)`)].join(', ') || 'nothing outside itself'}`,
    );
  }
  return problems;
}

const nodeLayers = (layers: Readonly<Record<string, Layer>>) =>
  Object.keys(layers)
    .filter((l) => layers[l].node)
    .join(', ');

/**
 * Where an Apps Script global is named outside the layer allowed to: the
 * server-side services anywhere but src/gas/, the client's `google` anywhere
 * but the client file. A name counts where it is used as a value or a type
 * (`SpreadsheetApp.flush()`, `typeof Session`, `GoogleAppsScript.Lock.Lock`,
 * `declare const google`), not as a property (`x.Session`) or a name the file
 * declares itself (a local `const Session`); comments and strings never count.
 */
export function globalProblems(files: readonly Source[]): string[] {
  const problems: string[] = [];
  const server = new Set(APPS_SCRIPT_GLOBALS);
  for (const file of files) {
    const layer = layerOf(file.path);
    const allowed = (name: string) => (name === CLIENT_GLOBAL ? file.path === CLIENT_FILE : layer === GAS_LAYER);
    if (file.path.endsWith('.html')) {
      // A page's own inline script: the client global is for the client file alone.
      const text = file.text.replace(/<!--[\s\S]*?-->/g, '');
      const m = /\bgoogle\s*\.\s*script\b/.exec(text);
      if (m)
        problems.push(
          `${file.path}:${text.slice(0, m.index).split('\n').length}: names google.script; only ${CLIENT_FILE} may`,
        );
      continue;
    }
    const sf = parse(file);
    const declared = new Set<string>();
    const collect = (node: ts.Node) => {
      const name = (node as { name?: ts.Node }).name;
      if (name && ts.isIdentifier(name) && isDeclaration(node) && !isAmbient(node)) declared.add(name.text);
      ts.forEachChild(node, collect);
    };
    collect(sf);
    const visit = (node: ts.Node) => {
      if (
        ts.isIdentifier(node) &&
        (server.has(node.text) || node.text === CLIENT_GLOBAL) &&
        !declared.has(node.text) &&
        isReference(node) &&
        !allowed(node.text)
      ) {
        const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        problems.push(
          node.text === CLIENT_GLOBAL
            ? `${file.path}:${line}: names ${node.text}; only ${CLIENT_FILE} talks to Apps Script from a page`
            : `${file.path}:${line}: names the Apps Script global ${node.text}; only src/${GAS_LAYER}/ may`,
        );
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return problems;
}

/**
 * Where a program starts, and only there: a file named main.ts is an entry
 * point (of a bundle, the command line, the playground), so nothing in src/
 * imports it; and in src/gas/, a file that defines names Apps Script calls
 * (`global.NAME = …`) is named *-entry.ts and is imported by src/gas/main.ts,
 * the bundle's entry.
 */
export function entryProblems(files: readonly Source[], imports: readonly Import[] = importsOf(files)): string[] {
  const problems: string[] = [];
  for (const i of imports) {
    if (i.to !== null && posix.basename(i.to) === 'main.ts')
      problems.push(`${i.from}:${i.line}: imports ${i.to}; a main.ts is an entry point, which nothing imports`);
  }
  const gasMain = `src/${GAS_LAYER}/main.ts`;
  const fromMain = new Set(imports.filter((i) => i.from === gasMain && i.to !== null).map((i) => i.to));
  for (const file of files) {
    if (layerOf(file.path) !== GAS_LAYER || !file.path.endsWith('.ts')) continue;
    const sf = parse(file);
    let definesGlobal = false;
    const visit = (node: ts.Node) => {
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const left = node.left;
        if (
          (ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left)) &&
          ts.isIdentifier(left.expression) &&
          left.expression.text === 'global'
        )
          definesGlobal = true;
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    const isEntry = file.path.endsWith('-entry.ts');
    if (definesGlobal && !isEntry) problems.push(`${file.path}: defines globals Apps Script calls; name it *-entry.ts`);
    if (isEntry && !fromMain.has(file.path))
      problems.push(`${file.path}: ${gasMain} does not import it, so dist/Code.js would lack its globals`);
  }
  return problems;
}

/** Every class that extends another, with what it extends as written: "src/cli/command.ts CliError < KeyedError". */
export function errorClasses(files: readonly Source[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    if (!file.path.endsWith('.ts')) continue;
    const visit = (node: ts.Node) => {
      if (ts.isClassDeclaration(node) && node.name) {
        for (const h of node.heritageClauses ?? []) {
          if (h.token !== ts.SyntaxKind.ExtendsKeyword) continue;
          const base = h.types[0].expression.getText();
          if (base === 'Error' || /Error$|Failure$/.test(base) || /Error$|Failure$/.test(node.name.text))
            out.push(`${file.path} ${node.name.text} < ${base}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(parse(file));
  }
  return out.sort();
}

function isDeclaration(node: ts.Node): boolean {
  return (
    ts.isVariableDeclaration(node) ||
    ts.isParameter(node) ||
    ts.isFunctionDeclaration(node) ||
    ts.isClassDeclaration(node) ||
    ts.isInterfaceDeclaration(node) ||
    ts.isTypeAliasDeclaration(node) ||
    ts.isEnumDeclaration(node) ||
    ts.isImportSpecifier(node) ||
    ts.isImportClause(node) ||
    ts.isNamespaceImport(node)
  );
}

/** `declare const google …`: names the global, declares nothing of the file's own. */
function isAmbient(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if (ts.canHaveModifiers(n) && ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) return true;
  }
  return false;
}

/** The identifier stands for a global: not a property name, not a member's name, not the right of a qualified name. */
function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if (ts.isQualifiedName(p) && p.right === id) return false;
  if (
    (ts.isPropertyAssignment(p) ||
      ts.isPropertyDeclaration(p) ||
      ts.isPropertySignature(p) ||
      ts.isMethodDeclaration(p) ||
      ts.isMethodSignature(p) ||
      ts.isGetAccessor(p) ||
      ts.isSetAccessor(p) ||
      ts.isEnumMember(p)) &&
    p.name === id
  )
    return false;
  if ((ts.isImportSpecifier(p) || ts.isExportSpecifier(p)) && p.propertyName === id) return false;
  if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return false;
  if (ts.isVariableDeclaration(p) && p.name === id && isAmbient(p)) return true;
  if (isDeclaration(p) && (p as { name?: ts.Node }).name === id) return false;
  return true;
}
