/**
 * Loads the built Apps Script project (dist/) into a fresh Node `vm` context
 * the way Apps Script runs it: every .js file of the project evaluated in one
 * shared global scope, with none of Node's globals (no require, process,
 * Buffer, setTimeout). Arguments are built inside that context, so arrays
 * and dates are the context's own, as Sheets' are to the script.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
const { topLevelFunctions } = require('../../scripts/entry-points.cjs');

export const DIST = join(__dirname, '..', '..', 'dist');

export interface AppsScriptContext {
  context: vm.Context;
  /**
   * Calls a function with arguments given as JSON-able data (dates as {"$date": "yyyy-mm-dd"}).
   * Only a top-level function declaration is callable by name, as in Apps Script
   * (a custom function's name must be one); anything else is "not found".
   */
  call(name: string, ...args: unknown[]): unknown;
  /** Evaluates an expression in the script's global scope. */
  eval(code: string): unknown;
}

export function loadDist(extraGlobals: Record<string, unknown> = {}): AppsScriptContext {
  const context = vm.createContext({ ...extraGlobals });
  const files = readdirSync(DIST)
    .filter((f) => f.endsWith('.js'))
    .sort();
  if (files.length === 0) throw new Error('dist/ has no script: run `npm run build` first');
  const declared = new Set<string>();
  for (const f of files) {
    const code = readFileSync(join(DIST, f), 'utf8');
    for (const n of topLevelFunctions(code)) declared.add(n);
    vm.runInContext(code, context, { filename: f });
  }
  const reviver = `(function (k, v) { return v && typeof v === 'object' && typeof v.$date === 'string' ? new Date(v.$date + 'T00:00:00') : v; })`;
  return {
    context,
    eval: (code) => vm.runInContext(code, context),
    call(name, ...args) {
      if (!declared.has(name)) throw new Error(`Script function not found: ${name}`);
      context.__args = JSON.stringify(args);
      // Omitted trailing arguments arrive as undefined: JSON keeps them as null; restore.
      const argc = args.length;
      const result = vm.runInContext(
        `(function () {
           var a = JSON.parse(__args, ${reviver});
           for (var i = 0; i < ${argc}; i++) if (a[i] === null) a[i] = undefined;
           return ${name}.apply(null, a);
         })()`,
        context,
      );
      return result;
    },
  };
}

/** Runs a call and returns the thrown error's message (fails if nothing is thrown). */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error, but the call returned normally');
}

/** Deep-copies a value out of the vm realm (plain arrays, numbers, strings). */
export function plain<T>(v: T): T {
  return v === undefined ? v : JSON.parse(JSON.stringify(v));
}
