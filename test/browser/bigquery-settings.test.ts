/**
 * End-to-end: the tree settings' "BigQuery (optional)" fieldset (issue 15)
 * in the playground, in headless Chromium, in English and in Japanese: a
 * wrong project id or table path is refused inline naming the wrong part and
 * kept out of the draft; a Snapshots table without an Accounts table is
 * named; valid tables are saved, read back after a reload, exported in the
 * tree JSON and written to the settings sheet. A text that looks like markup
 * is shown as text.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { SETTINGS_SHEET } from '../../src/core/tree/sheet-rows';
import { SAMPLE_WORKBOOK, startPlayground } from '../../src/playground/server';
import { contextFor, ensureChromium, launch, onPage, sidebar, waitForText } from './chromium';

jest.setTimeout(120_000);

let browser: Browser;
let dir: string;
beforeAll(async () => {
  ensureChromium();
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-bq-settings-'));
}, 15 * 60_000);
afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openSettings(page: Page, url: string): Promise<FrameLocator> {
  await page.goto(url);
  const side = sidebar(page);
  await waitForText(side.getByTestId('headers-title'), /\S/);
  await side.getByTestId('tab-tree').click();
  await waitForText(side.getByTestId('node-login'), /\S/);
  await side.getByTestId('tree-settings').locator('summary').click();
  return side;
}

const WORDS = {
  en: {
    legend: 'BigQuery (optional)',
    accounts: 'Accounts table',
    snapshots: 'Snapshots table',
    project: 'Billing project',
    badProject: 'Billing project is "My Project", which is not a Google Cloud project id',
    badDataset: 'the dataset (between the dots) may hold only letters, digits and underscores',
    badPath: 'write project.dataset.table, three names joined by dots, without backquotes',
    // The tree's own rule's words (tree.issue.table_without_accounts), as the save refuses it.
    alone:
      'Snapshots table is "my-project.cs.snapshots", but settings.accounts_table is empty: name the Accounts table too, or empty both to read the sheets',
    saved: 'Saved.',
  },
  ja: {
    legend: 'BigQuery(任意)',
    accounts: 'Accounts のテーブル',
    snapshots: 'Snapshots のテーブル',
    project: '請求先プロジェクト',
    badProject: '請求先プロジェクト が "My Project" ですが、Google Cloud のプロジェクト ID ではありません',
    badDataset: 'データセット名(ドットとドットの間)に使えるのは英字・数字・アンダースコアだけです',
    badPath: 'project.dataset.table の形で、3 つの名前をドットでつなぎ、バッククォートなしで書いてください',
    alone:
      'Snapshots のテーブル が "my-project.cs.snapshots" ですが、settings.accounts_table が空です。Accounts のテーブルも指定するか、両方を空にしてシートを読んでください',
    saved: '保存しました',
  },
} as const;

describe.each(['en', 'ja'] as const)('the BigQuery settings (%s)', (lang) => {
  const w = WORDS[lang];

  it('refuses a bad project id and table path inline, names a Snapshots table alone, saves valid tables', async () => {
    const copy = join(dir, lang);
    cpSync(SAMPLE_WORKBOOK, copy, { recursive: true });
    const pg = await startPlayground({ workbookPath: copy, port: 0, lang });
    const context = await contextFor(browser, pg.url, 'en-US');
    try {
      await onPage(context, `bq-settings-${lang}`, async (page) => {
        const side = await openSettings(page, pg.url);
        const box = side.getByTestId('settings-bigquery');
        await waitForText(box.locator('legend'), w.legend);
        const project = box.getByLabel(w.project);
        const accounts = box.getByLabel(w.accounts);
        const snapshots = box.getByLabel(w.snapshots);
        expect([await project.inputValue(), await accounts.inputValue(), await snapshots.inputValue()]).toEqual([
          '',
          '',
          '',
        ]);

        // A bad project id: named, marked invalid, the draft unchanged (nothing to save).
        await project.fill('My Project');
        await project.press('Tab');
        await waitForText(box.getByTestId('setting-error-bigquery_project'), w.badProject);
        expect(await project.getAttribute('aria-invalid')).toBe('true');
        expect(await side.getByTestId('tree-unsaved').count()).toBe(0);

        // A markup-looking path is text, refused as a path (the dataset part is wrong).
        await accounts.fill('my-project.<b>cs</b>.accounts');
        await accounts.press('Tab');
        await waitForText(box.getByTestId('setting-error-accounts_table'), w.badDataset);
        expect(await box.getByTestId('setting-error-accounts_table').locator('b').count()).toBe(0);
        await accounts.fill('`my-project.cs.accounts`');
        await accounts.press('Tab');
        await waitForText(box.getByTestId('setting-error-accounts_table'), w.badPath);

        // A valid Snapshots table with the Accounts table still empty: taken, and the missing Accounts table named.
        await accounts.fill('');
        await accounts.press('Tab');
        expect(await box.getByTestId('setting-error-accounts_table').textContent()).toBe('');
        await snapshots.fill(' my-project.cs.snapshots ');
        await snapshots.press('Tab');
        expect(await snapshots.inputValue()).toBe('my-project.cs.snapshots');
        await waitForText(box.getByTestId('setting-error-snapshots_table'), w.alone);
        // Saving it as it is is refused by the tree's own rule, in the same words.
        await side.getByTestId('tree-save').click();
        await waitForText(
          side.getByTestId('tree-message'),
          lang === 'en' ? 'settings.accounts_table is empty' : 'settings.accounts_table が空です',
        );

        await accounts.fill('my-project.cs.accounts');
        await accounts.press('Tab');
        expect(await box.getByTestId('setting-error-snapshots_table').textContent()).toBe('');
        await project.fill('billing-project');
        await project.press('Tab');
        expect(await box.getByTestId('setting-error-bigquery_project').textContent()).toBe('');
        expect(await project.getAttribute('aria-invalid')).toBeNull();
        await waitForText(side.getByTestId('tree-unsaved'), /\S/);
        await side.getByTestId('tree-save').click();
        await waitForText(side.getByTestId('tree-message'), w.saved);

        // The settings sheet holds them, one row each.
        const rows = pg.workbook!.readSheet(SETTINGS_SHEET)!.rows;
        expect(rows.filter((r) => String(r[0]).match(/table|bigquery/))).toEqual([
          ['bigquery_project', 'billing-project'],
          ['accounts_table', 'my-project.cs.accounts'],
          ['snapshots_table', 'my-project.cs.snapshots'],
        ]);

        await page.reload();
        const again = await openSettings(page, pg.url);
        const box2 = again.getByTestId('settings-bigquery');
        expect(await box2.getByLabel(w.accounts).inputValue()).toBe('my-project.cs.accounts');
        expect(await box2.getByLabel(w.snapshots).inputValue()).toBe('my-project.cs.snapshots');
        expect(await box2.getByLabel(w.project).inputValue()).toBe('billing-project');
        await again.getByTestId('tree-io').locator('summary').click();
        await again.getByTestId('tree-export').click();
        const json = JSON.parse(await again.getByTestId('tree-export-text').inputValue());
        expect(json.settings).toMatchObject({
          bigquery_project: 'billing-project',
          accounts_table: 'my-project.cs.accounts',
          snapshots_table: 'my-project.cs.snapshots',
        });

        // Emptied again: the keys are gone from the tree (the sheets are read).
        await box2.getByLabel(w.project).fill('');
        await box2.getByLabel(w.project).press('Tab');
        await box2.getByLabel(w.snapshots).fill('');
        await box2.getByLabel(w.snapshots).press('Tab');
        await box2.getByLabel(w.accounts).fill('');
        await box2.getByLabel(w.accounts).press('Tab');
        await again.getByTestId('tree-save').click();
        await waitForText(again.getByTestId('tree-message'), w.saved);
        const after = pg.workbook!.readSheet(SETTINGS_SHEET)!.rows;
        expect(after.filter((r) => String(r[0]).match(/table|bigquery/))).toEqual([]);
      });
    } finally {
      await context.close();
      await pg.close();
    }
  });
});
