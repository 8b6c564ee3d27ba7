/**
 * End-to-end: the KPI tree builder (the sidebar's 'tree' tab) in the
 * playground, in headless Chromium. Each block works on a temporary copy of
 * the sample workbook. Also takes docs/tree.png, docs/tree.ja.png and docs/correlogram.png.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TREE_SHEET } from '../../src/core/tree/sheet-rows';
import { createApi } from '../../src/server/api';
import { SAMPLE_WORKBOOK, startPlayground, type Playground } from '../../src/playground/server';
import { contextFor, ensureChromium, ensureJapaneseFont, launch, onPage, sidebar, waitForText } from './chromium';
import { localHost } from '../../src/local/local-run-host';

jest.setTimeout(90_000);

const DOCS = join(__dirname, '..', '..', 'docs');
/** docs/tree.png, docs/tree.ja.png and docs/correlogram.png are (re)taken only when asked: KPI_LAMP_SCREENSHOTS=1 npx jest test/browser/tree.test.ts */
const shoot = (page: Page, file: string) =>
  process.env.KPI_LAMP_SCREENSHOTS
    ? (ensureJapaneseFont(), page.screenshot({ path: join(DOCS, file) }))
    : Promise.resolve();
const STARTER = JSON.parse(readFileSync(join(__dirname, '..', '..', 'sample', 'starter-tree.json'), 'utf8'));

let browser: Browser;
let dir: string;
beforeAll(async () => {
  ensureChromium();
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-tree-'));
}, 15 * 60_000);
afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A temporary copy of the sample workbook, without its tree when asked. */
function sampleCopy(name: string, withoutTree = false): string {
  const to = join(dir, name);
  cpSync(SAMPLE_WORKBOOK, to, { recursive: true });
  if (withoutTree) {
    rmSync(join(to, `${TREE_SHEET}.csv`));
    rmSync(join(to, 'KPI Lamp Settings.csv'));
  }
  return to;
}

function withPlayground(path: () => string, locale = 'en-US') {
  const s = { pg: null as unknown as Playground, context: null as unknown as BrowserContext };
  beforeAll(async () => {
    s.pg = await startPlayground({ workbookPath: path(), port: 0 });
    s.context = await contextFor(browser, s.pg.url, locale);
  });
  afterAll(async () => {
    await s.context?.close();
    await s.pg?.close();
  });
  return s;
}

async function openTree(page: Page, url: string) {
  await page.goto(url);
  const side = sidebar(page);
  await waitForText(side.getByTestId('headers-title'), /\S/);
  await side.getByTestId('tab-tree').click();
  return side;
}

describe('building a tree from scratch', () => {
  const s = withPlayground(() => sampleCopy('scratch', true));

  it('KGI + a KPI with a threshold typed as ８０％ (shown back as 0.8, 80%), saved, intact after a reload; unsaved guard', async () => {
    await onPage(s.context, 'tree-from-scratch', async (page) => {
      const side = await openTree(page, s.pg.url);
      await waitForText(side.getByTestId('tree-starter'), 'no KPI tree yet');
      await side.getByTestId('tree-start-minimal').click();
      await waitForText(side.getByTestId('node-kgi'), 'Monthly churn');
      await waitForText(side.getByTestId('tree-unsaved'), 'Unsaved changes');

      // The KGI's history column from the History headers.
      await side.getByTestId('node-kgi').click();
      await side.getByTestId('node-kgi').press('Enter');
      const kgiHistory = side.getByTestId('tree-editor').locator('select[data-field="history_column"]');
      expect(await kgiHistory.locator('option').allTextContents()).toContain('churn_rate');
      await kgiHistory.selectOption('churn_rate');

      await side.getByTestId('tree-add').click();
      const editor = side.getByTestId('tree-editor');
      await editor.locator('input[data-field="name"]').fill('Login rate');
      const accounts = editor.locator('select[data-field="accounts_column"]');
      expect(await accounts.locator('option').allTextContents()).toContain('login_rate_30d');
      await accounts.selectOption('login_rate_30d');
      await editor.locator('select[data-field="history_column"]').selectOption('login_rate');
      await editor.locator('select[data-field="kind"]').selectOption('leading');
      const warn = editor.locator('input[data-field="warn"]');
      await warn.fill('８０％');
      await warn.press('Tab');
      expect(await warn.inputValue()).toBe('0.8');
      await waitForText(editor.getByTestId('note-warn'), '80%');
      const alert = editor.locator('input[data-field="alert"]');
      await alert.fill('lots');
      await alert.press('Tab');
      await waitForText(editor.getByTestId('error-alert'), '"lots" is not a number');
      await alert.fill('');
      await alert.press('Tab');

      // Another tab while unsaved: warned first, the tree tab stays.
      await side.getByTestId('tab-workbook').click();
      await waitForText(side.getByTestId('tree-leave-warning'), 'unsaved changes');
      expect(await side.getByTestId('tab-tree').getAttribute('aria-selected')).toBe('true');

      await side.getByTestId('tree-save').click();
      await waitForText(side.getByTestId('tree-message'), 'Saved.');
      expect(await side.getByTestId('tree-unsaved').count()).toBe(0);
      // Saved: the verdict is there (the sample's login rate leads by 3 months).
      await waitForText(side.getByTestId('tree-editor').getByTestId('verdict-lag'), '+3');

      await page.reload();
      const again = await openTree(page, s.pg.url);
      await waitForText(again.getByTestId('node-kpi_1'), 'Login rate');
      await waitForText(again.getByTestId('node-kpi_1'), 'KPI · Leading');
      await again.getByTestId('node-kpi_1').click();
      await again.getByTestId('node-kpi_1').press('Enter');
      expect(await again.getByTestId('tree-editor').locator('input[data-field="warn"]').inputValue()).toBe('0.8');
      expect(await again.getByTestId('tree-editor').locator('select[data-field="parent"]').inputValue()).toBe('kgi');
      expect(await again.getByTestId('node-kpi_1').locator('[data-badge]').getAttribute('data-badge')).toBe('amber'); // no action defined
    });
  });
});

describe('the sample tree', () => {
  const s = withPlayground(() => sampleCopy('sample'));

  it('verdicts: login rate leads (+3), executive meetings reverse causation, community posts shared trend; keyboard; correlogram dialog', async () => {
    await onPage(s.context, 'tree-sample', async (page) => {
      const side = await openTree(page, s.pg.url);
      await waitForText(side.getByTestId('node-login'), '30-day login rate');
      expect(await side.getByTestId('node-login').locator('[data-badge]').getAttribute('data-badge')).toBe('green');
      await waitForText(side.getByTestId('warnings-exec'), 'Reverse causation suspected');
      // The chip says it, once: no warning below it repeats "Shared trend only".
      await waitForText(side.getByTestId('chip-community'), 'only a shared trend');
      expect(await side.getByTestId('warnings-community').count()).toBe(0);
      expect(await side.getByTestId('node-community').locator('[data-badge]').getAttribute('data-badge')).toBe('amber');

      // Keyboard: the tree is one tab stop; arrows move, Enter edits.
      await side.getByTestId('node-kgi').click();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      expect(await side.locator('[role="treeitem"]:focus').getAttribute('data-node')).toBe('login');
      await page.mouse.move(10, 10);
      await shoot(page, 'tree.png');
      await page.keyboard.press('Enter');
      const editor = side.getByTestId('tree-editor');
      await waitForText(editor.getByTestId('verdict-lag'), '+3');
      await waitForText(editor.getByTestId('verdict-inferred'), 'Inferred: Leading');
      await waitForText(editor.getByTestId('verdict-smart'), 'S');

      await side.getByTestId('node-exec').click();
      await side.getByTestId('tree-edit').click();
      await waitForText(editor.getByTestId('verdict-warnings'), 'The KPI moves after the KGI');
      await waitForText(editor.getByTestId('verdict-lag'), '-1');

      await side.getByTestId('node-login').click();
      await side.getByTestId('tree-edit').click();
      await side.getByTestId('open-correlogram').click();
      await waitForText(page.getByTestId('dialog-title'), 'Correlogram — 30-day login rate');
      const box = await page.getByTestId('dialog-frame').boundingBox();
      expect(box?.width).toBe(720);
      const dialog = page.frameLocator('[data-testid="dialog-frame"]');
      await waitForText(dialog.getByTestId('correlogram-title'), '30-day login rate against the KGI "Monthly churn"');
      await waitForText(dialog.getByTestId('correlogram-best'), 'best');
      expect(await dialog.locator('rect[data-significant="true"][data-lag="3"]').count()).toBe(1);
      await shoot(page, 'correlogram.png');
      await dialog.getByTestId('correlogram-close').click();
      await page.getByTestId('dialog-overlay').waitFor({ state: 'detached' });

      // An unsaved change can be judged before saving: executive meetings declared lagging.
      await side.getByTestId('node-exec').click();
      await side.getByTestId('tree-edit').click();
      await editor.locator('select[data-field="kind"]').selectOption('lagging');
      await side.getByTestId('judge-draft').click();
      await editor.getByTestId('verdict-draft').waitFor();
      await waitForText(editor.getByTestId('verdict-warnings'), 'A lagging KPI only confirms');
      expect(await editor.getByTestId('verdict-warnings').textContent()).not.toContain('The KPI moves after the KGI');
      await side.getByTestId('tree-discard').click();

      // Japanese: glossary words, and the sample's tree in Japanese (the playground's sample follows the language).
      await side.getByTestId('lang-ja').click();
      await waitForText(side.getByTestId('warnings-exec'), '逆因果の疑い');
      await waitForText(side.getByTestId('node-community'), '先行指標');
      await waitForText(side.getByTestId('node-login'), '30日ログイン率', 20000);
      await side.getByTestId('node-login').click();
      await page.mouse.move(10, 10);
      await shoot(page, 'tree.ja.png');
    });
  });

  it('an invalid JSON import shows the message and changes nothing', async () => {
    await onPage(s.context, 'tree-import-invalid', async (page) => {
      const side = await openTree(page, s.pg.url);
      await side.getByTestId('lang-en').click();
      await waitForText(side.getByTestId('node-login'), '30-day login rate');
      await side.getByTestId('tree-io').locator('summary').click();
      await side.getByTestId('tree-import-text').fill(
        JSON.stringify({
          format: 'kpi-lamp/tree@1',
          nodes: [
            { id: 'k', parent: null, type: 'kgi', name: 'K' },
            { id: 'x', parent: 'ghost', type: 'kpi', name: 'X', warn: 'high' },
          ],
        }),
      );
      await side.getByTestId('tree-import').click();
      const msg = await waitForText(side.getByTestId('tree-io-message'), 'Not imported; nothing was changed');
      expect(msg).toContain('node "x": warn is "high", expected a number');
      expect(msg).toContain('node "x": its parent "ghost" does not exist');
      await side.getByTestId('tree-import-text').fill('{ nope');
      await side.getByTestId('tree-import').click();
      await waitForText(side.getByTestId('tree-io-message'), 'not a valid tree');
      expect(await side.getByTestId('node-login').count()).toBe(1);
      expect(await side.getByTestId('node-x').count()).toBe(0);
      await side.getByTestId('tree-export').click();
      expect(JSON.parse(await side.getByTestId('tree-export-text').inputValue()).nodes).toHaveLength(12);
    });
  });
});

describe('thresholds by plan and the tree settings', () => {
  const s = withPlayground(() => sampleCopy('by-plan'));

  it('a by_plan entry typed as ６０％ and settings.max_lag 4: saved, intact after a reload, in the exported JSON', async () => {
    await onPage(s.context, 'tree-by-plan-settings', async (page) => {
      const side = await openTree(page, s.pg.url);
      await waitForText(side.getByTestId('node-login'), '30-day login rate');
      await side.getByTestId('node-login').click();
      await side.getByTestId('node-login').press('Enter');
      const editor = side.getByTestId('tree-editor');
      const byPlan = editor.getByTestId('by-plan');
      await waitForText(byPlan.locator('legend'), 'Thresholds by plan');
      // The plans of the Accounts plan column are offered.
      const offered = await byPlan
        .locator('datalist option')
        .evaluateAll((os) => os.map((o) => o.getAttribute('value')));
      expect(offered).toEqual(['Enterprise', 'Growth', 'Starter']);

      // An empty plan name is refused.
      await byPlan.getByTestId('by-plan-add').click();
      await waitForText(byPlan.getByTestId('by-plan-new-error'), "Write the plan's name");
      await byPlan.getByTestId('by-plan-new').fill('Enterprise');
      await byPlan.getByLabel('Warning threshold').last().fill('６０％');
      await byPlan.getByLabel('Alert threshold').last().fill('0.4');
      await byPlan.getByTestId('by-plan-add').click();
      const row = byPlan.getByTestId('by-plan-row-0');
      expect(await row.getAttribute('data-plan')).toBe('Enterprise');
      expect(await row.locator('input[data-field="by_plan.warn"]').inputValue()).toBe('0.6');
      await waitForText(row.getByTestId('note-by-plan-warn-0'), '60%');
      expect(await row.locator('input[data-field="by_plan.alert"]').inputValue()).toBe('0.4');
      await waitForText(side.getByTestId('tree-unsaved'), 'Unsaved changes');
      // A duplicate is refused.
      await byPlan.getByTestId('by-plan-new').fill(' Enterprise ');
      await byPlan.getByTestId('by-plan-new').press('Enter');
      await waitForText(byPlan.getByTestId('by-plan-new-error'), 'The plan "Enterprise" already has thresholds');
      expect(await byPlan.locator('[data-plan]').count()).toBe(1);

      // Tree settings: max_lag out of range is refused, 4 is taken.
      const settings = side.getByTestId('tree-settings');
      await settings.locator('summary').click();
      expect(await settings.getByLabel('Accounts sheet').inputValue()).toBe('Accounts');
      expect(await settings.getByLabel('Accounts sheet').locator('option').allTextContents()).toContain('History');
      const maxLag = settings.getByLabel('Largest lag tested (months, 0–24)');
      expect(await maxLag.inputValue()).toBe('6');
      await maxLag.fill('30');
      await maxLag.press('Tab');
      await waitForText(settings.getByTestId('setting-error-max_lag'), 'a whole number from 0 to 24');
      await maxLag.fill('4');
      await maxLag.press('Tab');
      expect(await settings.getByTestId('setting-error-max_lag').textContent()).toBe('');

      await side.getByTestId('tree-save').click();
      await waitForText(side.getByTestId('tree-message'), 'Saved.');

      await page.reload();
      const again = await openTree(page, s.pg.url);
      await waitForText(again.getByTestId('node-login'), '30-day login rate');
      await again.getByTestId('node-login').click();
      await again.getByTestId('node-login').press('Enter');
      const row2 = again.getByTestId('tree-editor').getByTestId('by-plan-row-0');
      expect(await row2.getAttribute('data-plan')).toBe('Enterprise');
      expect(await row2.locator('input[data-field="by_plan.warn"]').inputValue()).toBe('0.6');
      expect(await row2.locator('input[data-field="by_plan.alert"]').inputValue()).toBe('0.4');
      const settings2 = again.getByTestId('tree-settings');
      await settings2.locator('summary').click();
      expect(await settings2.getByLabel('Largest lag tested (months, 0–24)').inputValue()).toBe('4');

      await again.getByTestId('tree-io').locator('summary').click();
      await again.getByTestId('tree-export').click();
      const json = JSON.parse(await again.getByTestId('tree-export-text').inputValue());
      expect(json.settings.max_lag).toBe(4);
      expect(json.nodes.find((n: { id: string }) => n.id === 'login').by_plan).toEqual({
        Enterprise: { warn: 0.6, alert: 0.4 },
      });
    });
  });
});

describe('a broken tree sheet', () => {
  const s = withPlayground(() => sampleCopy('broken'));

  it('names the row of the problem and still shows the last good tree', async () => {
    // Saved once (the last good copy lives in the document store), then the sheet is broken by hand.
    const wb = s.pg.workbook!;
    expect(createApi(wb, localHost()).saveTree(STARTER).ok).toBe(true);
    wb.writeValues(TREE_SHEET, 4, 11, [['lots']]);
    await onPage(s.context, 'tree-broken', async (page) => {
      const side = await openTree(page, s.pg.url);
      const text = await waitForText(side.getByTestId('tree-issues'), 'Showing the last good tree');
      expect(text).toContain('node "login", row 4: warn is "lots", expected a number');
      await waitForText(side.getByTestId('node-login'), '30-day login rate');
      await waitForText(side.getByTestId('warnings-exec'), 'Reverse causation suspected');
    });
  });
});
