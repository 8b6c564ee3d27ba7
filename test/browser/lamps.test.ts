/**
 * End-to-end: the Lamps panel in the playground (real headless Chromium),
 * each test on a fresh temp copy of sample/workbook. "Run now" colours the
 * grid's rows and fills the lamp column; a fixed value clears its row and
 * the log shows the lamp going off; 対応中 shows in the panel and the log;
 * an account click selects its row; hostile account names and actions stay
 * text. A failing test saves test-results/<test>.png. (docs/lamps.png is
 * taken by test/browser/evidence.test.ts.)
 */
import type { BrowserContext, Page } from 'playwright-core';
import { evaluateAccounts } from '../../src/core/lamps/evaluate';
import type { Tree } from '../../src/core/tree/types';
import { isFormula } from '../../src/local/memory-workbook';
import type { Playground } from '../../src/playground/server';
import { LOG_SHEET, STATE_SHEET } from '../../src/server/run-state';
import { loadTree, treeData } from '../../src/server/tree-store';
import { assessEvidence, assessLamps } from '../../src/core/lamps/assess';
import { onPage, sidebar, sidebarFrame, waitForText } from './chromium';
import { LAMP_COLUMN as LAMP, sampleCopies } from './sample-copies';

jest.setTimeout(120_000);

const XSS = '<img src=x onerror=alert(1)>';
const IMPORT = '=IMPORTXML("http://x","//a")';
const ALERT_FILL = '#f6cbb7';
const copies = sampleCopies('lamps');
/** A fresh copy of the sample workbook, changed by `edit` (file name → text → text). */
const freshCopy = (edit?: (file: string, text: string) => string): string =>
  copies.copy(['Accounts.csv', 'KPI Lamp Tree.csv'], edit);
const withCopy = (dir: string, body: (pg: Playground, context: BrowserContext) => Promise<void>) =>
  copies.withCopy(dir, 'en-US', body);

async function openLamps(page: Page, url: string): Promise<void> {
  await page.goto(url);
  const side = sidebar(page);
  await side.getByTestId('tab-lamps').click();
  await waitForText(side.getByTestId('lamps-last-run'), 'has not run yet');
}

async function runNow(page: Page): Promise<void> {
  const side = sidebar(page);
  await side.getByTestId('lamps-run').click();
  await waitForText(side.getByTestId('lamps-message'), /^\d+ accounts checked: /, 20000);
  // The result is said once, in the message; the last-run line says when and by whom.
  await waitForText(side.getByTestId('lamps-last-run'), /^Last run .* \(above\)\.$/);
}

/** 1-based sheet row of an account on Accounts. */
function rowOf(pg: Playground, id: string): number {
  const t = pg.workbook!.readSheet('Accounts')!;
  return t.rows.findIndex((r) => r[0] === id) + 2;
}

async function showSheet(page: Page, name: string): Promise<void> {
  const tab = page.getByTestId('tabs').getByRole('tab', { name, exact: true });
  await tab.waitFor({ timeout: 15000 });
  await tab.click();
  await page.waitForSelector(`[data-testid="tabs"] [aria-selected="true"][data-sheet="${name}"]`, { timeout: 10000 });
}

/** The texts of the grid's rows (the rows in the DOM). */
async function gridRows(page: Page): Promise<string[][]> {
  return page.evaluate(
    `Array.from(document.querySelectorAll('#gbody tr')).map((tr) => Array.from(tr.querySelectorAll('td[data-r]')).map((td) => td.textContent))`,
  ) as Promise<string[][]>;
}

/** An at-risk account that a few good values make OK, and those values (column → value). */
function fixable(tree: Tree, pg: Playground): { id: string; values: Record<string, number | boolean> } {
  const table = pg.workbook!.readSheet('Accounts')!;
  const nodes = new Map(tree.nodes.map((n) => [n.id, n]));
  // Judged as the run judges: with the evidence, gated lamps left out of the severity.
  const gated = assessLamps(tree, table, assessEvidence(tree, treeData(pg.workbook!, tree))).gated;
  for (const a of evaluateAccounts(tree, table, gated)) {
    if (a.severity !== 'alert' && a.severity !== 'warn') continue;
    const values: Record<string, number | boolean> = {};
    for (const l of a.lamps) {
      if (l.state === 'ok') continue;
      const n = nodes.get(l.node);
      if (!n || n.type !== 'kpi' || !n.accounts_column) continue;
      const bounds = [n.target, n.warn, n.alert].filter((x): x is number => typeof x === 'number');
      const v = table.rows[a.row][table.header.indexOf(n.accounts_column)];
      values[n.accounts_column] =
        typeof v === 'boolean' ? true : n.direction === 'lower_is_better' ? 0 : Math.max(1, ...bounds) * 2;
    }
    const rows = table.rows.map((r, i) =>
      i === a.row ? r.map((c, j) => (table.header[j] in values ? values[table.header[j]] : c)) : r,
    );
    const after = evaluateAccounts(tree, { ...table, rows }, gated).find((x) => x.id === a.id)!;
    if (after.severity === 'ok') return { id: a.id, values };
  }
  throw new Error('no fixable account in the sample');
}

describe('Lamps panel in the playground', () => {
  it('"Run now" colours the rows in the grid and fills the lamp column; a fixed value and a second run clear the row, and the log shows the lamp off', async () => {
    await withCopy(freshCopy(), async (pg, context) => {
      await onPage(context, 'lamps-run-now', async (page, dialogs) => {
        await openLamps(page, pg.url);
        await runNow(page);
        const side = sidebar(page);
        await waitForText(side.getByTestId('lamps-count'), '56 of 292 accounts at risk');
        const tree = (loadTree(pg.workbook!) as { tree: Tree }).tree;
        const { id, values } = fixable(tree, pg);
        const row = rowOf(pg, id);
        // The grid shows the lamp column and KPI Lamp's colour on the at-risk rows.
        await waitForText(page.locator(`td[data-a1="${LAMP}1"]`), 'KPI Lamp', 15000);
        const lamp = page.locator(`td[data-a1="${LAMP}${row}"]`);
        await waitForText(lamp, /^\[(alert|warn)\]/);
        expect(await page.locator(`td[data-a1="A${row}"]`).getAttribute('data-fill')).toMatch(/^#/);
        const coloured = await page.locator('td[data-a1^="A"][data-fill]').count();
        expect(coloured).toBeGreaterThan(40); // 56 at risk; lamps on watch colour no row
        expect(await page.locator(`td[data-fill="${ALERT_FILL}"]`).count()).toBeGreaterThan(0);

        // Fix the account's values (as a CSM would, in the sheet) and run again.
        const header = pg.workbook!.readSheet('Accounts')!.header;
        for (const [column, value] of Object.entries(values))
          pg.workbook!.writeValues('Accounts', row, header.indexOf(column) + 1, [[value]]);
        await runNow(page);
        await waitForText(lamp, /^\[ok\]/, 15000);
        await page.waitForFunction(
          `!document.querySelector('td[data-a1="A${row}"]').hasAttribute('data-fill')`,
          undefined,
          { timeout: 10000 },
        );

        // The log, in the grid: this account's lamps went off.
        await showSheet(page, LOG_SHEET);
        const rows = await gridRows(page);
        const header1 = rows[0];
        const offs = rows.filter(
          (r) => r[header1.indexOf('account_id')] === id && r[header1.indexOf('event')] === 'off',
        );
        expect(offs.length).toBeGreaterThan(0);
        expect(dialogs).toEqual([]);
      });
    });
  });

  it('marking a lamp 対応中 (in progress) with a memo and a snooze date shows in the panel and the log', async () => {
    await withCopy(freshCopy(), async (pg, context) => {
      await onPage(context, 'lamps-in-progress', async (page) => {
        await openLamps(page, pg.url);
        await runNow(page);
        const side = sidebar(page);
        const first = side.getByTestId('lamps-account').first();
        const id = await first.getAttribute('data-account');
        await first.getByTestId('lamps-ack-open').first().click();
        await first.getByTestId('lamps-ack-memo').fill('Called the champion <b>today</b>');
        await first.getByTestId('lamps-ack-until').fill('2030-12-01');
        await first.getByTestId('lamps-ack-save').click();
        await waitForText(side.getByTestId('lamps-message'), 'Marked in progress');
        const ack = side.locator(`[data-account="${id}"]`).getByTestId('lamps-lamp-ack').first();
        await waitForText(ack, 'In progress (対応中)');
        expect(await ack.textContent()).toContain('Memo: Called the champion <b>today</b>');
        expect(await ack.textContent()).toContain('Snooze until 2030-12-01');
        expect(
          await side.locator(`[data-account="${id}"]`).getByTestId('lamps-lamp-state').first().textContent(),
        ).toContain('In progress');
        expect(await side.locator('b').count()).toBe(0);

        await showSheet(page, LOG_SHEET);
        const rows = await gridRows(page);
        const h = rows[0];
        const mine = rows.find((r) => r[h.indexOf('account_id')] === id && r[h.indexOf('event')] === 'in_progress');
        expect(mine).toBeDefined();
        expect(mine![h.indexOf('memo')]).toBe('Called the champion <b>today</b>');
        expect(mine![h.indexOf('snooze_until')]).toBe('2030-12-01');
      });
    });
  });

  it("clicking a lamp's account selects its row in the sheet; the grid shows the selection", async () => {
    await withCopy(freshCopy(), async (pg, context) => {
      await onPage(context, 'lamps-select-account', async (page) => {
        await openLamps(page, pg.url);
        await runNow(page);
        const side = sidebar(page);
        const account = side.getByTestId('lamps-account').nth(3);
        const id = (await account.getAttribute('data-account'))!;
        await account.getByTestId('lamps-account-select').click();
        const row = rowOf(pg, id);
        await waitForText(page.getByTestId('namebox'), `A${row}:${LAMP}${row}`, 15000);
        expect(pg.workbook!.activeRange()).toEqual({ sheet: 'Accounts', a1: `A${row}:${LAMP}${row}` });
        await page.waitForSelector(`td[data-a1="B${row}"].pg-sel`, { timeout: 10000 });
        expect(await page.locator(`td[data-a1="A${row}"]`).textContent()).toBe(id);
      });
    });
  });

  it('an account named like HTML shows as text and runs nothing; an action like =IMPORTXML(...) is stored and shown as text, never a formula', async () => {
    const dir = freshCopy((file, text) =>
      file === 'Accounts.csv'
        ? `${text.trimEnd()}\nA9999,"${XSS}",Enterprise,999000000,Mallory,2027-01-15,TRUE,0.05,0.5,2,0,9\n`
        : text,
    );
    await withCopy(dir, async (pg, context) => {
      // The action, as a person types it into the tree sheet (plain text, as KPI Lamp formats that sheet).
      const tree = pg.workbook!.readSheet('KPI Lamp Tree')!;
      const loginRow = tree.rows.findIndex((r) => r[0] === 'login') + 2;
      pg.workbook!.writeValues('KPI Lamp Tree', loginRow, tree.header.indexOf('action') + 1, [[IMPORT]]);
      await onPage(context, 'lamps-hostile-text', async (page, dialogs) => {
        await openLamps(page, pg.url);
        await runNow(page);
        const side = sidebar(page);
        await side.getByTestId('lamps-sort').selectOption('arr');
        const first = side.getByTestId('lamps-account').first();
        await waitForText(first.getByTestId('lamps-account-name'), XSS);
        expect(await first.getAttribute('data-account')).toBe('A9999');
        const action = first.locator('[data-node="login"]').getByTestId('lamps-lamp-action');
        expect(await action.textContent()).toBe(`Action: ${IMPORT}`);
        const frame = await sidebarFrame(page);
        expect(await frame.evaluate('document.querySelectorAll("img").length')).toBe(0);
        expect(await page.evaluate('document.querySelectorAll("img").length')).toBe(0);

        // In the workbook: every cell the run wrote is text, none a formula.
        for (const sheet of [LOG_SHEET, STATE_SHEET, 'Accounts']) {
          const grid = pg.workbook!.grid(sheet)!;
          expect(grid.flat().filter((c) => isFormula(c))).toEqual([]);
        }
        const log = pg.workbook!.readSheet(LOG_SHEET)!;
        const on = log.rows.find(
          (r) => r[log.header.indexOf('account_id')] === 'A9999' && r[log.header.indexOf('node')] === 'login',
        )!;
        expect(on[log.header.indexOf('action')]).toBe(IMPORT);
        expect(on[log.header.indexOf('account_name')]).toBe(XSS);
        const row = rowOf(pg, 'A9999');
        await waitForText(page.locator(`td[data-a1="${LAMP}${row}"]`), /^\[alert\]/, 15000);
        expect(await page.locator(`td[data-a1="B${row}"]`).textContent()).toBe(XSS);

        // The grid shows the log's action as text (not a computed formula cell).
        await showSheet(page, LOG_SHEET);
        const cell = page.locator('#gbody td', { hasText: IMPORT }).first();
        expect(await cell.textContent()).toBe(IMPORT);
        expect((await cell.getAttribute('class')) ?? '').not.toMatch(/pg-f|pg-e|pg-u/);
        expect(dialogs).toEqual([]);
      });
    });
  });
});
