/**
 * No function call takes one argument per row: Math.max(...rows) and the
 * like throw "Maximum call stack size exceeded" past about 120,000 arguments
 * in V8 (Node, and Apps Script's V8 runtime), and a row count can be that
 * large. This reads every source file of the code that handles rows (core,
 * functions, server, Apps Script adapters, ports, CLI, local workbooks),
 * a call and its arguments on one line or several.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..', '..', 'src');
const DIRS = ['core', 'functions', 'server', 'gas', 'ports', 'cli', 'local'];
/** A call whose arguments are spread from an array: f(...xs), o.f(a, ...xs), f.apply(null, xs). */
const SPREAD_CALL =
  /\b(?:Math\.(?:max|min)|push|unshift|fromCharCode|fromCodePoint|splice)\s*\((?:(?:[^(){}[\]]|\([^()]*\))*,)?\s*\.\.\.|\.apply\(\s*(?:null|undefined|this|Math)\s*,/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.ts$/.test(f) && !f.endsWith('.test.ts') ? [p] : [];
  });
}

it('no call spreads an array into its arguments in code that handles rows', () => {
  const found: string[] = [];
  for (const d of DIRS) {
    for (const f of files(join(SRC, d))) {
      // The whole file at once: a call and its spread argument may sit on different lines
      // (`lines.push(\n  ...table(rows))` overflowed the stack at 150,000 lit accounts).
      const text = readFileSync(f, 'utf8');
      const all = new RegExp(SPREAD_CALL.source, 'g');
      for (let m = all.exec(text); m; m = all.exec(text)) {
        const line = text.slice(0, m.index).split('\n').length;
        found.push(`${relative(SRC, f)}:${line}: ${m[0].replace(/\s+/g, ' ').trim()}`);
      }
    }
  }
  expect(found).toEqual([]);
});
