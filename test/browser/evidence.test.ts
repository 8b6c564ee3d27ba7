/**
 * End-to-end, in real headless Chromium, in English and in Japanese: the
 * first view (Lamps once a tree exists, no at-risk list before any run), the
 * report cards, the lamps on watch, the verdict chips in the tree, the alert
 * budget's one-click cut-off (into the draft only) and the threshold
 * preview — on fresh copies of the sample workbook, whose starter tree is
 * written with the gate. With KPI_LAMP_SCREENSHOTS=1 the card tests also
 * write docs/lamps.png and docs/lamps.ja.png (the READMEs' first screens).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { assessEvidence, assessLamps } from '../../src/core/lamps/assess';
import { numberFromCell } from '../../src/core/table';
import type { Tree } from '../../src/core/tree/types';
import type { Playground } from '../../src/playground/server';
import { loadTree, treeData } from '../../src/server/tree-store';
import { ensureJapaneseFont, onPage, sidebar, waitForText } from './chromium';
import { LAMP_COLUMN as LAMP, sampleCopies } from './sample-copies';

jest.setTimeout(120_000);

const copies = sampleCopies('evidence');
const freshCopy = (edit?: (file: string, text: string) => string): string =>
  copies.copy(['KPI Lamp Settings.csv'], edit);
const withCopy = copies.withCopy;

const treeOf = (pg: Playground): Tree => (loadTree(pg.workbook!) as { tree: Tree }).tree;

/** The words each language shows for the same facts of the sample. */
const WORDS = {
  en: {
    locale: 'en-US',
    notRun: 'Press Run now',
    today: 'Lights 6% of accounts today (18 of 292).',
    likely: /5\.5× as likely \(between 4\.7× and 6\.5×\)/,
    proven: /^Proven: /,
    overlap: 'the interval is optimistic',
    small: /Small sample: only 4 churned accounts/,
    watch: 'On watch — not counted',
    watchNode: 'Executive meetings (90 days): on for 173 accounts',
    reverse: 'reverse causation suspected',
    count: '56 of 292 accounts at risk',
    okWatch: /^\[ok\] OK — On watch: Executive meetings \(90 days\): /,
    chips: {
      login: 'leads by 3 months',
      exec: 'moves after Monthly churn',
      community: 'only a shared trend',
      onboarding: 'not significant',
    },
    contradicted: 'Contradicted',
    lagsTested: '13 lags tested (significant when p × 13 < 0.05)',
    unsaved: 'Unsaved changes',
    applied: /The draft tree now uses .* for 30-day login rate\. Nothing is saved until you press Save\./,
    previewToday: (lit: number) => `Lights ${Math.round((lit / 292) * 100)}% of accounts today (${lit} of 292).`,
    within: 'Within the alert budget',
  },
  ja: {
    locale: 'ja-JP',
    notRun: '「今すぐ実行」でランプを点灯させます',
    today: '現在 6% のアカウントで点灯しています(292 件中 18 件)。',
    likely: /解約しやすさは 5\.5 倍です\(4\.7〜6\.5 倍\)/,
    proven: /^実証済み: /,
    overlap: '区間は楽観的です',
    small: /サンプルが少なめです: この数字の裏にある解約アカウントは 4 社だけです/,
    watch: '様子見 — 件数に数えません',
    // The sample's tree in Japanese (the playground's sample follows the language).
    watchNode: '経営層とのミーティング(90日): 173 アカウントで点灯',
    reverse: '逆因果の疑い',
    count: '要対応 56 件(全 292 アカウント中)',
    okWatch: /^\[ok\] 正常 — 様子見: 経営層とのミーティング\(90日\): /,
    chips: {
      login: '3か月先行',
      exec: '月次解約率の後に動く',
      community: '共通トレンドのみ',
      onboarding: '有意ではない',
    },
    contradicted: '反証あり',
    lagsTested: '13 通りのラグを検定(p × 13 < 0.05 で有意)',
    unsaved: '未保存',
    // (That test's tree has its own alert budget: no longer the sample's, so it stays as written, in English.)
    applied: /下書きのツリーで 30-day login rate に .* を設定しました。「保存」を押すまで保存されません。/,
    previewToday: (lit: number) =>
      `現在 ${Math.round((lit / 292) * 100)}% のアカウントで点灯しています(292 件中 ${lit} 件)。`,
    within: 'アラート上限',
  },
};

async function open(page: Page, url: string, lang: 'en' | 'ja'): Promise<void> {
  await page.goto(`${url}?lang=${lang}`);
  // The sample has a KPI tree: the sidebar opens on Lamps.
  await sidebar(page).locator('[data-testid="tab-lamps"][aria-selected="true"]').waitFor({ timeout: 20000 });
  await sidebar(page).getByTestId('lamps-cards').waitFor({ timeout: 20000 });
}

const card = (page: Page, node: string) => sidebar(page).locator(`[data-testid="card"][data-node="${node}"]`);

describe.each(['en', 'ja'] as const)('evidence in the sidebar (%s)', (lang) => {
  const w = WORDS[lang];

  it('opens on Lamps with report cards and no at-risk list before a run; the cards read in plain words', async () => {
    await withCopy(freshCopy(), w.locale, async (pg, context) => {
      await onPage(context, `evidence-cards-${lang}`, async (page) => {
        await open(page, pg.url, lang);
        const side = sidebar(page);
        await waitForText(side.getByTestId('lamps-not-run'), w.notRun);
        expect(await side.getByTestId('lamps-list').count()).toBe(0);
        expect(await side.getByTestId('lamps-account').count()).toBe(0);
        expect(await side.getByTestId('card').count()).toBe(5);
        // The login lamp: proven, in five seconds' reading.
        const login = card(page, 'login');
        await login.getByTestId('card-summary').click();
        expect(await login.getByTestId('card-evidence').first().getAttribute('data-evidence')).toBe('proven');
        await waitForText(login.getByTestId('card-today'), w.today);
        expect(await login.getByTestId('card-history').first().textContent()).toMatch(w.likely);
        expect(await login.getByTestId('card-why').textContent()).toMatch(w.proven);
        expect(await login.getByTestId('card-overlap').textContent()).toContain(w.overlap);
        expect(await login.getByTestId('card-small').count()).toBe(0);
        // NPS: not yet proven, on a small sample.
        const nps = card(page, 'nps');
        await nps.getByTestId('card-summary').click();
        expect(await nps.getByTestId('card-evidence').first().getAttribute('data-evidence')).toBe('unproven');
        expect(await nps.getByTestId('card-small').textContent()).toMatch(w.small);
        // Executive meetings: contradicted, on watch.
        const exec = card(page, 'exec');
        await exec.getByTestId('card-summary').click();
        expect(await exec.getByTestId('card-evidence').first().getAttribute('data-evidence')).toBe('contradicted');
        expect(await exec.getByTestId('card-watch').count()).toBe(1);
        if (process.env.KPI_LAMP_SCREENSHOTS === '1') {
          ensureJapaneseFont();
          // The README's first screen: after a run, the grid coloured and the login card open beside it.
          await exec.getByTestId('card-summary').click();
          await nps.getByTestId('card-summary').click();
          await side.getByTestId('lamps-run').click();
          await waitForText(side.getByTestId('lamps-count'), w.count, 20000);
          await card(page, 'login').getByTestId('card-today').waitFor();
          await card(page, 'login').scrollIntoViewIfNeeded();
          await side.getByTestId('lamps-cards').evaluate((e) => e.scrollIntoView({ block: 'start' }));
          await page.waitForTimeout(300);
          await page.screenshot({
            path: join(__dirname, '..', '..', 'docs', lang === 'en' ? 'lamps.png' : 'lamps.ja.png'),
          });
        }
      });
    });
  });

  it('lamps on watch are shown apart with the evidence against them; after a run they colour no row', async () => {
    await withCopy(freshCopy(), w.locale, async (pg, context) => {
      await onPage(context, `evidence-watch-${lang}`, async (page) => {
        await open(page, pg.url, lang);
        const side = sidebar(page);
        const watch = side.getByTestId('lamps-watch');
        await waitForText(watch, w.watch);
        const node = watch.locator('[data-testid="lamps-watch-node"][data-node="exec"]');
        await waitForText(node, w.watchNode);
        expect(await node.getByTestId('lamps-watch-why').textContent()).toContain(w.reverse);
        expect(await node.getByTestId('lamps-watch-evidence').getAttribute('data-evidence')).toBe('contradicted');
        expect(await node.getByTestId('lamps-watch-accounts').locator('li').count()).toBe(25);
        // An account whose only lit lamp is on watch: not at risk, its row not coloured, its lamp named.
        const tree = treeOf(pg);
        const data = treeData(pg.workbook!, tree);
        const a = assessLamps(tree, data.accounts!, assessEvidence(tree, data)).evaluation.accounts.find(
          (x) => x.severity === 'ok' && x.watch,
        )!;
        await side.getByTestId('lamps-run').click();
        await waitForText(side.getByTestId('lamps-count'), w.count, 20000);
        expect(await side.locator(`[data-testid="lamps-account"][data-account="${a.id}"]`).count()).toBe(0);
        const row = pg.workbook!.readSheet('Accounts')!.rows.findIndex((r) => r[0] === a.id) + 2;
        await waitForText(page.locator(`td[data-a1="${LAMP}${row}"]`), w.okWatch, 15000);
        expect(await page.locator(`td[data-a1="A${row}"]`).getAttribute('data-fill')).toBeNull();
        // Lamps on watch in at-risk accounts are marked, never offered for 対応中.
        const marked = side.locator('[data-testid="lamps-lamp"][data-gated="true"]');
        expect(await marked.count()).toBeGreaterThan(0);
        expect(await marked.first().getByTestId('lamps-ack-open').count()).toBe(0);
      });
    });
  });

  it('the tree shows each verdict as a chip, and the detail as a sentence with the lags tested beside the raw p', async () => {
    await withCopy(freshCopy(), w.locale, async (pg, context) => {
      await onPage(context, `evidence-chips-${lang}`, async (page) => {
        await open(page, pg.url, lang);
        const side = sidebar(page);
        await side.getByTestId('tab-tree').click();
        for (const [node, text] of Object.entries(w.chips))
          await waitForText(side.getByTestId(`chip-${node}`), text, 15000);
        expect(await side.getByTestId('chip-login').getAttribute('data-chip')).toBe('leads');
        expect(await side.getByTestId('chip-exec').getAttribute('data-chip')).toBe('lags');
        expect(await side.getByTestId('evidence-exec').textContent()).toContain(w.contradicted);
        // Not significant: the raw p only beside the number of lags tested.
        await side.getByTestId('node-onboarding').click();
        const box = side.getByTestId('tree-node-card');
        await waitForText(box.getByTestId('verdict-figures'), w.lagsTested);
        expect(await box.getByTestId('verdict-chip').textContent()).toBe(w.chips.onboarding);
        // The lamp's report card, on the node.
        expect(await box.getByTestId('card-today').textContent()).toBeTruthy();
      });
    });
  });

  it('a node over the alert budget offers its cut-off; one click puts it in the draft tree, and nothing is saved', async () => {
    // A budget of 5%: the login lamp (18 of 292, 6%) is over it on its own.
    const dir = freshCopy((f, text) =>
      f === 'KPI Lamp Settings.csv' ? text.replace('alert_budget,0.2', 'alert_budget,0.05') : text,
    );
    await withCopy(dir, w.locale, async (pg, context) => {
      await onPage(context, `evidence-budget-${lang}`, async (page) => {
        await open(page, pg.url, lang);
        const side = sidebar(page);
        const before = JSON.stringify(pg.workbook!.readSheet('KPI Lamp Tree'));
        const login = card(page, 'login');
        await login.getByTestId('card-summary').click();
        const use = login.getByTestId('card-use-cutoff');
        await use.waitFor();
        // The cut-off, counted straight from the sheet: the largest login rate lighting at most 14 of 292 accounts.
        const t = pg.workbook!.readSheet('Accounts')!;
        const values = t.rows
          .map((r) => r[t.header.indexOf('login_rate_30d')])
          .filter((v): v is number => typeof v === 'number');
        const ok = [...new Set(values)].filter((c) => values.filter((v) => v <= c).length / 292 <= 0.05);
        const expected = Math.max(...ok);
        await use.click();
        await side.locator('[data-testid="tab-tree"][aria-selected="true"]').waitFor();
        await waitForText(side.getByTestId('tree-unsaved'), w.unsaved);
        await waitForText(side.getByTestId('tree-message-text'), w.applied);
        expect(Number(await side.locator('form [data-field="warn"]').inputValue())).toBe(expected);
        expect(JSON.stringify(pg.workbook!.readSheet('KPI Lamp Tree'))).toBe(before);
      });
    });
  });

  it('while a threshold is typed, the editor shows how many accounts it would light today and its backtest, before saving', async () => {
    await withCopy(freshCopy(), w.locale, async (pg, context) => {
      await onPage(context, `evidence-preview-${lang}`, async (page) => {
        await open(page, pg.url, lang);
        const side = sidebar(page);
        await side.getByTestId('tab-tree').click();
        await side.getByTestId('node-login').click();
        await side.getByTestId('tree-edit').click();
        const preview = side.getByTestId('threshold-preview');
        await waitForText(preview.getByTestId('preview-today'), w.today, 15000);
        const before = JSON.stringify(pg.workbook!.readSheet('KPI Lamp Tree'));
        await side.locator('form [data-field="warn"]').fill('0.6');
        const t = pg.workbook!.readSheet('Accounts')!;
        const lit = t.rows.filter(
          (r) => (numberFromCell(r[t.header.indexOf('login_rate_30d')]) ?? Infinity) <= 0.6,
        ).length;
        await waitForText(preview.getByTestId('preview-today'), w.previewToday(lit), 15000);
        expect(await preview.getByTestId('preview-history').first().textContent()).toBeTruthy();
        expect(await preview.getByTestId('preview-badge').getAttribute('data-evidence')).toMatch(
          /proven|unproven|contradicted/,
        );
        expect(await preview.getByTestId('preview-budget').textContent()).toContain(
          lang === 'en' ? 'alert budget' : w.within,
        );
        expect(JSON.stringify(pg.workbook!.readSheet('KPI Lamp Tree'))).toBe(before);
      });
    });
  });
});

it('without a KPI tree the sidebar opens on the KPI tree tab', async () => {
  const dir = freshCopy();
  rmSync(join(dir, 'KPI Lamp Tree.csv'));
  rmSync(join(dir, 'KPI Lamp Settings.csv'));
  await withCopy(dir, 'en-US', async (pg, context) => {
    await onPage(context, 'evidence-no-tree', async (page) => {
      await page.goto(pg.url);
      await sidebar(page).locator('[data-testid="tab-tree"][aria-selected="true"]').waitFor({ timeout: 20000 });
      await sidebar(page).getByTestId('tree-start-sample').waitFor();
    });
  });
});
