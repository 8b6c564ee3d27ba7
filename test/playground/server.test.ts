/**
 * The playground's server over HTTP (no browser): the page's data, the
 * google.script.run route to the server API, bad input, and its guards.
 * The browser tests (test/browser) drive the same server in Chromium.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryWorkbook } from '../../src/local/memory-workbook';
import {
  requestLocale,
  SAMPLE_WORKBOOK,
  startPlayground,
  userWorkbook,
  type Playground,
} from '../../src/playground/server';

const sampleSheets = readdirSync(SAMPLE_WORKBOOK)
  .filter((f) => f.endsWith('.csv'))
  .map((f) => f.slice(0, -4))
  .sort();

async function get(pg: Playground, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(new URL(path, pg.url), { headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

async function post(pg: Playground, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(new URL(path, pg.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) };
}

describe('playground server on the sample workbook', () => {
  let pg: Playground;
  beforeAll(async () => {
    pg = await startPlayground({ port: 0 });
  });
  afterAll(() => pg.close());

  it('listens on 127.0.0.1 at a free port and serves the page', async () => {
    expect(pg.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(pg.error).toBeNull();
    const page = await get(pg, '/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<script src="/app.js" defer></script>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await get(pg, '/app.js')).status).toBe(200);
    expect((await get(pg, '/app.css')).status).toBe(200);
  });

  it('gives the sheets and the active range', async () => {
    const state = (await get(pg, '/api/state')).json();
    expect(state).toMatchObject({
      ok: true,
      error: null,
      functions: ['NPS', 'LTV', 'LTV_SBG', 'LEADLAG', 'MRR_MOVEMENTS', 'ONBOARDING_RATE'],
    });
    expect([...state.sheets].sort()).toEqual(sampleSheets);
    expect(state.active).toEqual({ sheet: state.sheets[0], a1: 'A1' });
  });

  it("shows Cohorts' =LTV_SBG tables spilled with numbers and the =LTV row computed", async () => {
    const view = (await get(pg, '/api/sheet?name=Cohorts')).json();
    expect(view).toMatchObject({ ok: true, name: 'Cohorts', formulas: true });
    const at = (a1: string) => {
      const m = /^([A-Z])(\d+)$/.exec(a1)!;
      return view.cells[Number(m[2]) - 1][m[1].charCodeAt(0) - 65];
    };
    expect(at('B37')).toEqual({ v: 'alpha', k: 'f', f: '=LTV_SBG(B2:B35,12000,0.01)' });
    expect(at('E37')).toMatchObject({ v: 'ltv', k: 's', at: 'B37' });
    for (const a1 of ['B38', 'C38', 'D38', 'E38', 'B44', 'E44']) expect(typeof at(a1).v).toBe('number');
    expect(at('E38').v).toBeGreaterThan(100000);
    // =LTV(15000,0.8,1-(B14/B2)^(1/12),0.01): its churn argument is arithmetic on two cells.
    expect(at('B45')).toMatchObject({ k: 'f', f: '=LTV(15000,0.8,1-(B14/B2)^(1/12),0.01)' });
    expect(at('B45').v).toBeCloseTo((15000 * 0.8 * 1.01) / (0.01 + 1 - Math.pow(177 / 412, 1 / 12)), 6); // B14 = 177 (period 12), B2 = 412
  });

  it('routes google.script.run to the server API, in the browser user language', async () => {
    const r = (await post(pg, '/rpc/api_getContext', [], { 'Accept-Language': 'ja-JP,ja;q=0.9' })).json();
    expect(r.ok).toBe(true);
    expect(r.value).toMatchObject({ lang: 'ja', activeSheet: 'Accounts' });
    expect(r.value.headers).toContain('account_name');
    const en = (await post(pg, '/rpc/api_selectSheet', ['Nope'], { 'Accept-Language': 'en-US' })).json();
    expect(en).toEqual({ ok: false, error: { name: 'ApiError', message: 'There is no sheet named "Nope"' } });
  });

  it('makes a selection in the grid the active range the API sees', async () => {
    expect((await post(pg, '/api/select', { sheet: 'History', a1: 'b2:C4' })).status).toBe(200);
    const r = (await post(pg, '/rpc/api_getSelection', [])).json();
    expect(r.value).toEqual({ activeSheet: 'History', activeRange: 'B2:C4' });
    expect((await post(pg, '/api/select', { sheet: 'Nope', a1: 'A1' })).json().error).toMatchObject({
      key: 'api.error.no_sheet',
      params: { sheet: 'Nope' },
    });
    expect((await post(pg, '/api/select', { sheet: 'History', a1: 'not a range' })).status).toBe(400);
  });

  it('calls nothing but the API: unknown names, prototype names and non-api functions are "not found"', async () => {
    for (const name of ['api_nope', 'api_constructor', 'api___proto__', 'api_toString', 'onOpen', 'showSidebar']) {
      const r = (await post(pg, `/rpc/${name}`, [])).json();
      expect(r).toEqual({ ok: false, error: { name: 'ScriptError', message: `Script function not found: ${name}` } });
    }
  });

  it('a missing sheet is a clear 404 message, never a stack', async () => {
    const r = await get(pg, '/api/sheet?name=Nope');
    expect(r.status).toBe(404);
    expect(r.json().error).toEqual({
      key: 'api.error.no_sheet',
      params: { sheet: 'Nope' },
      message: 'There is no sheet named "Nope"',
    });
    expect(r.text).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('injects the google.script.run shim into the built sidebar, first thing in <head>, only here', async () => {
    const r = await get(pg, '/sidebar');
    expect(r.status).toBe(200);
    expect(r.text.indexOf('google')).toBeLessThan(r.text.indexOf('<title>'));
    expect(r.text).toMatch(/<head>\n<script>/);
    expect(r.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(r.text).not.toContain('ssl.gstatic.com'); // offline: the local stylesheet stands in
  });

  it('refuses other host names (DNS rebinding) and posts that are not JSON', async () => {
    const port = Number(new URL(pg.url).port);
    const status = await new Promise<number>((ok, ko) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/api/state', headers: { Host: `evil.example:${port}` } },
        (res) => {
          res.resume();
          ok(res.statusCode ?? 0);
        },
      );
      req.on('error', ko);
      req.end();
    });
    expect(status).toBe(403);
    const form = await fetch(new URL('/rpc/api_setLang', pg.url), {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: '["ja"]',
    });
    expect(form.status).toBe(415);
  });
});

describe('userWorkbook', () => {
  it("is the workbook in the browser user's locale; a write makes the formulas recompute, a read does not", () => {
    const wb = new MemoryWorkbook({ locale: 'en' });
    wb.addSheet('S', [['a']]);
    let changes = 0;
    const user = userWorkbook(wb, 'ja-JP', () => changes++);
    expect(user.locale()).toBe('ja-JP');
    expect(userWorkbook(wb, null, () => undefined).locale()).toBe('en');
    expect(user.readSheet('S')?.header).toEqual(['a']);
    user.select('S', 'A1');
    // The reads the Lamps panel and the binding check make on every open (header rows, row counts, the file's store).
    expect(user.headerRow('S')).toEqual(['a']);
    expect(user.rowCount('S')).toBe(0);
    user.fileStore().get('k');
    expect(changes).toBe(0);
    user.writeValues('S', 2, 1, [['x']]);
    expect(changes).toBe(1);
    expect(wb.readSheet('S')?.rows).toEqual([['x']]);
  });

  it('takes the locale from Accept-Language', () => {
    const req = (v?: string) => ({ headers: v === undefined ? {} : { 'accept-language': v } }) as never;
    expect(requestLocale(req('ja-JP,ja;q=0.9,en;q=0.8'))).toBe('ja-JP');
    expect(requestLocale(req('*'))).toBeNull();
    expect(requestLocale(req())).toBeNull();
  });
});

describe('playground server on bad input', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-pg-'));
    mkdirSync(join(dir, 'empty-header'));
    writeFileSync(join(dir, 'empty-header', 'Accounts.csv'), ',,\nA0001,x,1\n');
    mkdirSync(join(dir, 'broken'));
    writeFileSync(join(dir, 'broken', 'Accounts.csv'), 'a,b\n"unclosed,1\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['a path that does not exist', 'nope', 'workbook.not_found', /no such file or folder/],
    [
      'an empty header row',
      'empty-header',
      'workbook.empty_header',
      /the header row \(row 1\) of sheet "Accounts" is empty/,
    ],
    [
      'a CSV that cannot be parsed',
      'broken',
      'workbook.unparsable.unclosed_quote',
      /line 2: a quoted field starts here and is never closed/,
    ],
  ])('%s: the server starts and says why', async (_what, name, key, message) => {
    const pg = await startPlayground({ workbookPath: join(dir, name) });
    try {
      expect(pg.error).toMatchObject({ key });
      const state = (await get(pg, '/api/state')).json();
      expect(state.ok).toBe(false);
      expect(state.error.key).toBe(key);
      expect(state.error.message).toMatch(message);
      expect((await get(pg, '/')).status).toBe(200);
      expect((await post(pg, '/rpc/api_getContext', [])).json().ok).toBe(false);
    } finally {
      await pg.close();
    }
  });

  it('a missing build is named (run npm run build)', async () => {
    const pg = await startPlayground({ distDir: join(dir, 'no-dist') });
    try {
      expect(pg.error).toMatchObject({ key: 'playground.error.no_build' });
    } finally {
      await pg.close();
    }
  });
});

describe('playground server on an .xlsx file', () => {
  it('computes our functions and shows the value Excel saved for the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-pg-xlsx-'));
    const path = join(dir, 'book.xlsx');
    const mod = await import('exceljs');
    const ExcelJS = (mod as unknown as { default?: typeof mod }).default ?? mod;
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Plans');
    ws.addRow(['arpa', 'ltv', 'total']);
    ws.addRow([49, { formula: 'LTV(A2,0.8,0.03)', result: 1 }, { formula: 'SUM(A2:A3)', result: 98 }]);
    ws.addRow([49]);
    await book.xlsx.writeFile(path);
    const pg = await startPlayground({ workbookPath: path });
    try {
      expect(pg.error).toBeNull();
      const view = (await get(pg, '/api/sheet?name=Plans')).json();
      expect(view.cells[1][1]).toMatchObject({ k: 'f', f: '=LTV(A2,0.8,0.03)' });
      expect(view.cells[1][1].v).toBeCloseTo(1306.67, 2);
      expect(view.cells[1][2]).toMatchObject({
        k: 'c',
        v: 98,
        f: '=SUM(A2:A3)',
        n: { key: 'playground.cell.unsupported' },
      });
      // Through the workbook port (what the sidebar API reads), formula cells read as their values.
      expect(pg.workbook?.readSheet('Plans')?.rows[0]).toEqual([49, expect.closeTo(1306.67, 2), 98]);
    } finally {
      await pg.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('hostile requests and formulas', () => {
  let dir: string;
  let pg: Playground;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-pg-hostile-'));
    writeFileSync(join(dir, 'NPS.csv'), 'score,nps\n9,=NPS(A2:A99999999)\n3,=NPS(A2:A4)\n10\n');
    pg = await startPlayground({ workbookPath: dir });
  });
  afterAll(async () => {
    await pg.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('one cell =NPS(A2:A99999999) is an error naming the range and the ceiling; the server stays up', async () => {
    expect(pg.error).toBeNull();
    const view = (await get(pg, '/api/sheet?name=NPS')).json();
    expect(view.cells[1][1]).toMatchObject({
      k: 'e',
      v: '#REF!',
      n: {
        key: 'playground.cell.range_too_large',
        params: { ref: 'A2:A99999999', cells: '99,999,998', max: '1,000,000' },
      },
    });
    expect(view.cells[2][1]).toMatchObject({ k: 'f', v: expect.closeTo(100 / 3, 9) }); // 9 and 10 promote, 3 detracts
    expect((await get(pg, '/api/state')).status).toBe(200);
    // Through the port, as the sidebar reads it: the error code.
    expect(pg.workbook?.readSheet('NPS')?.rows[0]).toEqual([9, '#REF!']);
  });

  async function raw(path: string, body: string | Buffer) {
    const res = await fetch(new URL(path, pg.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    const text = await res.text();
    return { status: res.status, json: () => JSON.parse(text) };
  }

  it.each([
    ['/rpc/api_setLang', '{"not json', 400],
    ['/rpc/api_setLang', '{"lang":"ja"}', 400],
    ['/rpc/api_setLang', '"ja"', 400],
    ['/api/select', '[1,2]', 400],
    ['/api/select', '42', 400],
    ['/api/select', '{"sheet":', 400],
  ])('%s with %s: %d, with a message, never a 500', async (path, body, status) => {
    const r = await raw(path, body);
    expect(r.status).toBe(status);
    expect(r.json()).toMatchObject({ ok: false, error: { key: 'playground.error.bad_request' } });
    expect((await get(pg, '/api/state')).status).toBe(200);
  });

  it('a body past 1 MB: 413', async () => {
    const r = await raw('/rpc/api_setLang', `["${'x'.repeat(1_200_000)}"]`);
    expect(r.status).toBe(413);
    expect(r.json()).toMatchObject({ ok: false, error: { key: 'playground.error.bad_request' } });
  });
});

describe('npm start', () => {
  it('prints the URL and serves the workbook named on the command line', async () => {
    const book = mkdtempSync(join(tmpdir(), 'kpi-lamp-start-'));
    writeFileSync(join(book, 'Accounts.csv'), 'account_id,account_name\nA0001,Aoba\n');
    // What scripts/start.mjs runs after building (the build itself is `npm run build`, already done).
    const child = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const { loadTs } = await import('./scripts/load-ts.mjs'); await loadTs('src/playground/main.ts').main(process.argv.slice(1));",
        book,
      ],
      {
        cwd: join(__dirname, '..', '..'),
        env: { ...process.env, LANG: 'en_US.UTF-8', INIT_CWD: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const url = await new Promise<string>((ok, ko) => {
        let out = '';
        const timer = setTimeout(() => ko(new Error(`no URL printed: ${out}`)), 20000);
        child.stdout.on('data', (d) => {
          out += d;
          const m = /KPI Lamp playground: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
          if (m) {
            clearTimeout(timer);
            ok(m[1]);
          }
        });
        child.stderr.on('data', (d) => (out += d));
        child.on('exit', (code) => ko(new Error(`exited ${code}: ${out}`)));
      });
      const state = await (await fetch(`${url}api/state`)).json();
      expect(state).toMatchObject({ ok: true, sheets: ['Accounts'] });
    } finally {
      child.kill('SIGTERM');
      rmSync(book, { recursive: true, force: true });
    }
  }, 30000);
});
