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
export function textFrom<K extends string>(
  own: Record<Lang, Record<K, string>>,
  lang: Lang,
  key: K | MessageKey,
  params?: MessageParams,
): string {
  const mine = own[lang] as Record<string, string>;
  if (!Object.prototype.hasOwnProperty.call(mine, key)) return t(lang, key as MessageKey, params);
  return fill(mine[key], params);
}

/** Whether a text is a key of the catalogues (for keys built at run time). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}
