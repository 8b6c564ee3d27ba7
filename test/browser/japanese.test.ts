/**
 * The whole Japanese UI, walked in headless Chromium, fails on any English
 * word left in what a person sees: the playground's page chrome, every
 * sidebar tab (Lamps with the report cards, the budget, lamps on watch, the
 * history and the recent changes, 対応中 and removal; the KPI tree with its
 * chips, the node card, the editor, the settings and import/export; the
 * workbook tab) and the correlogram dialog. The browser itself speaks
 * English: `--lang ja` (startPlayground's `lang`) is what makes it
 * Japanese, and the run writes Japanese into the lamp column.
 *
 * Allowed in Latin letters: the short list below (codes, acronyms, proper
 * nouns, each with its reason), single letters (r, p, column letters) and
 * whatever comes from the workbook itself — sheet names, headers, the
 * accounts' own cells (names, plans, CSMs) — the tree's bound columns, the
 * user's e-mail, file paths and time zones.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { SAMPLE_WORKBOOK, startPlayground, type Playground } from '../../src/playground/server';
import { contextFor, ensureChromium, launch, onPage, sidebar, sidebarFrame, waitForText } from './chromium';

jest.setTimeout(180_000);

/** Latin words a Japanese screen may show, and why. */
const ALLOWED: Record<string, string> = {
  KPI: 'glossary: KPI (and the product name KPI Lamp)',
  Lamp: 'the product name, KPI Lamp',
  KGI: 'glossary',
  CSF: 'glossary',
  KSF: 'glossary: CSF (KSF)',
  NPS: 'glossary and the function',
  ARR: 'glossary: リスクARR',
  MRR: 'glossary',
  CSM: 'the sample’s owner column and the usual Japanese word',
  SMART: 'glossary',
  JSON: 'the file format of kpi-lamp/tree@1',
  ID: 'a node’s id (the editor’s field label), as Japanese screens write it',
  TRUE: 'a cell value',
  FALSE: 'a cell value',
  Enter: 'the key on the keyboard',
  Esc: 'the key on the keyboard',
  Google: 'proper noun',
  Sheets: 'proper noun (Google Sheets)',
  Apps: 'proper noun (Apps Script)',
  Script: 'proper noun (Apps Script)',
  'yyyy-mm-dd': 'the date pattern of the format (kpi-lamp/tree@1 dates)',
  'yyyy-mm': 'the month pattern of the contract',
  fx: 'the formula bar’s sign, as Sheets shows it in Japanese too',
  BigQuery: 'proper noun (Google BigQuery: the tree settings’ optional tables)',
  project: 'the form of a BigQuery table path, project.dataset.table, which is written in Latin letters',
  dataset: 'the form of a BigQuery table path, project.dataset.table',
  table: 'the form of a BigQuery table path, project.dataset.table',
  'my-project': 'the example BigQuery path of a placeholder (my-project.cs.accounts): ids are Latin',
  cs: 'the example BigQuery path of a placeholder (my-project.cs.accounts)',
  accounts: 'the example BigQuery path of a placeholder (my-project.cs.accounts)',
  snapshots: 'the example BigQuery path of a placeholder (my-project.cs.snapshots)',
};

/**
 * Every text a person sees in a frame, every <details> opened first: visible
 * text nodes and the title, aria-label and placeholder of visible elements;
 * not the grid (the workbook's own cells) nor an element marked as another
 * language (the "English" button).
 */
async function visibleText(frame: Frame): Promise<string[]> {
  // Run in the page (a string: this file is compiled without the DOM's types).
  return frame.evaluate(`(() => {
    const out = [];
    const skip = (e) => {
      for (let x = e; x; x = x.parentElement) {
        if (x.id === 'grid' || x.id === 'namebox' || x.id === 'fbar') return true;
        const lang = x.getAttribute('lang');
        if (lang && x !== document.documentElement && !lang.startsWith('ja')) return true;
      }
      return false;
    };
    const visible = (e) => (e.checkVisibility ? e.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) : true);
    // What a person opens is read too: every <details> opened.
    for (const d of document.querySelectorAll('details:not([open])')) d.open = true;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const p = n.parentElement;
      if (!p || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(p.tagName) || skip(p)) continue;
      // An option of a closed select is seen when the select is opened: counted when the select is visible.
      const owner = p.closest('select') || p;
      if (!visible(owner) || (n.textContent || '').trim() === '') continue;
      out.push(n.textContent.trim());
    }
    for (const e of document.querySelectorAll('[title], [aria-label], [placeholder]')) {
      if (skip(e) || !visible(e)) continue;
      for (const a of ['title', 'aria-label', 'placeholder']) {
        const v = e.getAttribute(a);
        if (v && v.trim()) out.push(v.trim());
      }
    }
    out.push(document.title);
    return out;
  })()`);
}

/** The Latin words in texts that are neither allowed nor the workbook's own. */
function englishLeft(texts: string[], own: Set<string>): string[] {
  const left = new Set<string>();
  for (const text of texts) {
    const cleaned = text
      .replace(/\S+@\S+/g, ' ') // e-mail addresses (who ran, who marked)
      .replace(/\S*[A-Za-z]\S*[/\\]\S*|\S+\.(?:html|js|json|csv|xlsx)\b/g, ' ') // paths, time zones
      .replace(/KPI Lamp(?: (?:Tree|Settings|State|Log))?/g, ' '); // the product and its sheets
    for (const w of cleaned.match(/[A-Za-z][A-Za-z'’_-]*[A-Za-z]/g) ?? []) {
      if (ALLOWED[w] || own.has(w)) continue;
      left.add(`${w}  ← "${text.slice(0, 100)}"`);
    }
  }
  return [...left].sort();
}

/** Words of the workbook itself: sheet names, headers, the text cells of Accounts, the tree's bound columns. */
function workbookWords(pg: Playground): Set<string> {
  const wb = pg.workbook!;
  const words = new Set<string>();
  const add = (s: unknown) => {
    if (typeof s !== 'string') return;
    words.add(s);
    for (const w of s.match(/[A-Za-z][A-Za-z'’_-]*[A-Za-z]/g) ?? []) words.add(w);
  };
  for (const name of wb.sheetNames()) {
    add(name);
    const t = wb.readSheet(name)!;
    t.header.forEach(add);
    if (name === 'Accounts') for (const r of t.rows) r.forEach(add);
  }
  return words;
}

let browser: Browser;
let dir: string;
let pg: Playground;
let context: BrowserContext;
beforeAll(async () => {
  ensureChromium();
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-ja-'));
  cpSync(SAMPLE_WORKBOOK, dir, { recursive: true });
  pg = await startPlayground({ workbookPath: dir, port: 0, lang: 'ja' });
  // An English browser: only --lang makes it Japanese.
  context = await contextFor(browser, pg.url, 'en-US');
}, 15 * 60_000);
afterAll(async () => {
  await context?.close();
  await pg?.close();
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the Japanese UI (npm start -- --lang ja, in an English browser)', () => {
  it('shows no English word a Japanese CS lead would have to read', async () => {
    await onPage(context, 'japanese-ui', async (page: Page) => {
      const own = workbookWords(pg);
      const seen: { where: string; texts: string[] }[] = [];
      const side = sidebar(page);
      const look = async (where: string) => {
        seen.push({ where: `${where} (page)`, texts: await visibleText(page.mainFrame()) });
        seen.push({ where: `${where} (sidebar)`, texts: await visibleText(await sidebarFrame(page)) });
      };
      await page.goto(pg.url);
      await waitForText(page.getByTestId('tabs'), 'Accounts');
      expect(await page.evaluate('document.documentElement.lang')).toBe('ja');

      // Lamps, before the first run.
      await waitForText(side.getByTestId('lamps-last-run'), 'まだ実行されていません', 30000);
      await waitForText(side.getByTestId('lamps-history'), 'バックテスト用の履歴');
      // (look() opens every report card and the accounts of the lamps on watch.)
      await look('Lamps before the first run');

      // Run now: the list, the recent changes, the history; the lamp column in Japanese.
      await side.getByTestId('lamps-run').click();
      await waitForText(side.getByTestId('lamps-message'), /^\d+ アカウントを確認: /, 30000);
      await waitForText(side.getByTestId('lamps-recent'), '最近の変化');
      const lampCells = pg.workbook!.readSheet('Accounts')!;
      const lampAt = lampCells.header.indexOf('KPI Lamp');
      const a0432 = String(lampCells.rows.find((r) => r[0] === 'A0432')![lampAt]);
      expect(a0432).toBe('[alert] 警告 — オンボーディング完了: 0 で、警告ライン 0 以下');
      await look('Lamps after a run');
      // 対応中 form and the removal confirmation.
      await side.getByTestId('lamps-ack-open').first().click();
      await side.getByTestId('lamps-ack-memo').waitFor();
      await look('Lamps: marking in progress');
      await side.getByTestId('lamps-ack-cancel').click();
      await side.getByTestId('lamps-remove-open').click();
      await side.getByTestId('lamps-remove-confirm').waitFor();
      await look('Lamps: removal');
      await side.getByTestId('lamps-remove-cancel').click();

      // The KPI tree: chips, the node card, the editor, settings, import/export.
      await side.getByTestId('tab-tree').click();
      await waitForText(side.getByTestId('node-login'), '30日ログイン率');
      await look('KPI tree');
      await side.getByTestId('node-exec').click();
      await side.getByTestId('tree-node-card').waitFor();
      await look('KPI tree: a lamp on watch, its card');
      await side.getByTestId('tree-edit').click();
      await side.getByTestId('tree-editor').waitFor();
      await look('KPI tree: the editor');
      await look('KPI tree: settings and import/export');
      // A threshold being typed: what it would light, before anything is saved; a plan's own thresholds.
      await side.getByTestId('node-login').click();
      await side.getByTestId('tree-edit').click();
      await side.getByTestId('tree-editor').locator('input[data-field="warn"]').fill('0.6');
      await waitForText(side.getByTestId('threshold-preview'), /\S/, 20000);
      await side.getByTestId('by-plan-add').click();
      await look('KPI tree: a threshold typed, a plan added');
      await side.getByTestId('tree-discard').click();
      // A composite: its method, its parts' floors.
      await side.getByTestId('node-depth').click();
      await side.getByTestId('tree-edit').click();
      await side.getByTestId('tree-editor').waitFor();
      await look('KPI tree: a composite in the editor');
      await side.getByTestId('node-exec').click();
      await side.getByTestId('tree-edit').click();

      // The correlogram dialog.
      await side.getByTestId('open-correlogram').click();
      await waitForText(page.getByTestId('dialog-title'), 'コレログラム');
      const dialog = page.frameLocator('[data-testid="dialog-frame"]');
      await waitForText(dialog.getByTestId('correlogram-title'), '経営層とのミーティング');
      const dialogFrame = await (await page.getByTestId('dialog-frame').elementHandle())!.contentFrame();
      seen.push({ where: 'the correlogram dialog', texts: await visibleText(dialogFrame!) });
      seen.push({ where: 'the correlogram overlay', texts: await visibleText(page.mainFrame()) });
      await dialog.getByTestId('correlogram-close').click();
      await page.getByTestId('dialog-overlay').waitFor({ state: 'detached' });
      await side
        .getByTestId('tree-discard')
        .click()
        .catch(() => undefined);

      // The workbook tab.
      await side.getByTestId('tab-workbook').click();
      await waitForText(side.getByTestId('headers-title'), 'のヘッダー');
      await look('Workbook');

      // A workbook without a tree: the starters and the Lamps panel's word about it.
      const bare = mkdtempSync(join(tmpdir(), 'kpi-lamp-ja-bare-'));
      cpSync(SAMPLE_WORKBOOK, bare, { recursive: true });
      rmSync(join(bare, 'KPI Lamp Tree.csv'));
      rmSync(join(bare, 'KPI Lamp Settings.csv'));
      const pg2 = await startPlayground({ workbookPath: bare, port: 0, lang: 'ja' });
      const context2 = await contextFor(browser, pg2.url, 'en-US');
      try {
        const page2 = await context2.newPage();
        await page2.goto(pg2.url);
        const side2 = sidebar(page2);
        await waitForText(side2.getByTestId('tree-starter'), /\S/, 30000);
        seen.push({ where: 'no tree yet: the starters', texts: await visibleText(await sidebarFrame(page2)) });
        await side2.getByTestId('tab-lamps').click();
        await waitForText(side2.getByTestId('lamps-no-tree'), /\S/, 20000);
        seen.push({ where: 'no tree yet: Lamps', texts: await visibleText(await sidebarFrame(page2)) });
      } finally {
        await context2.close();
        await pg2.close();
        rmSync(bare, { recursive: true, force: true });
      }

      // One line per word and screen: "screen: word ← the text it was in".
      const found = [
        ...new Set(seen.flatMap(({ where, texts }) => englishLeft(texts, own).map((w) => `${where}: ${w}`))),
      ];
      expect(found).toEqual([]);
    });
  });

  it('the page’s switch sets the sidebar and the sample’s tree, and the sidebar’s switch sets the page', async () => {
    await onPage(context, 'japanese-switch', async (page: Page) => {
      const side = sidebar(page);
      await page.goto(pg.url);
      await waitForText(side.getByTestId('tab-lamps'), 'ランプ', 30000);
      await page.getByTestId('page-lang-en').click();
      await waitForText(side.getByTestId('tab-lamps'), 'Lamps');
      await side.getByTestId('tab-tree').click();
      await waitForText(side.getByTestId('node-login'), '30-day login rate', 20000);
      await side.getByTestId('lang-ja').click();
      await waitForText(page.locator('#title'), 'プレイグラウンド');
      await waitForText(side.getByTestId('node-login'), '30日ログイン率', 20000);
    });
  });
});
