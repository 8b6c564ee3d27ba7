/**
 * The custom functions of the built dist/Code.js, run in a Node `vm`
 * context the way Apps Script runs the project (one global scope, none of
 * Node's globals), and called as Sheets calls them: arguments are built
 * inside the context (its own arrays and Dates), a call may run for at most
 * 30 seconds. Node only: the playground's server and its tests use it.
 */
import vm from 'node:vm';
import type { CellValue } from '../ports/workbook';
import type { Arg, FunctionHost } from './formulas';

/** Sheets' limit for one custom-function call. */
export const CALL_TIMEOUT_MS = 30_000;

/** Names declared `/** … @customfunction *\/ function NAME(` in a built script. */
export function customFunctionNamesIn(code: string): string[] {
  return [...code.matchAll(/@customfunction\b[\s\S]*?\*\/\s*function\s+([A-Za-z_$][\w$]*)\s*\(/g)].map((m) => m[1]);
}

const PRELUDE = `
var __kpiLampCall = function (name, json) {
  var args = JSON.parse(json, function (k, v) {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      if (v.$omit) return undefined;
      if (typeof v.$date === 'string') {
        var m = /^(\\d{4})-(\\d{2})-(\\d{2})(?:T(\\d{2}):(\\d{2}):(\\d{2}))?$/.exec(v.$date);
        return new Date(+m[1], +m[2] - 1, +m[3], +(m[4] || 0), +(m[5] || 0), +(m[6] || 0));
      }
    }
    return v;
  });
  for (var i = 0; i < args.length; i++) if (args[i] && args[i].$omit) args[i] = undefined;
  var pad = function (n) { return (n < 10 ? '0' : '') + n; };
  var result = this[name].apply(null, args);
  return JSON.stringify({ value: result === undefined ? null : result }, function (k, v) {
    var o = this[k];
    if (Object.prototype.toString.call(o) === '[object Date]') {
      var d = o.getFullYear() + '-' + pad(o.getMonth() + 1) + '-' + pad(o.getDate());
      var t = o.getHours() || o.getMinutes() || o.getSeconds() ? 'T' + pad(o.getHours()) + ':' + pad(o.getMinutes()) + ':' + pad(o.getSeconds()) : '';
      return { $date: d + t };
    }
    if (typeof o === 'number' && !isFinite(o)) return { $nan: String(o) };
    return v;
  });
};`;

function encode(args: Arg[]): string {
  return JSON.stringify(
    args.map((a) => (a === undefined ? { $omit: 1 } : a)),
    (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) && typeof v.date === 'string' ? { $date: v.date } : v),
  );
}

function decode(v: unknown): CellValue {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'object') {
    const o = v as { $date?: string; $nan?: string };
    if (typeof o.$date === 'string') return o.$date;
    if (o.$nan !== undefined) return '#NUM!';
  }
  return String(v);
}

/** Loads a built Code.js; throws when the script itself fails to load. */
export function loadFunctionHost(code: string, { timeoutMs = CALL_TIMEOUT_MS } = {}): FunctionHost {
  const context = vm.createContext({});
  vm.runInContext(code, context, { filename: 'Code.js', timeout: timeoutMs });
  vm.runInContext(PRELUDE, context, { filename: 'playground-call.js' });
  const names = new Set(
    customFunctionNamesIn(code).filter((n) => vm.runInContext(`typeof ${n}`, context) === 'function'),
  );
  return {
    names,
    call(name: string, args: Arg[]): CellValue | CellValue[][] {
      if (!names.has(name)) throw new Error(`Unknown function: '${name}'.`);
      context.__kpiLampArgs = encode(args);
      let json: string;
      try {
        json = vm.runInContext(`__kpiLampCall(${JSON.stringify(name)}, __kpiLampArgs)`, context, {
          timeout: timeoutMs,
        }) as string;
      } catch (e) {
        const err = e as { message?: unknown; code?: unknown };
        if (err && err.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new Error('Exceeded maximum execution time');
        throw new Error(err && typeof err.message === 'string' ? err.message : String(e));
      }
      const value = (JSON.parse(json) as { value: unknown }).value;
      if (Array.isArray(value)) {
        const rows = value.map((r) => (Array.isArray(r) ? r.map(decode) : [decode(r)]));
        // A one-dimensional array fills one row, as Sheets shows it.
        return value.every((r) => !Array.isArray(r)) ? [rows.map((r) => r[0])] : rows;
      }
      return decode(value);
    },
  };
}
