/**
 * What only the sidebar shows about the past: the Log's recent changes and
 * the history (Snapshots) the backtest has. Kept out of dist/Code.js like
 * the other client catalogues; read with historyText().
 */
import { textFrom, type Lang, type MessageKey, type MessageParams } from './messages';

export const historyClientEn = {
  'run.last_short': 'Last run {at} by {by} (above).',
  'recent.title': 'Recent changes',
  'recent.help': 'Newest first. The whole log is the KPI Lamp Log sheet, in the order things happened.',
  'recent.none': 'Nothing logged yet: lamps coming on and going off, and lamps marked in progress, show here.',
  'recent.head': '{when} · {account}',
  'recent.change': '{node}: {from} → {to}',
  'recent.watch': '(on watch, not counted)',
  'recent.ack': '{node}: marked in progress',
  'recent.value': 'Value {value} (threshold {threshold})',
  'recent.value_only': 'Value {value}',
  'recent.by': 'By {user}',
  'recent.memo': 'Memo: {memo}',
  'recent.until': 'Snoozed until {until}',
  'history.title': 'History for the backtest',
  'history.none':
    'There is no {sheet} sheet yet. The next run starts it with this month’s values of every account, and adds each month’s after that: the history that shows whether a lamp comes on before churn.',
  'history.empty': 'The {sheet} sheet has no months yet (its {column} column is empty or missing).',
  'history.months': '{sheet}: {months} months of history ({first} to {last}).',
  'history.one_month': '{sheet}: 1 month of history ({first}).',
  'history.short':
    'The backtest needs at least {needed} months (the tree’s backtest horizon of {horizon} months, plus one) before it can judge a lamp: {left} more, so from {ready} if a run adds each month. Until then every lamp is “not yet proven”.',
  'history.enough':
    'Enough months for the backtest at the tree’s backtest horizon of {horizon} months (it needs at least {needed}). A lamp is proven only when the accounts that churned had it on more often than the others.',
  'history.churned':
    'KPI Lamp writes churned FALSE; set it to TRUE in the month an account leaves, or the backtest sees no churn.',
};

export type HistoryClientKey = keyof typeof historyClientEn;

export const historyClientJa: Record<HistoryClientKey, string> = {
  'run.last_short': '前回の実行 {at}({by}、結果は上のとおり)。',
  'recent.title': '最近の変化',
  'recent.help': '新しい順です。すべての記録は「KPI Lamp Log」シートに、起きた順に残ります。',
  'recent.none': 'まだ記録がありません。ランプの点灯・消灯や、対応中にしたランプがここに表示されます。',
  'recent.head': '{when} · {account}',
  'recent.change': '{node}: {from} → {to}',
  'recent.watch': '(様子見、件数に数えません)',
  'recent.ack': '{node}: 対応中にしました',
  'recent.value': '値 {value}(ライン {threshold})',
  'recent.value_only': '値 {value}',
  'recent.by': '記録者: {user}',
  'recent.memo': 'メモ: {memo}',
  'recent.until': '{until} まで一時停止',
  'history.title': 'バックテスト用の履歴',
  'history.none':
    '{sheet} シートはまだありません。次の実行で、今月の全アカウントの値から作成し、その後は毎月の値を追加します。ランプが解約より前に点灯していたかを確かめるための履歴です。',
  'history.empty': '{sheet} シートにはまだ月がありません({column} 列が空か、ありません)。',
  'history.months': '{sheet}: {months} か月分の履歴({first}〜{last})。',
  'history.one_month': '{sheet}: 1 か月分の履歴({first})。',
  'history.short':
    'バックテストでランプを判定するには、少なくとも {needed} か月分(ツリーのバックテストの期間 {horizon} か月 + 1)が必要です。あと {left} か月、毎月実行すれば {ready} からです。それまでは、どのランプも「未検証」です。',
  'history.enough':
    'ツリーのバックテストの期間 {horizon} か月でのバックテストに必要な月数(少なくとも {needed} か月)があります。ランプが「実証済み」になるのは、解約したアカウントでほかより多く点灯していたときだけです。',
  'history.churned':
    'KPI Lamp は churned に FALSE を書きます。アカウントが解約した月には TRUE にしてください。そうしないとバックテストに解約が現れません。',
};

const catalogues: Record<Lang, Record<HistoryClientKey, string>> = { en: historyClientEn, ja: historyClientJa };

export function historyText(lang: Lang, key: HistoryClientKey | MessageKey, params?: MessageParams): string {
  return textFrom(catalogues, lang, key, params);
}
