/**
 * The Lamps panel's words, in English and Japanese: what only the sidebar
 * shows, kept out of dist/Code.js (its size budget): read them with
 * lampsText(). Glossary words:
 * 点灯/消灯/対応中/一時停止/要対応/リスクARR, 注意ライン/警告ライン, アクション, 担当者.
 *
 * What the server says about lamps (menu, dialogs, API errors) is in
 * lamps-server-messages.ts, spread into the catalogues of messages.ts.
 */
import { textFrom, type Lang, type MessageKey, type MessageParams } from './messages';

/** Only the sidebar's Lamps panel shows these. */
export const lampsClientEn = {
  // ---- run now and the last run ----
  'lamps.run_now': 'Run now',
  'lamps.running': 'Running…',
  'lamps.last_run.none': 'KPI Lamp has not run yet.',
  'lamps.bindings':
    'KPI Lamp cannot run: the KPI tree reads sheets or columns this workbook lacks, so the figures below are incomplete. Rename them in the workbook, or correct the names in the KPI tree tab:',
  'lamps.last_run.ok': 'Last run {at} by {by}: {summary}',
  'lamps.last_run.error': 'Last run {at} by {by} failed: {error}',
  'lamps.loading': 'Loading the lamps…',
  'lamps.refresh': 'Refresh',
  // ---- the list ----
  'lamps.at_risk': 'At risk',
  'lamps.none': 'No account is at risk.',
  'lamps.none_filtered': 'No account at risk matches these filters.',
  'lamps.sort': 'Sort by',
  'lamps.sort.severity': 'Severity',
  'lamps.sort.arr': 'ARR at risk',
  'lamps.sort.renewal': 'Days to renewal',
  'lamps.filter.csm': 'CSM',
  'lamps.filter.plan': 'Plan',
  'lamps.filter.all': 'All',
  'lamps.account.select': 'Select {name} in the sheet',
  'lamps.account.meta': 'CSM: {csm} · Plan: {plan}',
  'lamps.account.arr': 'ARR {arr}',
  'lamps.account.renewal': 'Renewal in {days} days',
  'lamps.account.renewal_past': 'Renewal {days} days ago',
  'lamps.none_value': '—',
  'lamps.lamp.state': '{icon} {state} · {lit}',
  'lamps.lamp.value': 'Value {value} · warning/alert threshold: {warn} / {alert}',
  'lamps.lamp.value_label': 'Value',
  'lamps.lamp.threshold': 'Threshold',
  'lamps.lamp.reason': 'Reason',
  'lamps.lamp.since': 'On since {since}',
  'lamps.lamp.new': 'New since you last looked',
  'lamps.lamp.ack': 'In progress (対応中) — {by}, {at}',
  'lamps.lamp.ack_memo': 'Memo: {memo}',
  'lamps.lamp.snoozed': 'Snooze until {until}',
  'lamps.ack.open': 'Mark in progress…',
  'lamps.ack.memo': 'Memo (what was done, what is next)',
  'lamps.ack.snooze': 'Snooze until (optional)',
  'lamps.ack.save': 'Mark in progress',
  'lamps.ack.cancel': 'Cancel',
  'lamps.ack.done': 'Marked in progress: {name} — {node}.',
  // ---- per node ----
  'lamps.per_node': 'At risk per KPI',
  'lamps.per_node.row': '{accounts} accounts · ARR at risk {arr}',
  'lamps.resolution': 'Time to resolution (median)',
  'lamps.resolution.off': 'On → off: {days} days ({count})',
  'lamps.resolution.progress': 'On → in progress: {days} days ({count})',
  'lamps.resolution.none': 'no data yet',
  // ---- schedule ----
  'lamps.schedule': 'Schedule',
  'lamps.schedule.none': 'No schedule: lamps update only when someone runs KPI Lamp.',
  'lamps.schedule.daily': 'Daily at {hour}:00 ({tz})',
  'lamps.schedule.hourly': 'Every hour',
  'lamps.schedule.owner': 'Owner: {owner}',
  'lamps.schedule.owner_me': 'Owner: you ({owner})',
  'lamps.schedule.every': 'Run',
  'lamps.schedule.every.day': 'Daily',
  'lamps.schedule.every.hour': 'Every hour',
  'lamps.schedule.hour': 'At (the spreadsheet’s time zone, {tz})',
  'lamps.schedule.install': 'Install schedule',
  'lamps.schedule.update': 'Change schedule',
  'lamps.schedule.remove': 'Remove schedule',
  'lamps.schedule.taken':
    '{owner} already owns this spreadsheet’s schedule. Replace it with yours? Their trigger stops the next time it fires.',
  'lamps.schedule.replace': 'Replace with mine',
  'lamps.schedule.installed': 'Schedule installed.',
  'lamps.schedule.removed': 'Schedule removed.',
  'lamps.schedule.not_mine_remove':
    'Removing someone else’s schedule stops it here; their trigger stops itself the next time it fires.',
  // ---- run settings ----
  'lamps.settings': 'Run settings',
  'lamps.settings.persistence': 'Report a lamp after it is on for this many runs',
  'lamps.settings.digest': 'Email the schedule’s owner a daily digest of new lamps',
  'lamps.settings.log': 'Log size (rows kept)',
  'lamps.settings.save': 'Save settings',
  'lamps.settings.saved': 'Settings saved.',
  // ---- removal ----
  'lamps.remove': 'Remove KPI Lamp…',
  'lamps.remove.explain':
    'Removes the lamp column, KPI Lamp’s colour rules, the schedule and its stored settings. Your own data, formatting and rules stay.',
  'lamps.remove.sheets': 'Also delete KPI Lamp’s sheets (tree, settings, state, log)',
  'lamps.remove.confirm': 'Remove',
  'lamps.remove.cancel': 'Cancel',
  // ---- menu and dialogs (Apps Script) ----
  // ---- API errors ----
};

export type LampsClientKey = keyof typeof lampsClientEn;

export const lampsClientJa: Record<LampsClientKey, string> = {
  'lamps.run_now': '今すぐ実行',
  'lamps.running': '実行中…',
  'lamps.last_run.none': 'KPI Lamp はまだ実行されていません。',
  'lamps.bindings':
    'KPI Lamp を実行できません。KPI ツリーが読むシートや列がこのワークブックにないため、下の数値は不完全です。ワークブックの名前を直すか、「KPI ツリー」タブで名前を直してください:',
  'lamps.last_run.ok': '前回の実行 {at}({by}): {summary}',
  'lamps.last_run.error': '前回の実行 {at}({by})は失敗しました: {error}',
  'lamps.loading': 'ランプを読み込んでいます…',
  'lamps.refresh': '更新',
  'lamps.at_risk': '要対応',
  'lamps.none': '要対応のアカウントはありません。',
  'lamps.none_filtered': 'この絞り込みに当てはまる要対応アカウントはありません。',
  'lamps.sort': '並べ替え',
  'lamps.sort.severity': '深刻度',
  'lamps.sort.arr': 'リスクARR',
  'lamps.sort.renewal': '更新日までの日数',
  'lamps.filter.csm': 'CSM',
  'lamps.filter.plan': 'プラン',
  'lamps.filter.all': 'すべて',
  'lamps.account.select': 'シートで {name} を選択',
  'lamps.account.meta': 'CSM: {csm} · プラン: {plan}',
  'lamps.account.arr': 'ARR {arr}',
  'lamps.account.renewal': '更新まで {days} 日',
  'lamps.account.renewal_past': '更新日を {days} 日過ぎています',
  'lamps.none_value': '—',
  'lamps.lamp.state': '{icon} {state} · {lit}',
  'lamps.lamp.value': '値 {value} · 注意ライン/警告ライン: {warn} / {alert}',
  'lamps.lamp.value_label': '値',
  'lamps.lamp.threshold': 'しきい値',
  'lamps.lamp.reason': '理由',
  'lamps.lamp.since': '{since} から点灯',
  'lamps.lamp.new': '前回確認した後に点灯',
  'lamps.lamp.ack': '対応中 — {by}、{at}',
  'lamps.lamp.ack_memo': 'メモ: {memo}',
  'lamps.lamp.snoozed': '一時停止({until} まで)',
  'lamps.ack.open': '対応中にする…',
  'lamps.ack.memo': 'メモ(実施したこと、次にすること)',
  'lamps.ack.snooze': '一時停止(〜まで、任意)',
  'lamps.ack.save': '対応中にする',
  'lamps.ack.cancel': 'キャンセル',
  'lamps.ack.done': '対応中にしました: {name} — {node}。',
  'lamps.per_node': 'KPI ごとの要対応',
  'lamps.per_node.row': '{accounts} アカウント · リスクARR {arr}',
  'lamps.resolution': '解消までの時間(中央値)',
  'lamps.resolution.off': '点灯 → 消灯: {days} 日({count} 件)',
  'lamps.resolution.progress': '点灯 → 対応中: {days} 日({count} 件)',
  'lamps.resolution.none': 'まだデータがありません',
  'lamps.schedule': 'スケジュール',
  'lamps.schedule.none': 'スケジュールはありません。誰かが KPI Lamp を実行したときだけランプが更新されます。',
  'lamps.schedule.daily': '毎日 {hour}:00({tz})',
  'lamps.schedule.hourly': '1 時間ごと',
  'lamps.schedule.owner': '設定者: {owner}',
  'lamps.schedule.owner_me': '設定者: あなた({owner})',
  'lamps.schedule.every': '実行',
  'lamps.schedule.every.day': '毎日',
  'lamps.schedule.every.hour': '1 時間ごと',
  'lamps.schedule.hour': '時刻(スプレッドシートのタイムゾーン {tz})',
  'lamps.schedule.install': 'スケジュールを設定',
  'lamps.schedule.update': 'スケジュールを変更',
  'lamps.schedule.remove': 'スケジュールを削除',
  'lamps.schedule.taken':
    'このスプレッドシートのスケジュールは {owner} さんが設定済みです。あなたのスケジュールに置き換えますか? 相手のトリガーは次に起動したときに停止します。',
  'lamps.schedule.replace': '自分のスケジュールに置き換える',
  'lamps.schedule.installed': 'スケジュールを設定しました。',
  'lamps.schedule.removed': 'スケジュールを削除しました。',
  'lamps.schedule.not_mine_remove':
    '他の人のスケジュールを削除すると、ここでは止まり、相手のトリガーは次に起動したときに自分で停止します。',
  'lamps.settings': '実行の設定',
  'lamps.settings.persistence': '何回続けて点灯したら通知するか',
  'lamps.settings.digest': 'スケジュール設定者に新しいランプを毎日メールで送る',
  'lamps.settings.log': 'ログの行数(保持する行数)',
  'lamps.settings.save': '設定を保存',
  'lamps.settings.saved': '設定を保存しました。',
  'lamps.remove': 'KPI Lamp を削除…',
  'lamps.remove.explain':
    'ランプ列、KPI Lamp の色分けルール、スケジュール、保存された設定を削除します。あなたのデータ・書式・ルールはそのまま残ります。',
  'lamps.remove.sheets': 'KPI Lamp のシート(ツリー、設定、状態、ログ)も削除する',
  'lamps.remove.confirm': '削除',
  'lamps.remove.cancel': 'キャンセル',
};

const clientCatalogues: Record<Lang, Record<LampsClientKey, string>> = { en: lampsClientEn, ja: lampsClientJa };

/** A Lamps panel text (or any catalogue text) in a language, {name} placeholders filled. */
export function lampsText(lang: Lang, key: LampsClientKey | MessageKey, params?: MessageParams): string {
  return textFrom(clientCatalogues, lang, key, params);
}
