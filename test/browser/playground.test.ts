/**
 * End-to-end: the playground (npm start) in real headless Chromium, driven
 * by playwright-core. The page, the real built sidebar in its iframe, its
 * google.script.run calls over the shim to the server API, the custom
 * functions computed by dist/Code.js. A failing test saves
 * test-results/<test>.png.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SAMPLE_WORKBOOK, startPlayground, type Playground } from '../../src/playground/server';
import { contextFor, ensureChromium, launch, onPage, sidebar, sidebarFrame, waitForText } from './chromium';

jest.setTimeout(90_000);

const sampleSheets = readdirSync(SAMPLE_WORKBOOK)
  .filter((f) => f.endsWith('.csv'))
  .map((f) => f.slice(0, -4))
  .sort();

const XSS = '<img src=x onerror=alert(1)>';
const XSS_SHEET = '<img src=x onerror=alert(2)>';

let browser: Browser;
let dir: string;
beforeAll(async () => {
  ensureChromium();
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-browser-'));
}, 15 * 60_000); // installing Chromium, when it must, takes a while
afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A playground and a browser context on it, closed after the block. */
function withPlayground(options: { workbookPath?: string } = {}, locale = 'en-US') {
  const s = { pg: null as unknown as Playground, context: null as unknown as BrowserContext, outside: [] as string[] };
  beforeAll(async () => {
    s.pg = await startPlayground({ ...options, port: 0 });
    s.context = await contextFor(browser, s.pg.url, locale);
    s.context.on('request', (r) => {
      if (!r.url().startsWith(s.pg.url)) s.outside.push(r.url());
    });
  });
  afterAll(async () => {
    await s.context?.close();
    await s.pg?.close();
  });
  return s;
}

async function dragSelect(page: Page, from: string, to: string): Promise<void> {
  const a = page.locator(`td[data-a1="${from}"]`);
  await a.scrollIntoViewIfNeeded();
  await a.hover();
  await page.mouse.down();
  await page.locator(`td[data-a1="${to}"]`).hover();
  await page.mouse.up();
}

describe('Chromium', () => {
  it('when missing and not installable here, the tests fail with the exact command to run (never skip)', () => {
    const host = { root: false, debian: true };
    expect(() => ensureChromium({ path: '/nope/chromium', debianPath: '/nope/chromium', host })).toThrow(
      "The browser tests need Chromium at /nope/chromium, which is missing. Run: sudo sh -c 'apt-get update && apt-get install -y chromium'",
    );
    expect(() => ensureChromium({ path: '/opt/nope/chrome', host })).toThrow(
      /Run: install Chromium at \/opt\/nope\/chrome, or unset KPI_LAMP_CHROMIUM/,
    );
    expect(() =>
      ensureChromium({ path: '/nope/chromium', debianPath: '/nope/chromium', host: { root: true, debian: false } }),
    ).toThrow(/Run: install Chromium, then set KPI_LAMP_CHROMIUM/);
  });
});

describe('the sidebar on the sample workbook', () => {
  const s = withPlayground();

  it('lists the sheets and the active sheet headers after a server round trip; follows tabs and selections', async () => {
    await onPage(s.context, 'sidebar-round-trip', async (page) => {
      await page.goto(s.pg.url);
      const side = sidebar(page);
      // The sample has a KPI tree: the sidebar opens on Lamps; the workbook's sheets are a tab away.
      await side.locator('[data-testid="tab-lamps"][aria-selected="true"]').waitFor({ timeout: 15000 });
      await side.getByTestId('lamps-cards').waitFor({ timeout: 30000 }); // the panel's first load (the evidence judged) is done
      await side.getByTestId('tab-workbook').click();
      await waitForText(side.getByTestId('headers-title'), 'Headers of "Accounts"');
      const listed = await side.getByTestId('sheets').locator('button').allTextContents();
      expect([...listed].sort()).toEqual(sampleSheets);
      expect(await side.locator('[aria-current="true"]').textContent()).toBe('Accounts');
      const headers = await side.getByTestId('headers').locator('.kl-name').allTextContents();
      expect(headers.slice(0, 3)).toEqual(['account_id', 'account_name', 'plan']);

      // Another sheet's tab in the grid: the sidebar follows.
      await page.getByTestId('tabs').getByRole('tab', { name: 'History' }).click();
      await waitForText(side.getByTestId('headers-title'), 'Headers of "History"', 15000);
      expect(await side.getByTestId('headers').locator('.kl-name').allTextContents()).toContain('churn_rate');
      expect(await side.locator('[aria-current="true"]').textContent()).toBe('History');

      // A range selected in the grid is the active range the server API sees.
      await dragSelect(page, 'B2', 'C4');
      expect(await page.getByTestId('namebox').textContent()).toBe('B2:C4');
      await waitForText(side.getByTestId('selection'), 'Selection: B2:C4', 15000);

      // The sidebar activates a sheet: the grid follows, as Sheets does.
      await side.getByTestId('sheets').getByRole('button', { name: 'NPS', exact: true }).click();
      await waitForText(side.getByTestId('headers-title'), 'Headers of "NPS"');
      await page.waitForSelector('[data-testid="tabs"] [aria-selected="true"][data-sheet="NPS"]', { timeout: 10000 });
      await waitForText(page.getByTestId('namebox'), 'A1');
    });
  });

  it('uses the local add-on stylesheet offline, and nothing leaves 127.0.0.1', async () => {
    await onPage(s.context, 'sidebar-offline-style', async (page) => {
      await page.goto(s.pg.url);
      const frame = await sidebarFrame(page);
      await waitForText(sidebar(page).getByTestId('headers-title'), 'Headers of');
      const look = await frame.evaluate(`(() => {
        const b = document.querySelector('button.action');
        const cs = getComputedStyle(b);
        return { image: cs.backgroundImage, color: cs.color, font: getComputedStyle(document.body).fontFamily };
      })()`);
      expect(look).toMatchObject({ color: 'rgb(255, 255, 255)', font: expect.stringContaining('Arial') });
      expect((look as { image: string }).image).toContain('linear-gradient');
      expect(s.outside).toEqual([]);
    });
  });

  it("shows the custom functions' values: the Cohorts =LTV_SBG tables spilled with numbers", async () => {
    await onPage(s.context, 'custom-functions', async (page) => {
      await page.goto(`${s.pg.url}?sheet=Cohorts`);
      const cell = (a1: string) => page.locator(`td[data-a1="${a1}"]`);
      await waitForText(cell('B37'), 'alpha');
      await cell('B37').scrollIntoViewIfNeeded();
      expect(await cell('E37').textContent()).toBe('ltv');
      expect(await cell('B37').getAttribute('title')).toContain('=LTV_SBG(B2:B35,12000,0.01)');
      expect(await cell('E37').getAttribute('class')).toContain('pg-s');
      for (const a1 of ['B38', 'C38', 'D38', 'E38', 'B44', 'E44', 'B45', 'E45']) {
        const text = (await cell(a1).textContent()) ?? '';
        expect({ a1, ok: Number.isFinite(Number(text)) && text !== '' }).toEqual({ a1, ok: true });
      }
      expect(Number(await cell('E38').textContent())).toBeGreaterThan(100000);
      await cell('B37').click();
      expect(await page.getByTestId('formula-bar').textContent()).toBe('=LTV_SBG(B2:B35,12000,0.01)');
      await cell('C38').click();
      expect(await page.getByTestId('formula-bar').textContent()).toMatch(/^\d+\.\d+$/);
    });
  });

  it('a sheet that does not exist is a clear message, with the tabs still there', async () => {
    await onPage(s.context, 'missing-sheet', async (page) => {
      await page.goto(`${s.pg.url}?sheet=Nope`);
      await waitForText(page.getByTestId('sheet-message'), 'There is no sheet named "Nope"');
      expect(await page.getByTestId('tabs').getByRole('tab').count()).toBe(sampleSheets.length);
    });
  });
});

describe('languages', () => {
  const s = withPlayground();

  it('the sidebar starts in the browser user language and switches ja ↔ en, remembering the choice', async () => {
    const ja = await contextFor(browser, s.pg.url, 'ja-JP');
    try {
      await onPage(ja, 'lang-locale-ja', async (page) => {
        await page.goto(s.pg.url);
        await waitForText(sidebar(page).getByTestId('headers-title'), '「Accounts」のヘッダー');
      });
    } finally {
      await ja.close();
    }
    await onPage(s.context, 'lang-switch', async (page) => {
      await page.goto(s.pg.url);
      const side = sidebar(page);
      await waitForText(side.getByTestId('headers-title'), 'Headers of "Accounts"');
      expect(await side.locator('#sheets-title').textContent()).toBe('Sheets');
      await side.getByTestId('lang-ja').click();
      await waitForText(side.locator('#sheets-title'), 'シート');
      await waitForText(side.getByTestId('headers-title'), '「Accounts」のヘッダー');
      expect(await side.getByTestId('refresh').textContent()).toBe('更新');
      expect(await side.getByTestId('lang-ja').getAttribute('aria-pressed')).toBe('true');
      // Kept in the user store: a new page opens in Japanese.
      await page.reload();
      await waitForText(sidebar(page).getByTestId('headers-title'), '「Accounts」のヘッダー');
      await sidebar(page).getByTestId('lang-en').click();
      await waitForText(sidebar(page).locator('#sheets-title'), 'Sheets');
      await waitForText(sidebar(page).getByTestId('headers-title'), 'Headers of "Accounts"');
    });
  });

  it('the playground page switches ja ↔ en too', async () => {
    await onPage(s.context, 'lang-page', async (page) => {
      await page.goto(s.pg.url);
      await waitForText(page.locator('h1'), 'KPI Lamp playground');
      await page.getByTestId('page-lang-ja').click();
      await waitForText(page.locator('h1'), 'KPI Lamp プレイグラウンド');
      expect(await page.getByTestId('tabs').getAttribute('aria-label')).toBe('シート');
      await page.getByTestId('page-lang-en').click();
      await waitForText(page.locator('h1'), 'KPI Lamp playground');
    });
  });
});

describe('text from cells is text', () => {
  const book = () => {
    const path = join(dir, 'xss');
    mkdirSync(path, { recursive: true });
    writeFileSync(join(path, 'Accounts.csv'), `account_id,account_name,${XSS}\nA0001,${XSS},1\n`);
    writeFileSync(join(path, `${XSS_SHEET}.csv`), `${XSS},note\n"<script>alert(3)</script>",x\n`);
    return path;
  };
  const s: { pg: Playground; context: BrowserContext } = { pg: null as never, context: null as never };
  beforeAll(async () => {
    s.pg = await startPlayground({ workbookPath: book() });
    s.context = await contextFor(browser, s.pg.url);
  });
  afterAll(async () => {
    await s.context?.close();
    await s.pg?.close();
  });

  it('an account named <img src=x onerror=alert(1)> shows as text and runs nothing', async () => {
    await onPage(s.context, 'xss', async (page, dialogs) => {
      await page.goto(s.pg.url);
      const side = sidebar(page);
      // Sheets are in file-name order: "<img …>" comes before "Accounts".
      await waitForText(side.getByTestId('headers-title'), `Headers of "${XSS_SHEET}"`);
      expect(await side.getByTestId('sheets').locator('button').allTextContents()).toEqual([XSS_SHEET, 'Accounts']);
      expect(await page.getByTestId('tabs').getByRole('tab').allTextContents()).toEqual([XSS_SHEET, 'Accounts']);
      expect(await page.locator('td[data-a1="A2"]').textContent()).toBe('<script>alert(3)</script>');
      await page.getByTestId('tabs').getByRole('tab', { name: 'Accounts' }).click();
      await waitForText(side.getByTestId('headers-title'), 'Headers of "Accounts"', 15000);
      expect(await page.locator('td[data-a1="B2"]').textContent()).toBe(XSS);
      expect(await page.locator('td[data-a1="C1"]').textContent()).toBe(XSS);
      expect(await side.getByTestId('headers').locator('.kl-name').allTextContents()).toEqual([
        'account_id',
        'account_name',
        XSS,
      ]);
      await page.waitForTimeout(500);
      expect(await page.locator('img').count()).toBe(0);
      expect(await side.locator('img').count()).toBe(0);
      expect(await side.locator('script:not([src])').count()).toBe(2); // the shim and the sidebar's own, nothing else
      expect(dialogs).toEqual([]);
    });
  });
});

describe('bad input', () => {
  it('a workbook that cannot be read: a clear message in English and Japanese, no stack, no blank page', async () => {
    const pg = await startPlayground({ workbookPath: join(dir, 'does-not-exist') });
    const context = await contextFor(browser, pg.url);
    try {
      await onPage(context, 'bad-workbook', async (page) => {
        await page.goto(pg.url);
        const banner = page.getByTestId('banner');
        await waitForText(banner, 'The workbook cannot be opened');
        const text = (await banner.textContent()) ?? '';
        expect(text).toContain(`${join(dir, 'does-not-exist')}: no such file or folder`);
        expect(text).toContain('npm start -- path/to/workbook');
        expect(text).not.toMatch(/\bat .*:\d+:\d+|Error:/);
        expect(await page.getByRole('alert').count()).toBeGreaterThan(0);
        expect(await page.locator('#main').isHidden()).toBe(true);
        await page.getByTestId('page-lang-ja').click();
        await waitForText(banner, 'ワークブックを開けません');
        expect(await banner.textContent()).toContain('ファイルまたはフォルダーが見つかりません');
      });
    } finally {
      await context.close();
      await pg.close();
    }
  });

  it('an empty header row names the sheet', async () => {
    const path = join(dir, 'empty-header');
    mkdirSync(path, { recursive: true });
    writeFileSync(join(path, 'Accounts.csv'), ',,\nA0001,x,1\n');
    const pg = await startPlayground({ workbookPath: path });
    const context = await contextFor(browser, pg.url);
    try {
      await onPage(context, 'empty-header', async (page) => {
        await page.goto(pg.url);
        await waitForText(page.getByTestId('banner'), 'the header row (row 1) of sheet "Accounts" is empty');
      });
    } finally {
      await context.close();
      await pg.close();
    }
  });
});
