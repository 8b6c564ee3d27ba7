/**
 * The offline playground (`npm start`): a local web server that shows a
 * workbook (a CSV folder or an .xlsx file, the sample by default) as a grid
 * with sheet tabs, KPI Lamp's custom functions computed by the built
 * dist/Code.js, and beside it the real sidebar, dist/Sidebar.html, in an
 * iframe. The sidebar's google.script.run calls reach the same server API
 * (src/server/api.ts) over HTTP, running here in Node over the in-memory
 * workbook, through a small shim (page/shim.ts) injected only here.
 * Selecting cells in the grid sets the workbook's active range, which the
 * API sees as Apps Script's getActiveRange().
 *
 * Listens on 127.0.0.1 only, refuses requests for any other host name (DNS
 * rebinding) and accepts JSON posts only (no cross-site form can send one).
 * A workbook that cannot be read still starts the server: the page explains.
 */
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { LocalKey } from '../i18n/local-messages';
import { isLang, pickLang, type Lang, type MessageKey, type MessageParams } from '../i18n/messages';
import { loadWorkbook, WorkbookError } from '../local/load-workbook';
import { isFormula, type MemoryWorkbook } from '../local/memory-workbook';
import type { FormatRule, Workbook, WriteImage } from '../ports/workbook';
import { createApi, langKey } from '../server/api';
import { followSampleTree } from './sample-tree';
import { columnNumber, parseArea } from '../core/a1';
import {
  displayGrid,
  FormulaEngine,
  workbookCells,
  type CellSource,
  type FunctionHost,
  type GridCell,
  type Note,
} from './formulas';
import { loadFunctionHost } from './functions-vm';
import { localHost } from '../local/local-run-host';

export const ROOT = resolve(__dirname, '..', '..');
export const SAMPLE_WORKBOOK = join(ROOT, 'sample', 'workbook');

export interface PlaygroundOptions {
  /** A CSV folder or an .xlsx file; default the sample workbook. */
  workbookPath?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The built Apps Script project; default <repo>/dist. */
  distDir?: string;
  /**
   * The language chosen on the command line (`--lang`): the page opens in it
   * (unless its address says otherwise), the sidebar, the dialogs and what
   * the run writes follow it, and so does the sample's KPI tree.
   */
  lang?: Lang;
}

export interface Playground {
  /** http://127.0.0.1:PORT/ */
  url: string;
  workbookPath: string;
  /** Why the workbook or the build could not be loaded (the page shows it too); null when all is well. */
  error: PageError | null;
  /** The loaded workbook, for tests; null when it could not be read. */
  workbook: MemoryWorkbook | null;
  close(): Promise<void>;
}

/** A message for the page, in either language: a catalogue key and its params, and the English text. */
export type PageError = Note & { message: string };

function pageError(key: LocalKey | MessageKey, params: MessageParams, message: string): PageError {
  return { key, params, message };
}

/** The largest request body read (the sidebar's largest call, a tree, is far smaller). */
export const MAX_BODY = 1_000_000;

/** A request the playground cannot read: answered with its status (400, 413) and a message, never a 500. */
class BadRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Port methods that only read: any other call may change cells, so the formulas recompute after it. */
const READS = new Set([
  'id',
  'locale',
  'timeZone',
  'sheetNames',
  'readSheet',
  'headerRow',
  'rowCount',
  'formatRules',
  'documentStore',
  'userStore',
  'fileStore',
  'triggers',
  'activeRange',
  'select',
]);

/**
 * The Workbook port as one browser user sees it: the in-memory workbook with
 * the user's locale (Apps Script's Session.getActiveUserLocale()). Every
 * other method is the workbook's own (a Proxy, so that methods added to the
 * port later pass through unchanged).
 */
export function userWorkbook(wb: MemoryWorkbook, userLocale: string | null, changed: () => void): Workbook {
  return new Proxy(wb, {
    get(target, prop, receiver) {
      if (prop === 'locale') return () => userLocale ?? target.locale();
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function') return v;
      if (typeof prop === 'string' && READS.has(prop)) return v.bind(target);
      // An image's restore (a failed operation undone, server/journal.ts) changes cells too.
      if (prop === 'imageBefore') {
        return (...args: unknown[]) => {
          const image = v.apply(target, args) as WriteImage;
          return {
            restore: () => {
              try {
                image.restore();
              } finally {
                changed();
              }
            },
          };
        };
      }
      return (...args: unknown[]) => {
        try {
          return v.apply(target, args);
        } finally {
          changed();
        }
      };
    },
  }) as Workbook;
}

/** Accept-Language's first tag as a locale ("ja-JP,ja;q=0.9" → "ja-JP"), or null. */
export function requestLocale(req: IncomingMessage): string | null {
  const first = String(req.headers['accept-language'] ?? '')
    .split(',')[0]
    .split(';')[0]
    .trim();
  return first === '' || first === '*' ? null : first;
}

/** google.script.run drops a result holding a Date (it arrives as null) and turns undefined into null. */
function overTheWire(value: unknown): unknown {
  let hasDate = false;
  const json = JSON.stringify(value === undefined ? null : value, function (this: Record<string, unknown>, k, v) {
    if (Object.prototype.toString.call(this[k]) === '[object Date]') hasDate = true;
    return v;
  });
  return hasDate ? null : JSON.parse(json);
}

async function bundlePage(): Promise<{ js: string; shim: string; css: string; html: string }> {
  const dir = join(__dirname, 'page');
  const bundle = async (file: string) =>
    (
      await build({
        entryPoints: [join(dir, file)],
        bundle: true,
        write: false,
        format: 'iife',
        platform: 'browser',
        target: 'es2020',
        minify: true,
        legalComments: 'none',
        charset: 'utf8',
        logLevel: 'silent',
      })
    ).outputFiles[0].text;
  return {
    js: await bundle('main.ts'),
    shim: await bundle('shim.ts'),
    css: readFileSync(join(dir, 'page.css'), 'utf8'),
    html: readFileSync(join(dir, 'index.html'), 'utf8'),
  };
}

const JSON_TYPE = 'application/json; charset=utf-8';
const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'";
// The sidebar is one self-contained file with inline script and styles. Google's stylesheet is
// not fetched here (no network): the local equivalent inlined in the page stands in.
const SIDEBAR_CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'";

/** A row's background from a conditional-format rule: 1-based row, columns c1..c2 (inclusive). */
export interface Fill {
  row: number;
  c1: number;
  c2: number;
  background: string;
}

/**
 * Draws KPI Lamp's conditional-format rules as Sheets would: only the form
 * the run writes, =LEFT($M2,7)="[alert]" over ranges like "A2:N", evaluated
 * per row (the first rule that matches a row wins). Other rules are not drawn.
 */
export function conditionalFills(rules: FormatRule[], cells: (GridCell | null)[][], rows: number): Fill[] {
  const fills: Fill[] = [];
  const parsed = rules.flatMap((r) => {
    const f = /^=LEFT\(\$([A-Z]{1,3})(\d+),(\d+)\)="([^"]*)"$/.exec(r.formula.trim());
    if (!f) return [];
    return r.ranges.flatMap((range) => {
      const m = /^([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d*)$/.exec(range);
      if (!m || m[2] !== f[2]) return [];
      return [
        {
          col: columnNumber(f[1]),
          n: Number(f[3]),
          text: f[4],
          c1: columnNumber(m[1]),
          c2: columnNumber(m[3]),
          r1: Number(m[2]),
          r2: m[4] ? Number(m[4]) : rows,
          background: r.background,
        },
      ];
    });
  });
  for (let row = 2; row <= rows; row++) {
    for (const p of parsed) {
      if (row < p.r1 || row > p.r2) continue;
      const v = cells[row - 1]?.[p.col - 1]?.v;
      const text = v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v);
      if (text.slice(0, p.n) === p.text) {
        fills.push({ row, c1: p.c1, c2: p.c2, background: p.background });
        break;
      }
    }
  }
  return fills;
}

export async function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const workbookPath = options.workbookPath ?? SAMPLE_WORKBOOK;
  const distDir = options.distDir ?? join(ROOT, 'dist');
  const page = await bundlePage();

  // ---- the built add-on --------------------------------------------------------
  let errorOf: PageError | null = null;
  let functions: FunctionHost | null = null;
  let sidebarHtml: string | null = null;
  const codeFile = join(distDir, 'Code.js');
  const sidebarFile = join(distDir, 'Sidebar.html');
  if (!existsSync(codeFile) || !existsSync(sidebarFile)) {
    const file = existsSync(codeFile) ? sidebarFile : codeFile;
    errorOf = pageError(
      'playground.error.no_build',
      { file },
      `The built add-on is missing (${file}). Run npm run build.`,
    );
  } else {
    try {
      functions = loadFunctionHost(readFileSync(codeFile, 'utf8'));
      sidebarHtml = readFileSync(sidebarFile, 'utf8');
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      errorOf = pageError('playground.error.internal', { message }, message);
    }
  }

  // ---- the workbook and its formulas ----------------------------------------------
  let version = 0;
  let engineCache: { version: number; engine: FormulaEngine } | null = null;
  let book: MemoryWorkbook | null = null;
  const source: CellSource = workbookCells(() => book);
  const noFunctions: FunctionHost = { names: new Set(), call: () => null };
  const engine = (): FormulaEngine => {
    if (!engineCache || engineCache.version !== version)
      engineCache = { version, engine: new FormulaEngine(source, functions ?? noFunctions) };
    return engineCache.engine;
  };
  if (!errorOf) {
    try {
      book = await loadWorkbook(workbookPath, {
        // What the workbook port reads for a formula cell: its value as computed here.
        evaluate: (sheet, row, column) => engine().valueAt(sheet, row, column),
      });
      const first = book.sheetNames()[0];
      if (first !== undefined) book.select(first, 'A1');
      // --lang: chosen as if with the sidebar's switch (the workbook's language), before any page asks.
      if (options.lang) {
        createApi(book, localHost()).setLang(options.lang);
        followSampleTree(book, options.lang);
      }
    } catch (e) {
      book = null;
      if (e instanceof WorkbookError) errorOf = { key: e.key, params: { ...e.params }, message: e.message };
      else {
        const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
        errorOf = pageError('playground.error.internal', { message }, message);
      }
    }
  }
  // The path as people gave it: relative to the working folder when it lies inside.
  const rel = relative(process.cwd(), workbookPath);
  const shownPath = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : workbookPath;
  const changed = () => {
    version++;
  };
  /** The language the sample's tree last followed (sample-tree.ts). */
  let followed: Lang | null = options.lang ?? null;

  // ---- HTTP ---------------------------------------------------------------------------
  function send(
    res: ServerResponse,
    status: number,
    type: string,
    body: string,
    headers: Record<string, string> = {},
  ): void {
    res.writeHead(status, {
      'Content-Type': type,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      ...headers,
    });
    res.end(body);
  }
  const json = (res: ServerResponse, status: number, value: unknown) =>
    send(res, status, JSON_TYPE, JSON.stringify(value));
  const fail = (res: ServerResponse, status: number, error: PageError) => json(res, status, { ok: false, error });

  function state() {
    return {
      ok: errorOf === null,
      error: errorOf,
      workbook: shownPath,
      sheets: book?.sheetNames() ?? [],
      // The language chosen (the sidebar's switch, the page's, or --lang); null: none yet (the page picks its own).
      lang: ((): Lang | null => {
        const chosen = book?.userStore().get(langKey(book)) ?? null;
        return isLang(chosen) ? chosen : null;
      })(),
      active: book?.activeRange() ?? null,
      functions: functions ? [...functions.names] : [],
      // Bumped by every change through the API (a run, 対応中): the page reloads the sheet it shows.
      version,
    };
  }

  function sheetView(name: string) {
    if (!book) return null;
    const grid = book.grid(name);
    if (grid === null) return null;
    const cells: (GridCell | null)[][] = displayGrid(engine(), name, grid);
    let rows = 0;
    let columns = 0;
    cells.forEach((line, r) =>
      line.forEach((c, j) => {
        if (c !== null && c.v !== null) {
          rows = Math.max(rows, r + 1);
          columns = Math.max(columns, j + 1);
        }
      }),
    );
    const formulas = grid.some((line) => line.some((c) => isFormula(c)));
    const fills = conditionalFills(book.formatRules(name), cells, rows);
    return {
      ok: true,
      name,
      rows,
      columns,
      formulas,
      fills,
      cells: cells.slice(0, rows).map((line) => line.slice(0, columns)),
    };
  }

  /** The request's JSON body; a BadRequest (400, or 413 past MAX_BODY) when it is not one. */
  async function readBody(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) {
        req.resume(); // let the client finish sending, then answer
        throw new BadRequest(413, `the request is larger than ${MAX_BODY.toLocaleString('en-US')} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    if (text === '') return null;
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new BadRequest(400, `the request body is not JSON (${e instanceof Error ? e.message : String(e)})`);
    }
  }

  let port = 0;
  const allowedHost = (req: IncomingMessage) => {
    const host = String(req.headers.host ?? '');
    return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHost(req)) {
      send(res, 403, 'text/plain; charset=utf-8', 'Forbidden: the playground answers only to 127.0.0.1 / localhost');
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const path = url.pathname;
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (path === '/' || path === '/index.html')
        return send(res, 200, 'text/html; charset=utf-8', page.html, { 'Content-Security-Policy': PAGE_CSP });
      if (path === '/app.js') return send(res, 200, 'text/javascript; charset=utf-8', page.js);
      if (path === '/app.css') return send(res, 200, 'text/css; charset=utf-8', page.css);
      if (path === '/favicon.ico') return send(res, 204, 'text/plain', '');
      // A modal dialog's page (dist/<file>.html, e.g. the KPI tree's correlogram), which Apps Script opens with
      // showModalDialog and page/dialog.ts shows as an overlay; with the shim, like the sidebar.
      const dialogFile = /^\/dialog\/(Correlogram)$/.exec(path)?.[1];
      if (dialogFile) {
        const file = join(distDir, `${dialogFile}.html`);
        if (book === null || !existsSync(file))
          return send(res, 503, 'text/plain; charset=utf-8', errorOf?.message ?? 'The dialog is not available');
        const html = readFileSync(file, 'utf8')
          .replace(/<head>/i, () => `<head>\n<script>${page.shim}</script>`)
          .replace(
            /<link rel="stylesheet" href="https:\/\/ssl\.gstatic\.com\/[^"]*">/g,
            "<!-- offline playground: Google's add-on stylesheet left out -->",
          );
        return send(res, 200, 'text/html; charset=utf-8', html, { 'Content-Security-Policy': SIDEBAR_CSP });
      }
      if (path === '/sidebar') {
        if (sidebarHtml === null || book === null) {
          const msg = errorOf?.message ?? 'The sidebar is not available';
          return send(res, 503, 'text/plain; charset=utf-8', msg);
        }
        // The shim goes first in <head>, before the sidebar's own script. There is no network
        // here: Google's add-on stylesheet is left out, and the local equivalent inlined in the
        // sidebar stands in for it (as it does wherever that stylesheet cannot load).
        const html = sidebarHtml
          .replace(/<head>/i, () => `<head>\n<script>${page.shim}</script>`)
          .replace(
            /<link rel="stylesheet" href="https:\/\/ssl\.gstatic\.com\/[^"]*">/g,
            "<!-- offline playground: Google's add-on stylesheet left out -->",
          );
        return send(res, 200, 'text/html; charset=utf-8', html, { 'Content-Security-Policy': SIDEBAR_CSP });
      }
      if (path === '/api/state') return json(res, 200, state());
      if (path === '/api/sheet') {
        const name = url.searchParams.get('name') ?? '';
        if (!book)
          return fail(
            res,
            503,
            errorOf ?? pageError('playground.error.internal', { message: 'no workbook' }, 'no workbook'),
          );
        const view = sheetView(name);
        if (!view)
          return fail(res, 404, pageError('api.error.no_sheet', { sheet: name }, `There is no sheet named "${name}"`));
        return json(res, 200, view);
      }
      return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    }
    if (req.method !== 'POST')
      return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed', { Allow: 'GET, POST' });
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return send(res, 415, 'text/plain; charset=utf-8', 'JSON only');
    }
    const body = await readBody(req);
    if (path === '/api/select') {
      if (!book) return fail(res, 503, errorOf!);
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        throw new BadRequest(400, 'the request body must be a JSON object {"sheet", "a1"}');
      const { sheet, a1 } = body as { sheet?: unknown; a1?: unknown };
      if (typeof sheet !== 'string' || !book.sheetNames().includes(sheet)) {
        return fail(
          res,
          404,
          pageError('api.error.no_sheet', { sheet: String(sheet) }, `There is no sheet named "${String(sheet)}"`),
        );
      }
      if (typeof a1 !== 'string' || !parseArea(a1)) {
        return fail(
          res,
          400,
          pageError('playground.cell.bad_ref', { ref: String(a1) }, `Not a cell reference: ${String(a1)}`),
        );
      }
      book.select(sheet, a1.replace(/\$/g, '').toUpperCase());
      return json(res, 200, state());
    }
    const rpc = /^\/rpc\/([A-Za-z_$][\w$]*)$/.exec(path);
    if (rpc) {
      // As google.script.run: a global function of the script, here the API's api_NAME.
      const name = rpc[1];
      const notFound = () =>
        json(res, 200, { ok: false, error: { name: 'ScriptError', message: `Script function not found: ${name}` } });
      if (!book || !name.startsWith('api_')) return notFound();
      const view = userWorkbook(book, requestLocale(req), changed);
      // Until someone chooses a language, the sample's KPI tree follows the browser's (sample-tree.ts).
      const chosen = book.userStore().get(langKey(book));
      if (!isLang(chosen)) {
        const browserLang = pickLang(view.locale());
        if (browserLang !== followed) {
          followSampleTree(view, browserLang);
          followed = browserLang;
        }
      }
      const api = createApi(view, localHost()) as unknown as Record<string, unknown>;
      const fnName = name.slice('api_'.length);
      const fn = Object.prototype.hasOwnProperty.call(api, fnName) ? api[fnName] : undefined;
      if (typeof fn !== 'function') return notFound();
      if (body !== null && !Array.isArray(body))
        throw new BadRequest(400, "the request body must be a JSON array of the function's arguments");
      const args = Array.isArray(body) ? body : [];
      try {
        const value = overTheWire(await fn(...args));
        // A language chosen: the sample's KPI tree follows it (sample-tree.ts), on the same workbook view.
        if (fnName === 'setLang' && isLang((value as { lang?: unknown } | null)?.lang)) {
          followed = (value as { lang: Lang }).lang;
          followSampleTree(view, followed);
        }
        return json(res, 200, { ok: true, value });
      } catch (e) {
        const err = e as { name?: unknown; message?: unknown };
        return json(res, 200, {
          ok: false,
          error: {
            name: typeof err?.name === 'string' ? err.name : 'Error',
            message: typeof err?.message === 'string' ? err.message : String(e),
          },
        });
      }
    }
    return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (e instanceof BadRequest) {
        if (!res.headersSent)
          fail(
            res,
            e.status,
            pageError('playground.error.bad_request', { detail: e.message }, `Bad request: ${e.message}`),
          );
        else res.end();
        return;
      }
      const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
      if (!res.headersSent) fail(res, 500, pageError('playground.error.internal', { message }, message));
      else res.end();
    });
  });
  await new Promise<void>((ok, ko) => {
    server.once('error', ko);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    workbookPath,
    error: errorOf,
    workbook: book,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}
