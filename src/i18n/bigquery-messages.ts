/**
 * The words of the BigQuery run's report sheet ("KPI Lamp BigQuery"), in
 * English and Japanese: a catalogue of their own, so that dist/Code.js,
 * which has no BigQuery run, does not carry them (src/server/warehouse-run.ts
 * is bundled into dist-bigquery/ only). A glossary term (KPI, owner,
 * precision, lift, evidence, share lit, cut-off within budget) is not
 * repeated here: the report says the shared catalogue's term.* text.
 */
import { textFrom, type Lang, type MessageKey, type MessageParams } from './messages';

export const bigQueryEn = {
  'bq.sheet.title': 'KPI Lamp on BigQuery: {table}, run {at}',
  'bq.sheet.accounts': 'Accounts at risk ({lit} of {accounts})',
  'bq.sheet.backtest': 'Backtest at {horizon} months',
  'bq.sheet.budget': 'Alert budget {budget}: {lit} accounts lit ({share}){over}',
  'bq.sheet.over': ', over budget',
  'bq.col.id': 'Account id',
  'bq.col.name': 'Name',
  'bq.col.plan': 'Plan',
  'bq.col.arr': 'ARR',
  'bq.col.severity': 'Severity',
  'bq.col.lamps': 'Lamps',
  'bq.col.considered': 'Considered',
  'bq.col.lit': 'Lit',
  'bq.col.churned': 'Churned',
  'bq.col.lit_churned': 'Lit and churned',
};

export type BigQueryKey = keyof typeof bigQueryEn;

export const bigQueryJa: Record<BigQueryKey, string> = {
  'bq.sheet.title': 'KPI Lamp(BigQuery): {table}、実行 {at}',
  'bq.sheet.accounts': '要対応のアカウント({accounts} 件中 {lit} 件)',
  'bq.sheet.backtest': 'バックテスト({horizon} か月)',
  'bq.sheet.budget': 'アラート上限 {budget}: 点灯 {lit} 件({share}){over}',
  'bq.sheet.over': '、上限超過',
  'bq.col.id': 'アカウント ID',
  'bq.col.name': '名前',
  'bq.col.plan': 'プラン',
  'bq.col.arr': 'ARR',
  'bq.col.severity': '重大度',
  'bq.col.lamps': 'ランプ',
  'bq.col.considered': '対象',
  'bq.col.lit': '点灯',
  'bq.col.churned': '解約',
  'bq.col.lit_churned': '点灯かつ解約',
};

/** A text of this catalogue, else of the shared one. */
export function bigQueryText(lang: Lang, key: BigQueryKey | MessageKey, params?: MessageParams): string {
  return textFrom({ en: bigQueryEn, ja: bigQueryJa }, lang, key, params);
}
