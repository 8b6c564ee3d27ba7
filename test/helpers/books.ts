/**
 * The same workbook two ways, for the tests of the run, the schedule, the
 * tree store and the sidebar API: in memory (what the CLI and the playground
 * use) and in Apps Script — GasWorkbook and the Apps Script RunHost over the
 * Apps Script double (test/helpers/apps-script-double.ts), as an Editor
 * add-on, the strictest deployment. Each ported test runs on both.
 *
 * In the double, a call made outside an explicit execution runs as the
 * default user (lead@example.com) from the sidebar; `as(user, fn)` runs fn as
 * someone else.
 */
import { join } from 'node:path';
import { dateInZone } from '../../src/core/time/iso-in-zone';
import { GasWorkbook } from '../../src/gas/gas-workbook';
import { gasRunHost } from '../../src/gas/gas-run-host';
import { loadCsvFolder } from '../../src/local/load-workbook';
import { isFormula, isImportedText, MemoryWorkbook } from '../../src/local/memory-workbook';
import type { FormatRule, Workbook } from '../../src/ports/workbook';
import { createApi } from '../../src/server/api';
import { takeLease } from '../../src/server/lease';
import type { RunHost } from '../../src/ports/run-host';
import { type AppsScriptDouble, createDouble, installGlobals, seedSheet, type Mail } from './apps-script-double';
import { testHost } from './run-host';

export type BookKind = 'memory' | 'apps-script';
export const BOOK_KINDS: BookKind[] = ['memory', 'apps-script'];

export const SAMPLE = join(__dirname, '..', '..', 'sample', 'workbook');
export const DEFAULT_USER = 'lead@example.com';
export const DEFAULT_START = '2026-11-22T00:30:00Z';

export type TestRunHost = RunHost & { setNow(iso: string): void; readonly mails: Mail[] };

export interface Book {
  kind: BookKind;
  wb: Workbook;
  /** The double behind an Apps Script book. */
  double: AppsScriptDouble | null;
  /** A run host for a user, with a clock that can be set (the mails it sent in `mails`). */
  host(start?: string, user?: string): TestRunHost;
  /** fn as that user (an execution of theirs in the double). */
  as<T>(user: string, fn: () => T): T;
  /** The sidebar API as a user: every call one execution of theirs. */
  api(user?: string, start?: string): ReturnType<typeof createApi>;
  /** A conditional-format rule the user made themselves. */
  addUserRule(sheet: string, rule: Omit<FormatRule, 'owner'>): void;
  /** Another run (of someone else) holds the run lease now. */
  hold(): void;
}

/** The double whose services are the globals now, and how to put the globals back as they were. */
let active: AppsScriptDouble | null = null;
let undo: (() => void) | null = null;

/** Makes a double's services the globals (src/gas reads them), so that several books can live in one test. */
function activate(double: AppsScriptDouble): void {
  if (active === double) return;
  if (undo) undo();
  undo = installGlobals(double);
  active = double;
}

/** Every method call of obj with the double's services as the globals (and, for another user, as them). */
function bound<T extends object>(double: AppsScriptDouble, obj: T, user = DEFAULT_USER): T {
  return new Proxy(obj, {
    get: (t, p, r) => {
      const v = Reflect.get(t, p, r);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        activate(double);
        return user === DEFAULT_USER
          ? v.apply(t, args)
          : double.execute({ kind: 'sidebar', user }, () => v.apply(t, args));
      };
    },
  });
}

/** Call at the top of a test file: the globals the Apps Script books install are removed after each test. */
export function useBooks(): void {
  afterEach(() => {
    if (undo) undo();
    undo = null;
    active = null;
  });
}

/** Sheets as Sheets would hold them after a CSV import: ISO dates are date cells, other text stays text. */
export function copyInto(double: AppsScriptDouble, memory: MemoryWorkbook, spreadsheet = double.defaultId): void {
  const tz = double.spreadsheets.get(spreadsheet)!.timeZone;
  for (const name of memory.sheetNames()) {
    const grid = (memory.grid(name) ?? []).map((row, r) =>
      row.map((cell, c) => {
        // A CSV text Sheets types on import (TRUE, 80%, 1,234) is held as Sheets imports it.
        const v = isFormula(cell) ? memory.value(name, r + 1, c + 1) : isImportedText(cell) ? cell.imported : cell;
        if (typeof v === 'string' && r > 0 && /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2})?$/.test(v))
          return dateInZone(v, tz) ?? v;
        return v;
      }),
    );
    seedSheet(double, name, grid, spreadsheet);
  }
}

export function bookFrom(kind: BookKind, memory: MemoryWorkbook): Book {
  if (kind === 'memory') {
    const hosts = new Map<string, TestRunHost>();
    const hostFor = (start = DEFAULT_START, user = DEFAULT_USER) => testHost(start, user) as TestRunHost;
    return {
      kind,
      wb: memory,
      double: null,
      host: hostFor,
      as: (_user, fn) => fn(),
      api: (user = DEFAULT_USER, start = DEFAULT_START) => {
        if (!hosts.has(user)) hosts.set(user, hostFor(start, user));
        return createApi(memory, hosts.get(user)!);
      },
      addUserRule: (sheet, rule) => memory.addUserFormatRule(sheet, rule),
      hold: () => {
        takeLease(memory, testHost(DEFAULT_START, 'other@example.com'), 0);
      },
    };
  }
  const double = createDouble({
    mode: 'addon',
    id: memory.id(),
    timeZone: memory.timeZone(),
    locale: memory.locale(),
    userLocale: memory.locale(),
    user: DEFAULT_USER,
  });
  copyInto(double, memory);
  activate(double);
  const wb = bound(double, GasWorkbook.active());
  const hostFor = (start = DEFAULT_START, user = DEFAULT_USER): TestRunHost => {
    let now = new Date(start);
    const h = Object.assign(
      gasRunHost(() => now),
      {
        setNow: (iso: string) => {
          now = new Date(iso);
        },
        get mails() {
          return double.mails;
        },
      },
    );
    return bound(double, h, user);
  };
  const as = <T>(user: string, fn: () => T): T => {
    activate(double);
    return user === DEFAULT_USER ? fn() : double.execute({ kind: 'sidebar', user }, fn);
  };
  return {
    kind,
    wb,
    double,
    host: hostFor,
    as,
    api: (user = DEFAULT_USER, start = DEFAULT_START) => bound(double, createApi(wb, hostFor(start, user)), user),
    addUserRule: (sheet, rule) => {
      const m = double.sheets.get(sheet)!;
      m.rules.push({
        getBooleanCondition: () => ({
          getCriteriaType: () => 'CUSTOM_FORMULA',
          getCriteriaValues: () => [rule.formula],
          getBackground: () => rule.background,
        }),
        getRanges: () => rule.ranges.map((a1) => ({ getA1Notation: () => a1 })),
      });
    },
    hold: () => {
      as('other@example.com', () => takeLease(wb, hostFor(DEFAULT_START, 'other@example.com'), 0));
    },
  };
}

/** The sample workbook (sample/workbook), English. */
export function sampleBook(kind: BookKind): Book {
  return bookFrom(kind, loadCsvFolder(SAMPLE, { locale: 'en' }));
}

/** An empty workbook. */
export function emptyBook(kind: BookKind, locale = 'en'): Book {
  return bookFrom(kind, new MemoryWorkbook({ locale }));
}

/**
 * For tests written over MemoryWorkbooks: `open` turns one into this kind of
 * book's workbook, `createApi` gives the sidebar API over a workbook so
 * opened (opening a MemoryWorkbook it is given).
 */
export function opener(kind: BookKind) {
  const opened = new Map<object, Book>();
  const open = (m: MemoryWorkbook): Workbook => {
    const b = bookFrom(kind, m);
    opened.set(b.wb, b);
    return b.wb;
  };
  const createApi = (w: Workbook) => (opened.get(w) ?? opened.get(open(w as MemoryWorkbook))!).api();
  return { open, createApi };
}
