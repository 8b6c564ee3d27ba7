/**
 * The built bundle called as Sheets calls it from a spreadsheet in a given
 * time zone. Two set-ups, both with the Dates built inside the vm:
 *
 * - `scriptZone`: the script's zone is the spreadsheet's (no SpreadsheetApp
 *   in the context, as in the playground): the process runs in that zone
 *   (process.env.TZ, which the vm shares) and a date cell is
 *   `new Date(y, m − 1, d)`, local midnight.
 * - `spreadsheetZone`: Apps Script with a spreadsheet zone that differs from
 *   the script's (the process's) zone: SpreadsheetApp reports the
 *   spreadsheet's zone and Utilities.formatDate formats in it, and a date
 *   cell is the instant of midnight of that date in the spreadsheet's zone
 *   (Sheets passes 1 April 2024 in a Tokyo spreadsheet as
 *   2024-03-31T15:00:00Z, shared/spec/custom-functions.md "Months and
 *   dates").
 *
 * Arguments are JSON-able data: a date cell is {"$date": "yyyy-mm-dd"} or
 * {"$date": "yyyy-mm-ddThh:mm:ss"} (that wall time in the spreadsheet's
 * zone); null as a top-level argument is an omitted one (undefined).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { DIST } from './apps-script-vm';

const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?$/;

const formats = new Map<string, Intl.DateTimeFormat>();

function parts(ms: number, zone: string): number[] {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, f);
  }
  const p: Record<string, number> = {};
  for (const x of f.formatToParts(new Date(ms))) if (x.type !== 'literal') p[x.type] = Number(x.value);
  return [p.year, p.month, p.day, p.hour, p.minute, p.second];
}

/** The instant at which a zone's clocks show a wall time (the earlier one when it repeats). */
export function instantOfWallTime(text: string, zone: string): number {
  const m = WALL.exec(text);
  if (!m) throw new Error(`not a wall time: ${text}`);
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  const offsetAt = (t: number) => {
    const [y, mo, d, h, mi, s] = parts(t, zone);
    return Date.UTC(y, mo - 1, d, h, mi, s) - t;
  };
  let t = wall - offsetAt(wall);
  for (let i = 0; i < 3; i++) {
    const next = wall - offsetAt(t);
    if (next === t) break;
    t = next;
  }
  // A repeated hour: prefer the earlier instant with the same wall time.
  const earlier = t - 3600000;
  if (wall - offsetAt(earlier) === earlier) t = earlier;
  // A wall time skipped by a daylight-saving change moves forward, as JavaScript's Date does;
  // its calendar date must stay the same.
  const [y, mo, d] = parts(t, zone);
  if (Date.UTC(y, mo - 1, d) !== Date.UTC(+m[1], +m[2] - 1, +m[3]))
    throw new Error(`${text} does not exist in ${zone}`);
  return t;
}

/**
 * Utilities.formatDate(date, timeZone, format) of Apps Script
 * (https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String)),
 * as strict as we can make it: a Date and a zone name are required, and
 * only the pattern KPI Lamp uses ("yyyy-MM-dd") is modelled; any other
 * pattern throws rather than guess at SimpleDateFormat.
 */
function fakeUtilities() {
  return {
    formatDate(date: unknown, timeZone: unknown, format: unknown): string {
      if (Object.prototype.toString.call(date) !== '[object Date]')
        throw new Error('Utilities.formatDate: the first argument must be a Date');
      if (typeof timeZone !== 'string' || timeZone === '')
        throw new Error('Utilities.formatDate: a time zone is required');
      if (format !== 'yyyy-MM-dd')
        throw new Error(`Utilities.formatDate: pattern ${String(format)} is not modelled by this fake`);
      const [y, m, d] = parts((date as Date).getTime(), timeZone);
      return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    },
  };
}

export interface ZonedSheets {
  /** Calls a custom function; the result is copied out of the vm (plain arrays, numbers, text). */
  call(name: string, ...args: unknown[]): unknown;
  /** Restores the process's time zone (call in afterAll). */
  restore(): void;
}

function encode(args: unknown[], toMs: ((text: string) => number) | null): string {
  return JSON.stringify(args, (_k, v) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { $date?: unknown }).$date === 'string') {
      const text = (v as { $date: string }).$date;
      return toMs ? { $ms: toMs(text) } : { $wall: text };
    }
    return v;
  });
}

const CALL = `(function (name, json, argc) {
  var a = JSON.parse(json, function (k, v) {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      if (typeof v.$ms === 'number') return new Date(v.$ms);
      if (typeof v.$wall === 'string') {
        var m = /^(\\d{4})-(\\d{2})-(\\d{2})(?:T(\\d{2}):(\\d{2}):(\\d{2}))?$/.exec(v.$wall);
        return new Date(+m[1], +m[2] - 1, +m[3], +(m[4] || 0), +(m[5] || 0), +(m[6] || 0));
      }
    }
    return v;
  });
  for (var i = 0; i < argc; i++) if (a[i] === null) a[i] = undefined;
  return JSON.stringify(this[name].apply(null, a));
})`;

/**
 * Loads dist/ for a spreadsheet in `zone`. With `scriptZone` unset the
 * script runs in the same zone; otherwise the process (the script) runs in
 * `scriptZone` and the spreadsheet's zone comes from SpreadsheetApp.
 */
export function sheetsInZone(zone: string, scriptZone?: string): ZonedSheets {
  const saved = process.env.TZ;
  const processZone = scriptZone ?? zone;
  // Node re-reads TZ when it is assigned; the vm shares the process's zone.
  const enter = () => {
    if (process.env.TZ !== processZone) process.env.TZ = processZone;
  };
  enter();
  const globals: Record<string, unknown> = {};
  if (scriptZone !== undefined) {
    // Spreadsheet.getSpreadsheetTimeZone(): the spreadsheet's zone, e.g. "Asia/Tokyo"
    // (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getSpreadsheetTimeZone()).
    globals.SpreadsheetApp = { getActiveSpreadsheet: () => ({ getSpreadsheetTimeZone: () => zone }) };
    // Session.getScriptTimeZone(): the script's zone from appsscript.json
    // (https://developers.google.com/apps-script/reference/base/session#getScriptTimeZone()).
    globals.Session = { getScriptTimeZone: () => scriptZone };
    globals.Utilities = fakeUtilities();
  }
  const context = vm.createContext(globals);
  for (const f of readdirSync(DIST)
    .filter((x) => x.endsWith('.js'))
    .sort()) {
    vm.runInContext(readFileSync(join(DIST, f), 'utf8'), context, { filename: f });
  }
  const call = vm.runInContext(CALL, context) as (name: string, json: string, argc: number) => string | undefined;
  const toMs = scriptZone !== undefined ? (text: string) => instantOfWallTime(text, zone) : null;
  return {
    call(name, ...args) {
      enter();
      const out = call.call(context, name, encode(args, toMs), args.length);
      return out === undefined ? undefined : JSON.parse(out);
    },
    restore() {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    },
  };
}
