/**
 * Everything people read, in Japanese and English: one catalogue per
 * language with the same keys (a test checks). Words follow
 * shared/spec/glossary.md (`term.*`). Pure: no Node or Apps Script globals,
 * so the sidebar, Apps Script and the command line all import it.
 *
 * Placeholders are `{name}`; a placeholder without a parameter is left as it is.
 */

import { lampsServerEn, lampsServerJa } from './lamps-server-messages';
import { logEn, logJa } from './log-messages';
import { reportEn, reportJa } from './report-messages';
import { treeServerEn, treeServerJa } from './tree-server-messages';

export type Lang = 'ja' | 'en';

export const LANGS: readonly Lang[] = ['ja', 'en'];

const en = {
  ...reportEn,
  ...logEn,
  ...treeServerEn,
  ...lampsServerEn,
  'sidebar.tab.workbook': 'Workbook',
  'sidebar.tabs': 'KPI Lamp sections',
  // ---- glossary terms ----
  'term.kgi': 'KGI (key goal indicator)',
  'term.csf': 'Critical success factor',
  'term.csf_first': 'CSF (KSF)',
  'term.kpi': 'KPI',
  'term.composite': 'Composite KPI',
  'term.leading': 'Leading',
  'term.lagging': 'Lagging',
  'term.coincident': 'Coincident',
  'term.target': 'Target',
  'term.warn': 'Warning threshold',
  'term.alert': 'Alert threshold',
  'term.floor': 'Floor',
  'term.action': 'Action',
  'term.owner': 'Owner',
  'term.review_date': 'Review date',
  'term.lamp': 'Lamp',
  'term.lit': 'On',
  'term.off': 'Off',
  'term.acknowledged': 'In progress',
  'term.snooze': 'Snooze until',
  'term.unknown': 'No data',
  'term.ok': 'OK',
  'term.at_risk': 'At risk',
  'term.best_lag': 'Best lag (months)',
  'term.reverse_causation': 'Reverse causation suspected',
  'term.shared_trend': 'Shared trend only',
  'term.not_significant': 'Not significant',
  'term.wrong_direction': 'Opposite direction',
  'term.lagging_as_action': 'Lagging KPI used as a daily target',
  'term.no_action': 'No action defined',
  'term.no_floor': 'No floor',
  'term.smart': 'SMART',
  'term.smart.specific': 'Specific',
  'term.smart.measurable': 'Measurable',
  'term.smart.achievable': 'Achievable',
  'term.smart.related': 'Related',
  'term.smart.time_bound': 'Time-bound',
  'term.backtest': 'Backtest',
  'term.precision': 'Precision',
  'term.recall': 'Recall',
  'term.lift': 'Lift',
  'term.churn': 'Churn',
  'term.arr_at_risk': 'ARR at risk',
  'term.evidence': 'Evidence',
  'term.proven': 'Proven',
  'term.unproven': 'Not yet proven',
  'term.contradicted': 'Contradicted',
  'term.gated': 'On watch',
  'term.alert_budget': 'Alert budget',
  'term.lit_share': 'Share lit',
  'term.budget_cutoff': 'Cut-off within budget',

  // ---- workbook loading (WorkbookError) ----
  'workbook.not_found': '{path}: no such file or folder',
  'workbook.unsupported': '{path}: not a workbook; give a folder of CSV files or an .xlsx file',
  'workbook.unsupported.single_csv':
    '{path}: this is a single CSV file; give the folder that holds the CSV files (one <sheet name>.csv per sheet)',
  'workbook.unsupported.xls': '{path}: the old .xls format is not read; save the file as .xlsx',
  'workbook.unreadable': '{file}: cannot be read ({detail})',
  'workbook.unreadable.utf16': '{file}: UTF-16 text is not read; save the CSV as UTF-8 or Shift_JIS',
  'workbook.unreadable.encoding': '{file}: the text is neither UTF-8 nor Shift_JIS (CP932)',
  'workbook.unparsable': '{file}, line {line}: not valid CSV ({detail})',
  'workbook.unparsable.unclosed_quote': '{file}, line {line}: a quoted field starts here and is never closed',
  'workbook.unparsable.closing_quote':
    '{file}, line {line}: a quoted field closes with a quote followed by {after}; inside quotes write a quote as two quotes ("")',
  'workbook.unparsable.stray_quote':
    '{file}, line {line}: the quoted field that opens on line {opened} closes here, followed by {after}, so lines {opened}–{line} would become one cell; look for a stray quote (") on line {opened}, or write a quote inside quotes as two quotes ("")',
  'workbook.empty_header': '{file}: the header row (row 1) of sheet "{sheet}" is empty',
  'workbook.no_sheets': '{path}: no sheet found',
  'workbook.no_sheets.no_csv': '{path}: no .csv file in this folder',
  'workbook.no_sheets.no_worksheet': '{path}: no worksheet in this file',

  // ---- command line ----
  'cli.usage.title': 'kpi-lamp: the KPI Lamp command line',
  'cli.usage.heading': 'Usage:',
  'cli.usage.line': 'kpi-lamp <command> <workbook> [options]',
  'cli.usage.commands': 'Commands:',
  'cli.usage.options': 'Options:',
  'cli.usage.workbook':
    'A workbook is a folder of CSV files (one <sheet name>.csv per sheet; UTF-8 or Shift_JIS) or an .xlsx file.',
  'cli.usage.more': 'Run "kpi-lamp <command> --help" for the options of a command.',
  'cli.opt.lang': 'language of the report (default: the system locale)',
  'cli.opt.json': 'print one JSON object instead of a readable report',
  'cli.opt.help': 'show this help',
  'cli.cmd.info.summary': 'list the sheets of a workbook with their headers and row counts',
  'cli.cmd.info.usage': 'kpi-lamp info <workbook> [--lang ja|en] [--json]',

  'cli.error.line': 'kpi-lamp: {message}',
  'cli.error.no_command': 'no command given (see kpi-lamp --help)',
  'cli.error.unknown_command': 'unknown command "{name}" (see kpi-lamp --help)',
  'cli.error.unknown_option': 'unknown option "{name}" for {command} (see kpi-lamp {command} --help)',
  'cli.error.missing_value': 'option {name} needs a value',
  'cli.error.unexpected_value': 'option {name} takes no value',
  'cli.error.bad_lang': '--lang must be ja or en, not "{value}"',
  'cli.error.missing_workbook': 'give the workbook: a folder of CSV files or an .xlsx file',
  'cli.error.extra_argument': 'unexpected argument "{value}"',
  'cli.error.internal': 'internal error: {message}',
  'cli.error.write': '{file}: cannot be written ({detail}); nothing was changed',

  'cli.info.summary': 'Workbook: {path} ({kind}, {count} sheets)',
  'cli.info.kind.csv-folder': 'CSV folder',
  'cli.info.kind.xlsx': '.xlsx file',
  'cli.info.col.sheet': 'Sheet',
  'cli.info.col.rows': 'Rows',
  'cli.info.col.columns': 'Columns',
  'cli.info.headers': 'Headers:',
  'cli.info.blank_column': '(blank)',

  // ---- menu, sidebar and sidebar API (src/gas/sidebar-entry.ts, src/sidebar, src/server/api.ts) ----
  'menu.open_sidebar': 'Open sidebar',
  'sidebar.language': 'Language',
  'sidebar.loading': 'Loading…',
  'sidebar.intro': 'KPI Lamp binds columns by their header text (row 1). Pick a sheet to see its columns.',
  'sidebar.sheets': 'Sheets',
  'sidebar.sheets.count': '{count} sheets',
  'sidebar.sheets.none': 'This spreadsheet has no sheet.',
  'sidebar.sheet.go': 'Go to sheet "{sheet}"',
  'sidebar.selection': 'Selection: {range}',
  'sidebar.selection.none': 'No selection',
  'sidebar.headers': 'Headers of "{sheet}"',
  'sidebar.headers.count': '{count} columns',
  'sidebar.headers.empty': 'The header row (row 1) of this sheet is empty. Put the column names in row 1.',
  'sidebar.blank_column': '(blank)',
  'sidebar.refresh': 'Refresh',
  'sidebar.error': 'The spreadsheet did not answer: {message}',
  'api.error.no_sheet': 'There is no sheet named "{sheet}"',
  'api.error.bad_lang': 'The language must be "ja" or "en", not {value}',
  'api.error.bad_sheet_name': 'A sheet name must be text',

  // ---- the playground (npm start; src/playground) ----
  'playground.title': 'KPI Lamp playground',
  'playground.offline': 'Offline: no network, no Google account',
  'playground.workbook': 'Workbook: {path}',
  'playground.language': 'Language',
  'playground.loading': 'Loading the workbook…',
  'playground.sidebar': 'Sidebar',
  'playground.sheet_tabs': 'Sheets',
  'playground.sheet_empty': 'This sheet is empty.',
  'playground.error.title': 'The workbook cannot be opened',
  'playground.error.hint': 'Start the playground on a folder of CSV files or an .xlsx file: npm start -- path/to/workbook',
  'playground.error.sheet_title': 'This sheet cannot be shown',
  'playground.error.internal': 'The playground failed: {message}',
  'playground.error.bad_request': 'The playground cannot read this request: {detail}',
  'playground.error.no_build': 'The built add-on is missing ({file}). Run npm run build, or start with npm start.',
  'playground.error.network': 'The playground server does not answer ({message}). Is npm start still running?',
  'playground.cell.formula': 'Formula: {formula}',
  'playground.cell.computed': 'Computed by dist/Code.js as Sheets would call it: {formula}',
  'playground.cell.spilled': 'Part of the result of {cell}: {formula}',
  'playground.cell.unsupported':
    'Not computed in the playground; Sheets computes it. The playground computes only KPI Lamp\'s functions ({functions}) and simple arithmetic, with numbers, "text", TRUE/FALSE and cell ranges as arguments. Formula: {formula}',
  'playground.cell.spill_blocked': 'Array result was not expanded because it would overwrite data in {cell}.',
  'playground.cell.circular': 'Circular dependency detected: {cell} depends on itself.',
  'playground.cell.no_sheet': 'Unresolved sheet name "{sheet}".',
  'playground.cell.bad_ref': 'Not a cell reference: {ref}',
  'playground.cell.value': 'Arithmetic needs numbers, but "{value}" is text.',
  'playground.cell.div0': 'Function DIVIDE parameter 2 cannot be zero.',
  'playground.cell.range_in_arithmetic': 'A range ({ref}) cannot be used in arithmetic here; Sheets needs ARRAYFORMULA for that.',
  'playground.cell.range_too_large': 'The range {ref} has {cells} cells; the playground computes ranges of up to {max} cells (Sheets holds at most 10,000,000 cells in a whole spreadsheet).',
  'playground.cli.listening': 'KPI Lamp playground: {url}  (workbook: {path})',
  'playground.cli.stop': 'Press Ctrl+C to stop.',
  'playground.cli.workbook_error': 'The workbook cannot be opened: {message} (the page shows this too)',
  'playground.cli.smoke_ok': 'KPI Lamp playground: {url} answered (workbook: {path}): the page, the sidebar and every sheet. Stopped.',
  'playground.cli.smoke_failed': 'KPI Lamp playground: {url} (workbook: {path}) did not answer as it should:\n  {problems}',
};

export type MessageKey = keyof typeof en;

const ja: Record<MessageKey, string> = {
  ...reportJa,
  ...logJa,
  ...treeServerJa,
  ...lampsServerJa,
  'sidebar.tab.workbook': 'ワークブック',
  'sidebar.tabs': 'KPI Lamp のセクション',
  'term.kgi': 'KGI(重要目標達成指標)',
  'term.csf': 'CSF(重要成功要因)',
  'term.csf_first': 'CSF(KSF)',
  'term.kpi': 'KPI(重要業績評価指標)',
  'term.composite': '複合KPI',
  'term.leading': '先行指標',
  'term.lagging': '遅行指標',
  'term.coincident': '一致指標',
  'term.target': '目標値',
  'term.warn': '注意ライン',
  'term.alert': '警告ライン',
  'term.floor': '足切りライン',
  'term.action': 'アクション',
  'term.owner': '担当者',
  'term.review_date': '見直し日',
  'term.lamp': 'ランプ',
  'term.lit': '点灯',
  'term.off': '消灯',
  'term.acknowledged': '対応中',
  'term.snooze': '一時停止(〜まで)',
  'term.unknown': 'データなし',
  'term.ok': '正常',
  'term.at_risk': '要対応',
  'term.best_lag': '最適ラグ(か月)',
  'term.reverse_causation': '逆因果の疑い',
  'term.shared_trend': '共通トレンドのみ',
  'term.not_significant': '有意ではない',
  'term.wrong_direction': '想定と逆方向',
  'term.lagging_as_action': '遅行指標を日々の目標にしている',
  'term.no_action': 'アクション未設定',
  'term.no_floor': '足切りライン未設定',
  'term.smart': 'SMART',
  'term.smart.specific': '具体的',
  'term.smart.measurable': '測定可能',
  'term.smart.achievable': '達成可能',
  'term.smart.related': '関連性',
  'term.smart.time_bound': '期限',
  'term.backtest': 'バックテスト',
  'term.precision': '適合率',
  'term.recall': '再現率',
  'term.lift': 'リフト',
  'term.churn': '解約',
  'term.arr_at_risk': 'リスクARR',
  'term.evidence': '根拠',
  'term.proven': '実証済み',
  'term.unproven': '未検証',
  'term.contradicted': '反証あり',
  'term.gated': '様子見',
  'term.alert_budget': 'アラート上限',
  'term.lit_share': '点灯率',
  'term.budget_cutoff': '上限内のしきい値',

  'workbook.not_found': '{path}: ファイルまたはフォルダーが見つかりません',
  'workbook.unsupported':
    '{path}: ワークブックではありません。CSV ファイルのフォルダーか .xlsx ファイルを指定してください',
  'workbook.unsupported.single_csv':
    '{path}: CSV ファイル単体です。CSV ファイルを入れたフォルダー(シートごとに <シート名>.csv)を指定してください',
  'workbook.unsupported.xls': '{path}: 旧形式の .xls は読めません。.xlsx で保存し直してください',
  'workbook.unreadable': '{file}: 読み込めません({detail})',
  'workbook.unreadable.utf16': '{file}: UTF-16 のテキストは読めません。CSV を UTF-8 か Shift_JIS で保存してください',
  'workbook.unreadable.encoding': '{file}: 文字コードが UTF-8 でも Shift_JIS(CP932)でもありません',
  'workbook.unparsable': '{file} の {line} 行目: CSV として読めません({detail})',
  'workbook.unparsable.unclosed_quote': '{file} の {line} 行目: ここで始まる引用符(")が閉じていません',
  'workbook.unparsable.closing_quote':
    '{file} の {line} 行目: 引用符で囲んだフィールドを閉じる引用符の後に {after} が続いています。引用符の中の " は "" と書いてください',
  'workbook.unparsable.stray_quote':
    '{file} の {line} 行目: {opened} 行目で始まる引用符付きフィールドがここで閉じ、後に {after} が続いています。このままでは {opened}〜{line} 行目が 1 つのセルになります。{opened} 行目に余分な引用符(")がないか確認し、引用符の中の " は "" と書いてください',
  'workbook.empty_header': '{file}: シート「{sheet}」のヘッダー行(1 行目)が空です',
  'workbook.no_sheets': '{path}: シートがありません',
  'workbook.no_sheets.no_csv': '{path}: このフォルダーに .csv ファイルがありません',
  'workbook.no_sheets.no_worksheet': '{path}: このファイルにワークシートがありません',

  'cli.usage.title': 'kpi-lamp: KPI Lamp のコマンドライン',
  'cli.usage.heading': '使い方:',
  'cli.usage.line': 'kpi-lamp <コマンド> <ワークブック> [オプション]',
  'cli.usage.commands': 'コマンド:',
  'cli.usage.options': 'オプション:',
  'cli.usage.workbook':
    'ワークブックは CSV ファイルのフォルダー(シートごとに <シート名>.csv、UTF-8 または Shift_JIS)か .xlsx ファイルです。',
  'cli.usage.more': '各コマンドのオプションは "kpi-lamp <コマンド> --help" で表示します。',
  'cli.opt.lang': 'レポートの言語(既定: システムのロケール)',
  'cli.opt.json': '読みやすいレポートの代わりに JSON オブジェクトを 1 つ出力',
  'cli.opt.help': 'このヘルプを表示',
  'cli.cmd.info.summary': 'ワークブックのシート一覧(ヘッダーと行数)を表示',
  'cli.cmd.info.usage': 'kpi-lamp info <ワークブック> [--lang ja|en] [--json]',

  'cli.error.line': 'kpi-lamp: {message}',
  'cli.error.no_command': 'コマンドがありません(kpi-lamp --help を参照)',
  'cli.error.unknown_command': '不明なコマンド "{name}" です(kpi-lamp --help を参照)',
  'cli.error.unknown_option': '{command} に不明なオプション "{name}" があります(kpi-lamp {command} --help を参照)',
  'cli.error.missing_value': 'オプション {name} には値が必要です',
  'cli.error.unexpected_value': 'オプション {name} は値をとりません',
  'cli.error.bad_lang': '--lang は ja か en です("{value}" は使えません)',
  'cli.error.missing_workbook': 'ワークブック(CSV ファイルのフォルダーか .xlsx ファイル)を指定してください',
  'cli.error.extra_argument': '余分な引数 "{value}" があります',
  'cli.error.internal': '内部エラー: {message}',
  'cli.error.write': '{file}: 書き込めません({detail})。何も変更していません',

  'cli.info.summary': 'ワークブック: {path}({kind}、{count} シート)',
  'cli.info.kind.csv-folder': 'CSV フォルダー',
  'cli.info.kind.xlsx': '.xlsx ファイル',
  'cli.info.col.sheet': 'シート',
  'cli.info.col.rows': '行数',
  'cli.info.col.columns': '列数',
  'cli.info.headers': 'ヘッダー:',
  'cli.info.blank_column': '(空欄)',

  'menu.open_sidebar': 'サイドバーを開く',
  'sidebar.language': '言語',
  'sidebar.loading': '読み込み中…',
  'sidebar.intro': 'KPI Lamp は列をヘッダー(1 行目)の文字で結び付けます。シートを選ぶと列が表示されます。',
  'sidebar.sheets': 'シート',
  'sidebar.sheets.count': '{count} シート',
  'sidebar.sheets.none': 'このスプレッドシートにはシートがありません。',
  'sidebar.sheet.go': 'シート「{sheet}」に移動',
  'sidebar.selection': '選択範囲: {range}',
  'sidebar.selection.none': '選択なし',
  'sidebar.headers': '「{sheet}」のヘッダー',
  'sidebar.headers.count': '{count} 列',
  'sidebar.headers.empty': 'このシートのヘッダー行(1 行目)が空です。1 行目に列名を入れてください。',
  'sidebar.blank_column': '(空欄)',
  'sidebar.refresh': '更新',
  'sidebar.error': 'スプレッドシートから応答がありません: {message}',
  'api.error.no_sheet': '「{sheet}」という名前のシートはありません',
  'api.error.bad_lang': '言語は "ja" か "en" です({value} は使えません)',
  'api.error.bad_sheet_name': 'シート名は文字列で指定してください',

  'playground.title': 'KPI Lamp プレイグラウンド',
  'playground.offline': 'オフライン: ネットワークも Google アカウントも不要',
  'playground.workbook': 'ワークブック: {path}',
  'playground.language': '言語',
  'playground.loading': 'ワークブックを読み込み中…',
  'playground.sidebar': 'サイドバー',
  'playground.sheet_tabs': 'シート',
  'playground.sheet_empty': 'このシートは空です。',
  'playground.error.title': 'ワークブックを開けません',
  'playground.error.hint': 'CSV ファイルのフォルダーか .xlsx ファイルを指定して起動してください: npm start -- path/to/workbook',
  'playground.error.sheet_title': 'このシートは表示できません',
  'playground.error.internal': 'プレイグラウンドでエラーが起きました: {message}',
  'playground.error.bad_request': 'プレイグラウンドがこのリクエストを読めません: {detail}',
  'playground.error.no_build': 'ビルドしたアドオン({file})がありません。npm run build を実行するか、npm start で起動してください。',
  'playground.error.network': 'プレイグラウンドのサーバーが応答しません({message})。npm start は動いていますか?',
  'playground.cell.formula': '数式: {formula}',
  'playground.cell.computed': 'dist/Code.js を Sheets と同じ呼び方で計算した値です: {formula}',
  'playground.cell.spilled': '{cell} の結果の一部です: {formula}',
  'playground.cell.unsupported':
    'プレイグラウンドでは計算しません(Sheets では計算されます)。計算するのは KPI Lamp の関数({functions})と簡単な四則演算だけで、引数は数値・"文字列"・TRUE/FALSE・セル範囲です。数式: {formula}',
  'playground.cell.spill_blocked': '{cell} のデータを上書きするため、配列の結果を展開できませんでした。',
  'playground.cell.circular': '循環参照です: {cell} が自分自身を参照しています。',
  'playground.cell.no_sheet': 'シート名「{sheet}」が見つかりません。',
  'playground.cell.bad_ref': 'セル参照ではありません: {ref}',
  'playground.cell.value': '計算には数値が必要ですが、"{value}" は文字列です。',
  'playground.cell.div0': '関数 DIVIDE のパラメータ 2 に 0 は指定できません。',
  'playground.cell.range_in_arithmetic': 'ここでは範囲({ref})を計算に使えません。Sheets では ARRAYFORMULA が必要です。',
  'playground.cell.range_too_large': '範囲 {ref} は {cells} セルあります。プレイグラウンドが計算する範囲は {max} セルまでです(Sheets でもスプレッドシート全体で 10,000,000 セルまでです)。',
  'playground.cli.listening': 'KPI Lamp プレイグラウンド: {url}  (ワークブック: {path})',
  'playground.cli.stop': 'Ctrl+C で終了します。',
  'playground.cli.workbook_error': 'ワークブックを開けません: {message}(ページにも表示します)',
  'playground.cli.smoke_ok': 'KPI Lamp プレイグラウンド: {url} が応答しました(ワークブック: {path})。ページ、サイドバー、すべてのシートを確認し、終了しました。',
  'playground.cli.smoke_failed': 'KPI Lamp プレイグラウンド: {url}(ワークブック: {path})が正しく応答しませんでした:\n  {problems}',
};

export const catalogues: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = { en, ja };

/** "ja", "ja_JP.UTF-8", "ja-JP" → ja; anything else (or nothing) → en. */
export function pickLang(locale?: string | null): Lang {
  return typeof locale === 'string' && /^ja(?:$|[-_.@])/i.test(locale.trim()) ? 'ja' : 'en';
}

export function isLang(value: unknown): value is Lang {
  return value === 'ja' || value === 'en';
}

export type MessageParams = Record<string, string | number | boolean | null | undefined>;

/** The message for a key in a language, with `{name}` replaced by params.name. */
export function t(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const text = (catalogues[lang] ?? catalogues.en)[key] ?? catalogues.en[key] ?? key;
  return fill(text, params);
}

/** `{name}` placeholders replaced by params.name (a placeholder without a parameter is left as it is). */
export function fill(text: string, params?: MessageParams): string {
  if (!params) return text;
  return text.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined || v === null ? whole : String(v);
  });
}

/**
 * A text from a catalogue kept out of the shared one (words only the
 * sidebar shows, so that dist/Code.js stays small), else from the shared one.
 */
export function textFrom<K extends string>(own: Record<Lang, Record<K, string>>, lang: Lang, key: K | MessageKey, params?: MessageParams): string {
  const mine = own[lang] as Record<string, string>;
  if (!Object.prototype.hasOwnProperty.call(mine, key)) return t(lang, key as MessageKey, params);
  return fill(mine[key], params);
}

/** Whether a text is a key of the catalogues (for keys built at run time). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}
