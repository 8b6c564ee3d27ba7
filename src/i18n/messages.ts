/**
 * Everything people read, in Japanese and English: one catalogue per
 * language with the same keys (a test checks). Words follow
 * shared/spec/glossary.md (`term.*`). Pure: no Node or Apps Script globals,
 * so the sidebar, Apps Script and the command line all import it.
 *
 * Placeholders are `{name}`; a placeholder without a parameter is left as it is.
 */

import { reportEn, reportJa } from './report-messages';

export type Lang = 'ja' | 'en';

export const LANGS: readonly Lang[] = ['ja', 'en'];

const en = {
  ...reportEn,
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

  'cli.info.summary': 'Workbook: {path} ({kind}, {count} sheets)',
  'cli.info.kind.csv-folder': 'CSV folder',
  'cli.info.kind.xlsx': '.xlsx file',
  'cli.info.col.sheet': 'Sheet',
  'cli.info.col.rows': 'Rows',
  'cli.info.col.columns': 'Columns',
  'cli.info.headers': 'Headers:',
  'cli.info.blank_column': '(blank)',
};

export type MessageKey = keyof typeof en;

const ja: Record<MessageKey, string> = {
  ...reportJa,
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

  'cli.info.summary': 'ワークブック: {path}({kind}、{count} シート)',
  'cli.info.kind.csv-folder': 'CSV フォルダー',
  'cli.info.kind.xlsx': '.xlsx ファイル',
  'cli.info.col.sheet': 'シート',
  'cli.info.col.rows': '行数',
  'cli.info.col.columns': '列数',
  'cli.info.headers': 'ヘッダー:',
  'cli.info.blank_column': '(空欄)',
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
  if (!params) return text;
  return text.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined || v === null ? whole : String(v);
  });
}

/** Whether a text is a key of the catalogues (for keys built at run time). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}
