/**
 * The Log's readable column (`message`) and the sidebar's list of recent
 * changes: words for what happened to a lamp; and what a run did to
 * Snapshots (the history). Part of the catalogues of messages.ts (the run
 * writes these in Apps Script).
 */
export const logEn = {
  'log.on': '{node} came on ({from} → {to}): {reason}',
  'log.changed': '{node} changed ({from} → {to}): {reason}',
  'log.off': '{node} went off ({from} → {to}): {reason}',
  'log.removed': '{node} went off: the account is no longer on the accounts sheet',
  'log.watch': '{node} is on but on watch, not counted ({from} → {to}): {reason}',
  'log.in_progress': '{user} marked {node} in progress',
  'log.memo': ': {memo}',
  'log.until': ' (snoozed until {until})',
  'log.state.watch': 'On watch',
  'log.state.removed': 'Removed',
  'run.snapshots.created':
    'There was no {sheet} sheet: KPI Lamp started it with this month’s values ({month}, {rows} accounts), and adds each month’s from now on — the history the backtest needs.',
  'run.snapshots.added': 'Added {month} to {sheet} ({rows} accounts).',
  'run.bigquery.written': 'Judged from the BigQuery table {table}; the report is in the sheet {sheet}.',
  'run.bigquery.coloured': 'Rows of {sheet} coloured by account id.',
};

export type LogKey = keyof typeof logEn;

export const logJa: Record<LogKey, string> = {
  'log.on': '{node}が点灯({from} → {to}): {reason}',
  'log.changed': '{node}の状態が変化({from} → {to}): {reason}',
  'log.off': '{node}が消灯({from} → {to}): {reason}',
  'log.removed': '{node}が消灯: アカウントがアカウントのシートからなくなりました',
  'log.watch': '{node}が点灯、ただし様子見で件数に数えません({from} → {to}): {reason}',
  'log.in_progress': '{user} が{node}を対応中にしました',
  'log.memo': ': {memo}',
  'log.until': '({until} まで一時停止)',
  'log.state.watch': '様子見',
  'log.state.removed': '削除',
  'run.snapshots.created':
    '{sheet} シートがなかったため、今月({month}、{rows} アカウント)の値で KPI Lamp が作成しました。これから毎月の値を追加します。バックテストに必要な履歴です。',
  'run.snapshots.added': '{sheet} に {month} を追加しました({rows} アカウント)。',
  'run.bigquery.written': 'BigQuery のテーブル {table} で判定し、結果をシート {sheet} に書きました。',
  'run.bigquery.coloured': '{sheet} の行をアカウント ID で色付けしました。',
};
