/**
 * node scripts/screenshot-install.mjs: retakes the pictures of
 * docs/install-without-code.md and docs/install-without-code.ja.md
 * (docs/install/*.png), in headless Chromium (Debian's /usr/bin/chromium,
 * driven by playwright-core; test/browser/chromium.ts). Nothing is drawn by
 * hand and nothing imitates Google's screens (there is no Google account
 * here to show the real ones):
 *   paste-*.png     each file of dist-paste/ as the build wrote it: its name
 *                   and first lines in a plain code view, captioned "the file
 *                   you paste"
 *   menu*.png       the menu items the pasted Code.gs adds, read by running its
 *                   onOpen over the Apps Script double (test/helpers/apps-script-double.ts)
 *   sidebar*.png    the playground (npm start) on the sample: the real sidebar
 *                   after Run now, the rows it coloured
 *   functions*.png  the playground's Cohorts sheet: =LTV_SBG and =LTV computed
 *                   by the pasted Code.gs's functions
 * Each in English and in Japanese (*.ja.png).
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildAppsScript } from './build.mjs';
import { loadTs, root } from './load-ts.mjs';
import { htmlPages, PASTE_DIR, PASTE_MANIFEST, PASTE_SCRIPT } from './paste-bundle.mjs';

const OUT = join(root, 'docs', 'install');
const SHOWN_LINES = 24;
const SHOWN_CHARS = 96;

const TEXT = {
  en: {
    caption: (file) => `The file you paste: ${file}`,
    from: (file, bytes, lines, whole) =>
      `From ${PASTE_DIR}/${file}, as npm run build wrote it: ${bytes.toLocaleString('en-US')} bytes, ${lines.toLocaleString('en-US')} lines. ${whole ? 'All of it.' : 'Its first lines; paste all of it.'}`,
    cut: (n) => `… (${n.toLocaleString('en-US')} characters in all)`,
    not: "A plain view of the file, not Google's editor.",
    menuCaption: 'What the menu lists once the script is saved and the spreadsheet reloaded',
    menuFrom: `Read from ${PASTE_DIR}/${PASTE_SCRIPT}: its onOpen, run over KPI Lamp's Apps Script test double (English locale). A plain list, not Google's menu.`,
    menuPath: "Extensions → KPI Lamp (the project's name) →",
  },
  ja: {
    caption: (file) => `貼り付けるファイル: ${file}`,
    from: (file, bytes, lines, whole) =>
      `${PASTE_DIR}/${file}(npm run build で作成)。${bytes.toLocaleString('ja-JP')} バイト、${lines.toLocaleString('ja-JP')} 行。${whole ? 'ファイル全体です。' : '先頭の部分です。貼り付けるのはファイル全体です。'}`,
    cut: (n) => `…(全 ${n.toLocaleString('ja-JP')} 文字)`,
    not: 'ファイルの中身をそのまま表示したもので、Google のエディタの画面ではありません。',
    menuCaption: 'スクリプトを保存してスプレッドシートを再読み込みしたあとのメニュー項目',
    menuFrom: `${PASTE_DIR}/${PASTE_SCRIPT} の onOpen を KPI Lamp の Apps Script テスト用ダブルで実行して読み取ったもの(日本語ロケール)。Google のメニューの画面ではなく、項目の一覧です。`,
    menuPath: '拡張機能 → KPI Lamp(プロジェクト名)→',
  },
};

/** A plain page: a caption, a note, and a code view whose text is set as DOM text (never parsed as HTML). */
const PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>
  body { margin: 0; padding: 16px; background: #f4f4f4; font-family: "IPAPGothic", "Noto Sans CJK JP", Arial, sans-serif; color: #222; }
  .card { background: #fff; border: 1px solid #ccc; border-radius: 6px; max-width: 1080px; }
  .cap { padding: 10px 14px; border-bottom: 1px solid #ddd; font-size: 17px; font-weight: bold; }
  .cap .name { font-family: "DejaVu Sans Mono", monospace; background: #eef3ff; padding: 1px 6px; border-radius: 3px; }
  .note { padding: 6px 14px; font-size: 12.5px; color: #555; border-bottom: 1px solid #eee; }
  pre { margin: 0; padding: 10px 0; font: 12.5px/1.45 "DejaVu Sans Mono", monospace; overflow: hidden; }
  .ln { display: inline-block; width: 3.2em; padding-right: 0.8em; text-align: right; color: #999; user-select: none; }
  .cut { color: #a05a00; }
  ul { margin: 0; padding: 10px 14px 14px 34px; font-size: 15px; line-height: 1.8; }
  .path { padding: 10px 14px 0; font-size: 15px; }
</style></head><body><div class="card" id="card"></div></body></html>`;

function fill({ caption, name, notes, lines, list, path }) {
  const card = document.getElementById('card');
  const cap = card.appendChild(document.createElement('div'));
  cap.className = 'cap';
  cap.append(caption);
  if (name) {
    const n = cap.appendChild(document.createElement('span'));
    n.className = 'name';
    n.textContent = name;
  }
  for (const t of notes) {
    const d = card.appendChild(document.createElement('div'));
    d.className = 'note';
    d.textContent = t;
  }
  if (lines) {
    const pre = card.appendChild(document.createElement('pre'));
    lines.forEach(([no, text, cut]) => {
      const ln = pre.appendChild(document.createElement('span'));
      ln.className = 'ln';
      ln.textContent = String(no);
      pre.append(text);
      if (cut) {
        const c = pre.appendChild(document.createElement('span'));
        c.className = 'cut';
        c.textContent = ` ${cut}`;
      }
      pre.append('\n');
    });
  }
  if (path) {
    const p = card.appendChild(document.createElement('div'));
    p.className = 'path';
    p.textContent = path;
  }
  if (list) {
    const ul = card.appendChild(document.createElement('ul'));
    for (const item of list) ul.appendChild(document.createElement('li')).textContent = item;
  }
}

async function card(browser, file, content) {
  const page = await browser.newPage({ viewport: { width: 1112, height: 200 }, deviceScaleFactor: 1 });
  try {
    await page.setContent(PAGE);
    await page.evaluate(fill, content);
    await page.locator('#card').screenshot({ path: file });
    console.log(`saved ${file}`);
  } finally {
    await page.close();
  }
}

/** The lines of a file (without the empty one after its last line break). */
const linesOf = (text) => (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');

/** The first lines of a pasted file, each cut where it runs past the view. */
function firstLines(text, lang) {
  return linesOf(text)
    .slice(0, SHOWN_LINES)
    .map((line, i) =>
      line.length > SHOWN_CHARS
        ? [i + 1, line.slice(0, SHOWN_CHARS), TEXT[lang].cut(line.length)]
        : [i + 1, line, null],
    );
}

/** The menu onOpen builds, as the pasted Code.gs builds it for a user of this locale. */
function menuOf(locale) {
  const { createDouble, loadProject } = loadTs('test/helpers/apps-script-double.ts');
  const double = createDouble({ locale, userLocale: locale });
  const project = loadProject(double, double.defaultId, { dir: join(root, PASTE_DIR), script: PASTE_SCRIPT });
  double.execute({ kind: 'simple-trigger' }, () => project.call('onOpen', { authMode: 'LIMITED' }));
  return double.ui.menus[0].items.map(([label]) => label);
}

async function playgroundShots(browser, lang) {
  const { startPlayground } = loadTs('src/playground/server.ts');
  const pg = await startPlayground({ port: 0 });
  const suffix = lang === 'ja' ? '.ja' : '';
  const context = await browser.newContext({
    viewport: { width: 1280, height: 760 },
    locale: lang === 'ja' ? 'ja-JP' : 'en-US',
  });
  await context.route(
    (url) => !url.href.startsWith(pg.url),
    (r) => r.abort(),
  );
  try {
    // The sidebar after Run now: the Lamps panel, and the rows KPI Lamp coloured in Accounts.
    const page = await context.newPage();
    await page.goto(`${pg.url}?sheet=Accounts&lang=${lang}`);
    const side = page.frameLocator('[data-testid="sidebar-frame"]');
    await side.getByTestId('tab-lamps').click();
    await side.getByTestId('lamps-run').click();
    await page.locator('td[data-a1^="A"][data-fill]').first().waitFor({ timeout: 30000 });
    await side.getByTestId('lamps-account').first().waitFor({ timeout: 30000 });
    await page.screenshot({ path: join(OUT, `sidebar${suffix}.png`) });
    console.log(`saved ${join(OUT, `sidebar${suffix}.png`)}`);
    await page.close();

    // The functions: Cohorts' =LTV_SBG tables and =LTV row, computed by the built functions.
    const cohorts = await context.newPage();
    await cohorts.goto(`${pg.url}?sheet=Cohorts&lang=${lang}`);
    // The sidebar opens on Lamps once a tree exists: the workbook tab lists the sheet's headers and the selection.
    await cohorts.frameLocator('[data-testid="sidebar-frame"]').getByTestId('tab-workbook').click();
    await cohorts.frameLocator('[data-testid="sidebar-frame"]').getByTestId('headers').locator('li').first().waitFor();
    await cohorts.locator('td[data-a1="B38"]').scrollIntoViewIfNeeded();
    await cohorts.locator('td[data-a1="B45"]').click();
    await cohorts
      .frameLocator('[data-testid="sidebar-frame"]')
      .getByTestId('selection')
      .filter({ hasText: 'B45' })
      .waitFor();
    await cohorts.screenshot({ path: join(OUT, `functions${suffix}.png`) });
    console.log(`saved ${join(OUT, `functions${suffix}.png`)}`);
  } finally {
    await context.close();
    await pg.close();
  }
}

await buildAppsScript({ quiet: true });
mkdirSync(OUT, { recursive: true });
const { launch } = loadTs('test/browser/chromium.ts');
const browser = await launch();
try {
  const dir = join(root, PASTE_DIR);
  const files = [
    ['appsscript-json', PASTE_MANIFEST],
    ['code-gs', PASTE_SCRIPT],
    ...htmlPages(dir).map((p) => [p.replace('.', '-').toLowerCase(), p]),
  ];
  for (const lang of ['en', 'ja']) {
    const suffix = lang === 'ja' ? '.ja' : '';
    for (const [slug, file] of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      await card(browser, join(OUT, `paste-${slug}${suffix}.png`), {
        caption: `${TEXT[lang].caption('')}`,
        name: file,
        notes: [
          TEXT[lang].from(
            file,
            statSync(join(dir, file)).size,
            linesOf(text).length,
            linesOf(text).length <= SHOWN_LINES && linesOf(text).every((l) => l.length <= SHOWN_CHARS),
          ),
          TEXT[lang].not,
        ],
        lines: firstLines(text, lang),
      });
    }
    await card(browser, join(OUT, `menu${suffix}.png`), {
      caption: TEXT[lang].menuCaption,
      notes: [TEXT[lang].menuFrom],
      path: TEXT[lang].menuPath,
      list: menuOf(lang === 'ja' ? 'ja' : 'en'),
    });
    await playgroundShots(browser, lang);
  }
} finally {
  await browser.close();
}
