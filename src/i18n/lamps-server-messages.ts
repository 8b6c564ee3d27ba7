/**
 * What the server says about lamps (the menu, the run's and the removal's
 * dialogs, the lamps API's errors), in English and Japanese: spread into the
 * catalogues of messages.ts, so they are in the Apps Script bundle. Only data,
 * so that messages.ts can import it. What only the sidebar's Lamps panel
 * shows is in lamps-ui-messages.ts.
 */
export const lampsServerEn = {
  'sidebar.tab.lamps': 'Lamps',
  'lamps.run.done':
    '{accounts} accounts checked: {lit} at risk, {lamps} lamps on — {on} new since the last run, {off} gone off.',
  'lamps.run.done_first':
    '{accounts} accounts checked: {lit} at risk, {lamps} lamps on — the first run, so all of them are new.',
  'lamps.run.done_bigquery': '{accounts} accounts checked in BigQuery: {lit} at risk, {lamps} lamps on.',
  'lamps.run.watch': '{watch} more lamps on watch, not counted.',
  'lamps.run.failed': 'The run failed: {error}',
  'lamps.remove.done': 'KPI Lamp was removed: {what}.',
  'lamps.remove.what.column': 'lamp column',
  'lamps.remove.what.rules': 'colour rules',
  'lamps.remove.what.schedule': 'schedule',
  'lamps.remove.what.sheets': 'sheets: {sheets}',
  'lamps.remove.what.properties': '{count} stored settings',
  'lamps.remove.what.nothing': 'nothing was left to remove',
  'menu.run_now': 'Run now',
  'menu.remove': 'Remove KPI Lamp…',
  'dialog.run.title': 'KPI Lamp',
  'dialog.remove.title': 'Remove KPI Lamp',
  'dialog.remove.confirm':
    'Remove KPI Lamp from this spreadsheet? This removes the lamp column, KPI Lamp’s colour rules, the schedule and its stored settings. Your own data, formatting and rules stay.',
  'dialog.remove.sheets': 'Also delete KPI Lamp’s own sheets ({sheets})? Choose No to keep them.',
  'dialog.remove.cancelled': 'Nothing was removed.',
  'lamps.api.error.no_tree': 'There is no KPI tree yet: build one in the KPI tree tab first.',
  'lamps.api.bigquery':
    'This KPI tree reads the BigQuery table {table}: Run now and the schedule judge it there and write the accounts at risk, their lamps, the backtest and the alert budget to the sheet "{sheet}" (this panel judges sheets only).',
  'lamps.api.error.tree_invalid': 'The KPI tree has problems: fix them in the KPI tree tab first.',
  'lamps.api.error.bad_text': 'The {what} must be non-empty text of at most 200 characters',
  'lamps.api.error.bad_query': 'The panel query must be an object',
  'lamps.api.error.bad_sort': 'Sort by "severity", "arr" or "renewal", not {value}',
  'lamps.api.error.bad_filter': 'A filter must be text of at most 200 characters',
  'lamps.api.error.bad_limit': 'The number of accounts to list must be a whole number from 1 to {max}',
  'lamps.api.error.bad_memo': 'The memo must be text of at most {max} characters',
  'lamps.api.error.bad_date': 'The snooze date must be a date (yyyy-mm-dd), not {value}',
  'lamps.api.error.ack.no_state': 'KPI Lamp has not run for {account} yet: run it first.',
  'lamps.api.error.ack.not_lit': 'The lamp {node} of {account} is not on (any more): refresh.',
  'lamps.api.error.ack.bad_date': 'The snooze date must be a date (yyyy-mm-dd)',
  'lamps.api.error.ack.memo_too_long': 'The memo is too long',
  'lamps.api.error.no_account': 'There is no account {account} on the accounts sheet (renamed or deleted?)',
  'lamps.api.error.bad_every': 'A schedule runs "day" or "hour", not {value}',
  'lamps.api.error.bad_hour': 'The hour must be a whole number from 0 to 23, not {value}',
  'lamps.api.error.bad_flag': 'Expected true or false',
  'lamps.api.error.bad_settings': 'The run settings must be an object',
  'lamps.api.error.bad_persistence': 'Persistence must be a whole number of runs from 1 to 30, not {value}',
  'lamps.api.error.bad_log_rows': 'The log size must be a whole number from 100 to 100000, not {value}',
};

export type LampsServerKey = keyof typeof lampsServerEn;

export const lampsServerJa: Record<LampsServerKey, string> = {
  'sidebar.tab.lamps': 'ランプ',
  'lamps.run.done':
    '{accounts} アカウントを確認: 要対応 {lit} 件、点灯中のランプ {lamps} — 前回から新たに点灯 {on}、消灯 {off}。',
  'lamps.run.done_first':
    '{accounts} アカウントを確認: 要対応 {lit} 件、点灯中のランプ {lamps} — 初回の実行のため、すべて新規です。',
  'lamps.run.done_bigquery': 'BigQuery で {accounts} アカウントを確認: 要対応 {lit} 件、点灯中のランプ {lamps}。',
  'lamps.run.watch': 'ほかに様子見のランプ {watch}(件数に数えません)。',
  'lamps.run.failed': '実行に失敗しました: {error}',
  'lamps.remove.done': 'KPI Lamp を削除しました: {what}。',
  'lamps.remove.what.column': 'ランプ列',
  'lamps.remove.what.rules': '色分けルール',
  'lamps.remove.what.schedule': 'スケジュール',
  'lamps.remove.what.sheets': 'シート: {sheets}',
  'lamps.remove.what.properties': '保存された設定 {count} 件',
  'lamps.remove.what.nothing': '削除するものは残っていませんでした',
  'menu.run_now': '今すぐ実行',
  'menu.remove': 'KPI Lamp を削除…',
  'dialog.run.title': 'KPI Lamp',
  'dialog.remove.title': 'KPI Lamp を削除',
  'dialog.remove.confirm':
    'このスプレッドシートから KPI Lamp を削除しますか? ランプ列、KPI Lamp の色分けルール、スケジュール、保存された設定を削除します。あなたのデータ・書式・ルールはそのまま残ります。',
  'dialog.remove.sheets': 'KPI Lamp 自身のシート({sheets})も削除しますか? 残す場合は「いいえ」を選んでください。',
  'dialog.remove.cancelled': '何も削除していません。',
  'lamps.api.error.no_tree': 'KPI ツリーがまだありません。先に「KPI ツリー」タブで作成してください。',
  'lamps.api.bigquery':
    'この KPI ツリーは BigQuery のテーブル {table} を読みます。「今すぐ実行」と定期実行はそこで判定し、要対応のアカウントとそのランプ、バックテスト、アラート上限をシート「{sheet}」に書きます(このパネルはシートだけを判定します)。',
  'lamps.api.error.tree_invalid': 'KPI ツリーに問題があります。先に「KPI ツリー」タブで直してください。',
  'lamps.api.error.bad_text': '{what} は 200 文字以内の空でない文字列で指定してください',
  'lamps.api.error.bad_query': 'パネルの条件はオブジェクトで指定してください',
  'lamps.api.error.bad_sort': '並べ替えは "severity"、"arr"、"renewal" のいずれかです({value} は使えません)',
  'lamps.api.error.bad_filter': '絞り込みは 200 文字以内の文字列で指定してください',
  'lamps.api.error.bad_limit': '表示するアカウント数は 1〜{max} の整数で指定してください',
  'lamps.api.error.bad_memo': 'メモは {max} 文字以内の文字列で指定してください',
  'lamps.api.error.bad_date': '一時停止の日付は日付(yyyy-mm-dd)で指定してください({value} は使えません)',
  'lamps.api.error.ack.no_state': '{account} はまだ KPI Lamp で実行されていません。先に実行してください。',
  'lamps.api.error.ack.not_lit': '{account} のランプ {node} は点灯していません。更新してください。',
  'lamps.api.error.ack.bad_date': '一時停止の日付は日付(yyyy-mm-dd)で指定してください',
  'lamps.api.error.ack.memo_too_long': 'メモが長すぎます',
  'lamps.api.error.no_account': 'アカウントのシートに {account} がありません(名前の変更か削除?)',
  'lamps.api.error.bad_every': 'スケジュールは "day" か "hour" です({value} は使えません)',
  'lamps.api.error.bad_hour': '時刻は 0〜23 の整数で指定してください({value} は使えません)',
  'lamps.api.error.bad_flag': 'true か false で指定してください',
  'lamps.api.error.bad_settings': '実行の設定はオブジェクトで指定してください',
  'lamps.api.error.bad_persistence': '回数は 1〜30 の整数で指定してください({value} は使えません)',
  'lamps.api.error.bad_log_rows': 'ログの行数は 100〜100000 の整数で指定してください({value} は使えません)',
};
