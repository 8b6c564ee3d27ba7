/**
 * A careless user's workbook in the sidebar (real headless Chromium, the
 * playground on a copy of the sample): a misspelt History sheet and a
 * misspelt KPI column. The Lamps panel and the KPI tree panel each show a
 * banner naming what to fix, with the closest name there; Run now fails
 * with the same names instead of counting accounts. In English and in
 * Japanese (the workbook's language chosen as `npm start -- --lang ja` does).
 */
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { SAMPLE_WORKBOOK, startPlayground } from '../../src/playground/server';
import { contextFor, ensureChromium, launch, onPage, sidebar, waitForText } from './chromium';

jest.setTimeout(120_000);

let browser: Browser;
let tmp: string;
beforeAll(async () => {
  ensureChromium();
  browser = await launch();
  tmp = mkdtempSync(join(tmpdir(), 'kpi-lamp-bindings-'));
}, 15 * 60_000);
afterAll(async () => {
  await browser?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** The sample with History saved as "Histroy" and Accounts' login_rate_30d header typed "login_rate_30". */
function carelessCopy(name: string): string {
  const dir = join(tmp, name);
  cpSync(SAMPLE_WORKBOOK, dir, { recursive: true });
  renameSync(join(dir, 'History.csv'), join(dir, 'Histroy.csv'));
  const file = join(dir, 'Accounts.csv');
  const [head, ...rest] = readFileSync(file, 'utf8').split('\n');
  expect(head.split(',')).toContain('login_rate_30d');
  writeFileSync(
    file,
    [
      head
        .split(',')
        .map((c) => (c === 'login_rate_30d' ? 'login_rate_30' : c))
        .join(','),
      ...rest,
    ].join('\n'),
  );
  return dir;
}

const TEXTS = {
  en: {
    lamps: 'KPI Lamp cannot run: the KPI tree reads sheets or columns this workbook lacks',
    tree: 'The tree reads sheets or columns this workbook lacks',
    sheet:
      'The setting settings.history_sheet names the sheet "History", which this workbook does not have (did you mean "Histroy"?)',
    column:
      'Node "login" (accounts_column) names the column "login_rate_30d", which sheet "Accounts" does not have (did you mean "login_rate_30"?)',
    failed:
      'failed: The workbook lacks what the KPI tree reads (2 missing): nothing was judged or changed. First: The setting settings.history_sheet names the sheet "History"',
  },
  ja: {
    lamps: 'KPI Lamp を実行できません。KPI ツリーが読むシートや列がこのワークブックにないため',
    tree: 'KPI ツリーが読むシートや列がこのワークブックにないため、下の判定とレポートカードは不完全です',
    sheet:
      '設定 settings.history_sheet がシート「History」を指定していますが、このワークブックにありません(「Histroy」のことですか?)',
    column:
      'ノード "login" の accounts_column が列「login_rate_30d」を指定していますが、シート「Accounts」にありません(「login_rate_30」のことですか?)',
    failed:
      'KPI ツリーが読むシートや列がワークブックにありません(2 件)。何も判定・変更していません。最初の問題: 設定 settings.history_sheet がシート「History」',
  },
} as const;

describe.each(['en', 'ja'] as const)('a misspelt sheet and column in the sidebar (%s)', (lang) => {
  it('the Lamps panel and the tree panel name them with the closest names; Run now fails naming them', async () => {
    const text = TEXTS[lang];
    const dir = carelessCopy(`book-${lang}`);
    const pg = await startPlayground({ workbookPath: dir, port: 0, lang });
    const context = await contextFor(browser, pg.url, 'en-US');
    try {
      await onPage(context, `bindings-${lang}`, async (page) => {
        await page.goto(pg.url);
        const side = sidebar(page);
        await side.getByTestId('tab-lamps').click();
        const lampsBanner = side.getByTestId('panel-lamps').getByTestId('bindings-banner');
        await waitForText(lampsBanner, text.lamps, 30000);
        expect(await lampsBanner.getAttribute('role')).toBe('alert');
        expect(await lampsBanner.getByTestId('bindings-item').allTextContents()).toEqual([text.sheet, text.column]);

        // Run now: a failed run naming them (the last-run line), never "0 at risk".
        await side.getByTestId('lamps-run').click();
        await waitForText(side.getByTestId('lamps-last-run'), text.failed, 30000);
        expect(pg.workbook!.sheetNames()).not.toContain('KPI Lamp State');

        await side.getByTestId('tab-tree').click();
        const treeBanner = side.getByTestId('panel-tree').getByTestId('bindings-banner');
        await waitForText(treeBanner, text.tree, 30000);
        expect(await treeBanner.getByTestId('bindings-item').allTextContents()).toEqual([text.sheet, text.column]);
      });
    } finally {
      await context.close();
      await pg.close();
    }
  });
});
