/**
 * The "paste into Extensions → Apps Script" bundle, dist-paste/: the files a
 * person copies by hand into the script editor of their own spreadsheet,
 * with no terminal, no clasp and no Google Cloud project. It is the bound
 * script of dist/ (what `clasp push` would upload), each file under the name
 * the editor gives it:
 *   Code.gs          dist/Code.js, byte for byte: the editor keeps server code
 *                    in .gs files ("code files (having a .gs extension)",
 *                    https://developers.google.com/apps-script/guides/projects)
 *   Sidebar.html …   every page of dist/: HtmlService.createHtmlOutputFromFile('Sidebar')
 *                    serves the project file Sidebar.html (the name without its
 *                    extension: https://developers.google.com/apps-script/guides/html)
 *   appsscript.json  dist/appsscript.json, the bound script's manifest (least
 *                    scopes: spreadsheets.currentonly), pasted after ticking
 *                    "Show "appsscript.json" manifest file in editor" in Project
 *                    Settings (https://developers.google.com/apps-script/concepts/manifests)
 *   README.txt       the steps, in English and Japanese
 * test/paste-bundle.test.ts checks it against the source and the built dist/.
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PASTE_DIR = 'dist-paste';
/** What the editor calls the server script (dist/Code.js). */
export const PASTE_SCRIPT = 'Code.gs';
export const PASTE_MANIFEST = 'appsscript.json';
export const PASTE_README = 'README.txt';

/** The HTML pages of a built project folder, sorted (Sidebar.html before Correlogram.html: the sidebar first). */
export function htmlPages(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort((a, b) => (a === 'Sidebar.html' ? -1 : b === 'Sidebar.html' ? 1 : a < b ? -1 : a > b ? 1 : 0));
}

/** What each page is, for the README's list (a page without a line here still gets its steps). */
const PAGE_ROLE = {
  'Sidebar.html': ['the sidebar (Lamps panel, KPI tree)', 'サイドバー(ランプ、KPI ツリー)'],
  'Correlogram.html': ['the correlogram dialog of the KPI tree', 'KPI ツリーのコレログラム(ダイアログ)'],
};

/** Numbered steps, each continued on lines indented under its text. */
function numbered(steps) {
  const width = String(steps.length).length;
  return steps.flatMap((text, i) =>
    text
      .split('\n')
      .map((line, j) =>
        j === 0 ? `${String(i + 1).padStart(width + 1)}. ${line}` : `${' '.repeat(width + 3)}${line}`,
      ),
  );
}

/** README.txt of the bundle: the file list and the steps, English then Japanese. */
export function pasteReadme(pages) {
  const names = pages.map((p) => p.slice(0, -'.html'.length));
  const pad = (s) => s.padEnd(18);
  const list = (lang) => [
    `  ${pad(PASTE_MANIFEST)}${lang === 'en' ? 'the manifest: settings and the permissions KPI Lamp asks for' : 'マニフェスト(設定と、KPI Lamp が求める権限)'}`,
    `  ${pad(PASTE_SCRIPT)}${lang === 'en' ? "the program: the functions, the menu, the sidebar's server side" : 'プログラム本体(関数、メニュー、サイドバーのサーバー側)'}`,
    ...pages.map((p) => `  ${pad(p)}${(PAGE_ROLE[p] ?? [p, p])[lang === 'en' ? 0 : 1]}`),
  ];
  const en = [
    'KPI Lamp: install by copy and paste (Extensions > Apps Script)',
    '==============================================================',
    '',
    `These ${pages.length + 2} files are all KPI Lamp needs inside one spreadsheet. Paste each one`,
    'into the Apps Script editor of that spreadsheet. No terminal, no Google Cloud project.',
    '',
    ...list('en'),
    '',
    'Steps (a guide with pictures: docs/install-without-code.md in the repository):',
    '',
    ...numbered([
      'Open the spreadsheet: your own, or the sample (in a new Google spreadsheet,\nFile > Import > Upload > sample/kpi-lamp-sample.xlsx > "Replace spreadsheet").',
      'Extensions > Apps Script. The script editor opens with one file, Code.gs.',
      'Click "Untitled project" at the top and name the project KPI Lamp.\nThe spreadsheet\'s menu will carry this name: Extensions > KPI Lamp.',
      'Project Settings (the gear on the left): tick\nShow "appsscript.json" manifest file in editor. Go back to the Editor (< >).',
      `${PASTE_MANIFEST}: click it, select all (Ctrl+A, on a Mac Cmd+A), and paste the\nwhole content of ${PASTE_MANIFEST} from this folder over it.`,
      `${PASTE_SCRIPT}: click it, select all, and paste the whole content of ${PASTE_SCRIPT}.`,
      ...names.map(
        (n) =>
          `Click + next to "Files", choose HTML, type ${n} (without .html: the editor\nadds it) and press Enter. Select all in the new file and paste ${n}.html.`,
      ),
      'Save: Ctrl+S (Cmd+S), or the disk icon.',
      'Back in the spreadsheet, reload the page. Type =NPS( in a cell: the\nfunctions are there. Choose Extensions > KPI Lamp > Open sidebar.',
      'The first time, Google asks you to authorise the script. Because this copy\nof KPI Lamp is your own script and Google has not reviewed it, a screen may say\n"Google hasn\'t verified this app". Choose Advanced, then "Go to KPI Lamp (unsafe)",\nread the list of permissions, and Allow. The script runs in your Google account,\nreads and writes only this spreadsheet, and sends an email only if you turn on\nthe digest in the Lamps panel.',
    ]),
    '',
    'To update KPI Lamp later, paste the files of a newer dist-paste/ over the same files.',
  ];
  const ja = [
    'KPI Lamp:コピー&ペーストで入れる(拡張機能 > Apps Script)',
    '==========================================================',
    '',
    `次の ${pages.length + 2} つのファイルが、1つのスプレッドシートで KPI Lamp を使うのに必要なすべてです。`,
    'それぞれをそのスプレッドシートの Apps Script エディタに貼り付けます。ターミナルも Google Cloud プロジェクトも不要です。',
    '',
    ...list('ja'),
    '',
    '手順(画像付きの説明はリポジトリの docs/install-without-code.ja.md):',
    '',
    ...numbered([
      'スプレッドシートを開きます。ご自分のもの、またはサンプル(新しい Google スプレッドシートで\nファイル > インポート > アップロード > sample/kpi-lamp-sample.xlsx >「スプレッドシートを置換する」)。',
      '拡張機能 > Apps Script。スクリプト エディタが Code.gs という1つのファイルとともに開きます。',
      '上部の「無題のプロジェクト」をクリックし、プロジェクト名を KPI Lamp にします。\nスプレッドシートのメニューはこの名前になります(拡張機能 > KPI Lamp)。',
      '左の歯車「プロジェクトの設定」で「「appsscript.json」マニフェスト ファイルをエディタで表示する」\nにチェックを入れ、エディタ(< >)に戻ります。',
      `${PASTE_MANIFEST} をクリックし、すべて選択(Ctrl+A、Mac は Cmd+A)して、\nこのフォルダの ${PASTE_MANIFEST} の内容をすべて貼り付けます。`,
      `${PASTE_SCRIPT} をクリックし、すべて選択して、${PASTE_SCRIPT} の内容をすべて貼り付けます。`,
      ...names.map(
        (n) =>
          `「ファイル」の横の + から HTML を選び、${n} と入力して Enter(.html は付けません。\nエディタが付けます)。新しいファイルの中をすべて選択し、${n}.html の内容を貼り付けます。`,
      ),
      '保存します(Ctrl+S、Mac は Cmd+S、またはディスクのアイコン)。',
      'スプレッドシートに戻ってページを再読み込みします。セルに =NPS( と入力すると関数が\n使えることが分かります。拡張機能 > KPI Lamp > サイドバーを開く を選びます。',
      '初回は Google がスクリプトの承認を求めます。この KPI Lamp はあなた自身のスクリプトで、\nGoogle の審査を受けていないため、「このアプリは Google で確認されていません」と表示される\nことがあります。「詳細」→「KPI Lamp(安全ではないページ)に移動」を選び、権限の一覧を\n読んでから「許可」を押します。スクリプトはあなたの Google アカウントで動き、読み書きする\nのはこのスプレッドシートだけです。メールを送るのは、ランプのパネルでダイジェストを\nオンにしたときだけです。',
    ]),
    '',
    '後で KPI Lamp を更新するときは、新しい dist-paste/ のファイルを同じファイルに貼り付け直します。',
  ];
  return `${[...en, '', '', ...ja].join('\n')}\n`;
}

/** Writes `${root}/dist-paste/` from the built `${root}/dist/`; returns the file names written. */
export function writePasteBundle(root) {
  const dist = join(root, 'dist');
  const out = join(root, PASTE_DIR);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const pages = htmlPages(dist);
  copyFileSync(join(dist, 'Code.js'), join(out, PASTE_SCRIPT));
  for (const p of pages) copyFileSync(join(dist, p), join(out, p));
  copyFileSync(join(dist, 'appsscript.json'), join(out, PASTE_MANIFEST));
  writeFileSync(join(out, PASTE_README), pasteReadme(pages));
  return [PASTE_MANIFEST, PASTE_SCRIPT, ...pages, PASTE_README];
}
