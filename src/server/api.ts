/**
 * The sidebar's server API: what the sidebar asks of the spreadsheet, over
 * the Workbook port only. Pure TypeScript: no Apps Script or Node globals.
 *
 * Two hosts run it:
 * - Apps Script: src/gas/sidebar-entry.ts, lamps-entry.ts and tree-entry.ts
 *   expose each function as a global `api_NAME` over GasWorkbook.active(),
 *   which the sidebar reaches with google.script.run.
 * - The playground: src/playground/server.ts runs the same functions in Node
 *   over a MemoryWorkbook, behind a google.script.run shim.
 *
 * The sidebar's client (src/sidebar/api-client.ts) takes its call names and
 * types from `Api` below, so a renamed or retyped function fails the
 * client's type check. Every argument comes from a browser: each function
 * checks it. Every result must survive google.script.run: plain objects,
 * arrays, text, numbers, booleans and null (never a Date, never undefined).
 */
import { KeyedError } from '../i18n/keyed-error';
import { isLang, pickLang, type Lang, type MessageKey, type MessageParams } from '../i18n/messages';
import type { Workbook } from '../ports/workbook';
import { createLampsApi } from './lamps-api';
import type { ApiContext } from './api-context';
import type { RunHost } from '../ports/run-host';
import { createTreeApi } from './tree-api';
import { userKey } from './user-keys';
import type { CarriedByWire } from './wire';
import { setWorkbookLang } from './workbook-lang';
import { transaction } from './journal';
import { TREE_SHEET } from '../core/tree/sheet-rows';

/** The user-store key of the language the user chose in the sidebar for this spreadsheet. */
export const langKey = (wb: Workbook): string => userKey(wb, 'lang');

/** Where the user is: the active sheet and range. */
export interface Selection {
  /** The active sheet's name; null only for a workbook without sheets. */
  activeSheet: string | null;
  /** The active range in A1 notation (e.g. "B2:C4"), or null. */
  activeRange: string | null;
}

/** What the sidebar shows: the language, the sheets, the active sheet's headers. */
export interface SidebarContext extends Selection {
  lang: Lang;
  /** True when lang is the user's own choice (kept in the user store), false when it follows the locale. */
  langChosen: boolean;
  sheets: string[];
  /** Row 1 of the active sheet, trimmed ("" for a blank column); empty when row 1 is empty. */
  headers: string[];
  /** The spreadsheet has a KPI tree (the sidebar opens on Lamps then, on the KPI tree tab before). */
  hasTree: boolean;
}

/** A mistake in a call (a sheet that does not exist, a bad argument): its message is in the user's language. */
export class ApiError extends KeyedError {
  constructor(key: MessageKey, params: MessageParams, lang: Lang) {
    super(key, params, lang);
    this.name = 'ApiError';
  }
}

/**
 * The API over a workbook, on a host: Apps Script's (src/gas/gas-run-host.ts)
 * or the local one (src/local/local-run-host.ts); each host names its own,
 * so that no default pulls the local one into dist/Code.js.
 */
export function createApi(wb: Workbook, host: RunHost) {
  const lang = (): Lang => {
    const chosen = wb.userStore().get(langKey(wb));
    return isLang(chosen) ? chosen : pickLang(wb.locale());
  };
  const fail = (key: MessageKey, params: MessageParams = {}): never => {
    throw new ApiError(key, params, lang());
  };

  function selection(sheets: string[] = wb.sheetNames()): Selection {
    const active = wb.activeRange();
    if (active && sheets.includes(active.sheet)) return { activeSheet: active.sheet, activeRange: active.a1 };
    return { activeSheet: sheets[0] ?? null, activeRange: null };
  }

  function context(): SidebarContext {
    const sheets = wb.sheetNames();
    const sel = selection(sheets);
    // Row 1 only: the sidebar asks again on every sheet switch, and Snapshots may have 100,000 rows.
    const header = (sel.activeSheet === null ? null : wb.headerRow(sel.activeSheet)) ?? [];
    return {
      lang: lang(),
      langChosen: isLang(wb.userStore().get(langKey(wb))),
      sheets,
      ...sel,
      headers: header.some((h) => h !== '') ? header : [],
      hasTree: sheets.includes(TREE_SHEET),
    };
  }

  const shared: ApiContext = { wb, host, lang, fail };
  return {
    // The KPI tree builder (src/server/tree-api.ts) and the Lamps panel (src/server/lamps-api.ts).
    ...createTreeApi(shared),
    ...createLampsApi(shared),

    /** Everything the sidebar shows. Reads the active sheet's header row only. */
    getContext(): SidebarContext {
      return context();
    },

    /** Only the active sheet and range: cheap enough to ask every few seconds. */
    getSelection(): Selection {
      return selection();
    },

    /**
     * Remembers the user's language ("ja" or "en"); null goes back to the
     * locale's. A language chosen also becomes the workbook's: what the runs
     * write into the spreadsheet follows it (workbook-lang.ts).
     */
    setLang(choice: Lang | null): SidebarContext {
      if (choice === null) wb.userStore().delete(langKey(wb));
      else if (isLang(choice)) {
        // Mine, the document's and the trigger's copy, or none (journal.ts): never a sidebar in one
        // language and a scheduled run writing the other.
        transaction(wb, (tx) => {
          tx.userStore().set(langKey(tx), choice);
          setWorkbookLang(tx, choice);
        });
      } else fail('api.error.bad_lang', { value: JSON.stringify(choice) ?? String(choice) });
      return context();
    },

    /** Makes a sheet the active one (its cell A1 selected), as clicking its tab does. */
    selectSheet(sheet: string): SidebarContext {
      if (typeof sheet !== 'string') fail('api.error.bad_sheet_name');
      if (!wb.sheetNames().includes(sheet)) fail('api.error.no_sheet', { sheet });
      wb.select(sheet, 'A1');
      return context();
    },
  };
}

/**
 * The sidebar API's functions, by name: the client's types come from here.
 * It compiles only while every result is one google.script.run can carry
 * (no Date, no undefined, no function: wire.ts).
 */
export type Api = CarriedByWire<ReturnType<typeof createApi>>;

/** Their names, for hosts that expose them one by one (a test checks the Apps Script build has each). */
export type ApiName = keyof Api;
