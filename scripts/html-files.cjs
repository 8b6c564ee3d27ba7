/**
 * The HTML files Apps Script is asked to serve, read from the source: the
 * file name passed to every `HtmlService.createHtmlOutputFromFile(NAME)` (and
 * `createTemplateFromFile`, which KPI Lamp never uses) in src/gas/, whatever
 * expression holds it, as TypeScript's checker types it. A call whose
 * argument is not a string literal type (or a union of them) is itself a
 * problem: nobody could say which file the script will look for.
 *
 * Apps Script names a project's files without their extension ("The file
 * extension is not part of the file name, which can be identified from the
 * type field": https://developers.google.com/apps-script/api/reference/rest/v1/File),
 * so createHtmlOutputFromFile('Sidebar') serves the HTML file the editor shows
 * as Sidebar.html (https://developers.google.com/apps-script/guides/html:
 * createHtmlOutputFromFile('Index') serves Index.html).
 */
'use strict';
const ts = require('typescript');
const { readdirSync } = require('node:fs');
const { join, relative } = require('node:path');

const SERVE_FROM_FILE = new Set(['createHtmlOutputFromFile', 'createTemplateFromFile']);

/**
 * `{ files, problems }`: every file name the adapters serve (without
 * extension), each with where it is asked for, and the calls whose file
 * name is not a constant. `gasDir` (default src/gas) is for tests.
 */
function servedHtmlFiles(root, gasDir = join(root, 'src', 'gas')) {
  const rootNames = readdirSync(gasDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort()
    .map((f) => join(gasDir, f));
  const program = ts.createProgram(rootNames, {
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    lib: ['lib.es2020.d.ts'],
    types: ['google-apps-script'],
    typeRoots: [join(root, 'node_modules', '@types')],
  });
  const checker = program.getTypeChecker();
  const files = new Map();
  const problems = [];
  for (const sf of program.getSourceFiles()) {
    if (sf.isDeclarationFile || sf.fileName.includes('/node_modules/')) continue;
    const rel = relative(root, sf.fileName).split('\\').join('/');
    const visit = (node) => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        SERVE_FROM_FILE.has(node.expression.name.text)
      ) {
        const where = `${rel}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        const arg = node.arguments[0];
        const type = arg ? checker.getTypeAtLocation(arg) : undefined;
        const parts = type ? (type.isUnion() ? type.types : [type]) : [];
        if (parts.length === 0 || !parts.every((t) => t.isStringLiteral())) {
          problems.push(
            `${where}: the file name given to ${node.expression.name.text} is not a constant (its type is ${type ? checker.typeToString(type) : 'missing'})`,
          );
        } else {
          for (const t of parts) {
            if (!files.has(t.value)) files.set(t.value, []);
            files.get(t.value).push(where);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { files, problems };
}

module.exports = { servedHtmlFiles };

if (require.main === module) {
  const { files, problems } = servedHtmlFiles(join(__dirname, '..'));
  for (const [name, where] of files) console.log(`${name.padEnd(16)} ${where.join('; ')}`);
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
}
