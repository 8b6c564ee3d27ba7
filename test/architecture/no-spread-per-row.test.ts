/**
 * No function call takes one argument per row: Math.max(...rows) and the
 * like throw "Maximum call stack size exceeded" past about 120,000 arguments
 * in V8 (Node, and Apps Script's V8 runtime), and a row count can be that
 * large. This reads every source file of the code that handles rows (core,
 * functions, server, Apps Script adapters, ports, CLI, local workbooks).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..', '..', 'src');
const DIRS = ['core', 'functions', 'server', 'gas', 'ports', 'cli', 'local'];
/** A call whose arguments are spread from an array: f(...xs), o.f(a, ...xs), f.apply(null, xs). */
const SPREAD_CALL = /\b(?:Math\.(?:max|min)|push|unshift|fromCharCode|fromCodePoint|splice)\s*\((?:(?:[^(){}[\]]|\([^()]*\))*,)?\s*\.\.\.|\.apply\(\s*(?:null|undefined|this|Math)\s*,/;

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
      readFileSync(f, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (SPREAD_CALL.test(line)) found.push(`${relative(SRC, f)}:${i + 1}: ${line.trim()}`);
        });
    }
  }
  expect(found).toEqual([]);
});
