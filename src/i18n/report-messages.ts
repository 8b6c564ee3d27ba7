/**
 * The words of the tree, check and lamps reports (command line, sidebar):
 * tree validation problems, verdict warnings, lamp states. Part of the
 * catalogues of messages.ts (spread into them), kept in a file of its own.
 */
export const reportEn = {
  // ---- tree validation (kpi-lamp/tree@1) ----
  'tree.where.node': 'node "{node}"',
  'tree.where.row': 'row {row}',
  'tree.issue.not_object': 'not a valid tree: {found}',
  'tree.issue.format': 'the format is {found}, expected {expected}',
  'tree.issue.unknown_key': 'unknown key "{field}"',
  'tree.issue.wrong_type': '{field} is {found}, expected {expected}',
  'tree.issue.bad_value': '{field} is {found}, expected {expected}',
  'tree.issue.missing': '{field} is missing',
  'tree.issue.no_root': 'the tree has no KGI: exactly one node of type "kgi" with no parent is needed',
  'tree.issue.second_root': 'a second root: only the KGI may have no parent, and there is only one KGI',
  'tree.issue.kgi_not_root': 'the KGI must be the root, but its parent is {found}',
  'tree.issue.missing_parent': 'its parent {found} does not exist',
  'tree.issue.cycle': 'its parents form a cycle ({found})',
  'tree.issue.duplicate_id': 'the id {found} is used twice',
  'tree.issue.direction_mismatch':
    'direction {found} differs from its composite ({expected}): the children of a composite share its direction',
  'tree.issue.too_large': 'the tree is {found} characters of JSON; at most {expected} are read',
  'tree.issue.too_deep': 'the JSON nests arrays and objects more than {expected} deep; a KPI tree needs 4',
  'tree.issue.too_many_nodes': 'the tree has {found} nodes; at most {expected} are allowed',
  'tree.issue.too_long': '{field} has {found} characters; at most {expected} are allowed',
  'tree.issue.too_many_plans': 'by_plan has {found} plans; at most {expected} are allowed',
  'tree.issue.too_many_levels': 'it is {found} levels down from the KGI; at most {expected} are allowed',
  'tree.issue.bad_project_id':
    '{field} is {found}, which is not a Google Cloud project id: 6 to 30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen (e.g. my-project, or example.com:my-project)',
  'tree.issue.bad_table_name':
    '{field} is {found}, which is not a BigQuery table: write project.dataset.table (e.g. my-project.cs.accounts)',
  'tree.issue.bad_table_name.path':
    '{field} is {found}, which is not a BigQuery table: write project.dataset.table, three names joined by dots, without backquotes (e.g. my-project.cs.accounts)',
  'tree.issue.bad_table_name.project':
    '{field} is {found}: the part before the first dot is not a Google Cloud project id (6 to 30 lowercase letters, digits and hyphens, starting with a letter)',
  'tree.issue.bad_table_name.dataset':
    '{field} is {found}: the dataset (between the dots) may hold only letters, digits and underscores',
  'tree.issue.bad_table_name.table':
    '{field} is {found}: the table name (after the last dot) may hold letters, marks, numbers, spaces, dashes and underscores, up to 1,024 bytes',
  'tree.issue.table_without_accounts':
    '{field} is {found}, but settings.accounts_table is empty: name the Accounts table too, or empty both to read the sheets',
  'binding.sheet': '{by} names the sheet "{sheet}", which this workbook does not have',
  'binding.column': '{by} names the column "{column}", which sheet "{sheet}" does not have',
  'binding.hint': ' (did you mean "{name}"?)',
  'binding.by.setting': 'The setting {setting}',
  'binding.by.node': 'Node "{node}" ({field})',
  'tree.none':
    'This workbook has no KPI tree yet (sheet "{sheet}"). Build one in the sidebar or give --tree FILE.json.',
  'tree.invalid': 'The KPI tree is invalid; nothing was changed:',

  // ---- verdict warnings, in plain words ----
  'warning.short_history': 'Too little history: fewer than 12 months with both values',
  'warning.no_history': 'No history: no series for this KPI',
  'warning.not_significant': 'Not significant',
  'warning.shared_trend': 'Shared trend only',
  'warning.reverse_causation': 'Reverse causation suspected',
  'warning.wrong_direction': 'Opposite direction',
  'warning.lagging_as_action': 'Lagging KPI used as a daily target',
  'warning.no_action': 'No action defined',
  'warning.no_floor': 'No floor',
  'warning.explain.short_history':
    'With fewer than 12 months of both series, any correlation is too uncertain to judge.',
  'warning.explain.no_history':
    'Bind a History column (or a Snapshots column) so its movement can be compared with the KGI.',
  'warning.explain.not_significant':
    "In this team's own history the KPI does not move with the KGI at any lag more than chance would.",
  'warning.explain.shared_trend':
    'Both series drift over time, so their levels correlate, but their month-to-month changes do not: the trend, not the KPI, explains the match.',
  'warning.explain.reverse_causation':
    'The KPI moves after the KGI: it reacts to churn (for example CSMs rushing to accounts already leaving) rather than predicting it.',
  'warning.explain.wrong_direction':
    'The KPI moves with the KGI in the opposite direction to the one declared: improving it would not improve the KGI.',
  'warning.explain.lagging_as_action':
    'A lagging KPI only confirms what already happened: it cannot be a daily target with a lamp.',
  'warning.explain.no_action': 'A lamp without a pre-agreed action tells people something is wrong but not what to do.',
  'warning.explain.no_floor': 'Without a floor, a strong part can hide a collapsing one in a composite KPI.',
  'lamp.state.alert': 'Alert',
  'lamp.state.warn': 'Warning',
  'lamp.state.unknown': 'No data',
  'lamp.state.ok': 'OK',
  'lamp.reason.no_column': 'no column "{column}" in the sheet',
  'lamp.reason.no_value': 'no value in {column}',
  'lamp.reason.child_unknown': 'no data for {child}',
  'lamp.reason.floor_low': '{child} is {value}, at or below its floor {floor}',
  'lamp.reason.floor_high': '{child} is {value}, at or above its floor {floor}',
  'lamp.reason.alert_low': '{value}, at or below the alert threshold {threshold}',
  'lamp.reason.alert_high': '{value}, at or above the alert threshold {threshold}',
  'lamp.reason.warn_low': '{value}, at or below the warning threshold {threshold}',
  'lamp.reason.warn_high': '{value}, at or above the warning threshold {threshold}',
  'lamp.reason.ok_low': '{value}, above the threshold {threshold}',
  'lamp.reason.ok_high': '{value}, below the threshold {threshold}',
  'lamp.reason.ok_plain': '{value}',
  'lamps.no_action': '(no action defined)',
  'lamps.per_node': 'At risk per KPI',
  'lamps.col.count': 'Accounts',
  'run.error.reauthorize': 'KPI Lamp needs to be authorized again: open the sidebar.',
  'run.error.busy': 'Another run is in progress; try again in a minute.',
  'run.error.no_tree': 'There is no KPI tree yet: build one in the sidebar first.',
  'run.error.tree_invalid': 'The KPI tree is invalid ({count} problems), nothing was changed. First: {problem}',
  'run.error.no_accounts_sheet': 'There is no sheet "{sheet}" (renamed or deleted?): nothing was changed.',
  'run.error.no_id_column': 'The sheet "{sheet}" has no column "{column}" (the account id): nothing was changed.',
  'run.error.bindings':
    'The workbook lacks what the KPI tree reads ({count} missing): nothing was judged or changed. First: {problem}',
  'run.error.write_failed': 'Writing failed: {message}',
  'run.error.bigquery_unavailable':
    'The KPI tree reads the BigQuery table "{table}", but this KPI Lamp cannot reach BigQuery (install the BigQuery deployment and enable its BigQuery advanced service): nothing was judged or changed.',
  'run.error.bigquery_table': 'BigQuery could not read the table "{table}" ({message}): nothing was judged or changed.',
  'run.error.bigquery_column':
    'The BigQuery table "{table}" has no column "{column}", which the KPI tree reads: nothing was judged or changed.',
  'run.error.bigquery_query': 'BigQuery refused the query ({step}): {message}. Nothing was judged or changed.',
  'run.error.bigquery_reason.not_a_path': 'not a project.dataset.table path',
  'run.error.bigquery_reason.no_schema': 'BigQuery gave no schema for it',
  'run.error.bigquery_reason.timeout': 'no answer within {seconds} s (job {job})',
  'sql.error.depth':
    'The KPI tree cannot be compiled to SQL: the composite "{node}" nests deeper than {max} levels. Flatten it, or use the spreadsheet engine.',
  'sql.error.children':
    'The KPI tree cannot be compiled to SQL: the composite "{node}" has more than {max} children. Split it, or use the spreadsheet engine.',
  'run.summary.item': '{node}: {state} since {since}',
  'run.summary.watch': '{node}: on watch since {since}',
  'run.digest.subject': 'KPI Lamp: {count} new lamps',
  'run.digest.intro': 'These lamps came on since the last run:',
  'run.notice.digest_failed': 'The digest mail could not be sent ({message}); the run itself went through.',
};

export type ReportKey = keyof typeof reportEn;

export const reportJa: Record<ReportKey, string> = {
  'tree.where.node': 'ノード "{node}"',
  'tree.where.row': '{row} 行目',
  'tree.issue.not_object': 'ツリーとして読めません: {found}',
  'tree.issue.format': 'format が {found} です({expected} が必要です)',
  'tree.issue.unknown_key': '不明なキー "{field}" があります',
  'tree.issue.wrong_type': '{field} が {found} です({expected} が必要です)',
  'tree.issue.bad_value': '{field} が {found} です({expected} が必要です)',
  'tree.issue.missing': '{field} がありません',
  'tree.issue.no_root': 'KGI がありません: 親のない "kgi" 型のノードがちょうど 1 つ必要です',
  'tree.issue.second_root': '2 つ目のルートがあります: 親を持たないのは KGI だけで、KGI は 1 つだけです',
  'tree.issue.kgi_not_root': 'KGI はルートでなければなりませんが、親が {found} です',
  'tree.issue.missing_parent': '親 {found} が存在しません',
  'tree.issue.cycle': '親をたどると循環しています({found})',
  'tree.issue.duplicate_id': 'id {found} が重複しています',
  'tree.issue.direction_mismatch': 'direction {found} が複合KPIの向き({expected})と違います: 複合KPIの子は同じ向きです',
  'tree.issue.too_large': 'ツリーの JSON が {found} 文字あります。読めるのは {expected} 文字までです',
  'tree.issue.too_deep':
    'JSON の配列やオブジェクトが {expected} 段より深く入れ子になっています。KPI ツリーに必要なのは 4 段です',
  'tree.issue.too_many_nodes': 'ツリーのノードが {found} 個あります。{expected} 個までです',
  'tree.issue.too_long': '{field} が {found} 文字あります。{expected} 文字までです',
  'tree.issue.too_many_plans': 'by_plan のプランが {found} 個あります。{expected} 個までです',
  'tree.issue.too_many_levels': 'KGI から {found} 段下にあります。{expected} 段までです',
  'tree.issue.bad_project_id':
    '{field} が {found} ですが、Google Cloud のプロジェクト ID ではありません。英小文字・数字・ハイフンの 6〜30 文字で、英小文字で始まり、ハイフンで終わらない名前です(例: my-project、example.com:my-project)',
  'tree.issue.bad_table_name':
    '{field} が {found} ですが、BigQuery のテーブルではありません。project.dataset.table の形で書いてください(例: my-project.cs.accounts)',
  'tree.issue.bad_table_name.path':
    '{field} が {found} ですが、BigQuery のテーブルではありません。project.dataset.table の形で、3 つの名前をドットでつなぎ、バッククォートなしで書いてください(例: my-project.cs.accounts)',
  'tree.issue.bad_table_name.project':
    '{field} が {found} です。最初のドットより前が Google Cloud のプロジェクト ID ではありません(英小文字・数字・ハイフンの 6〜30 文字で、英小文字で始まる名前)',
  'tree.issue.bad_table_name.dataset':
    '{field} が {found} です。データセット名(ドットとドットの間)に使えるのは英字・数字・アンダースコアだけです',
  'tree.issue.bad_table_name.table':
    '{field} が {found} です。テーブル名(最後のドットより後)に使えるのは文字・結合記号・数字・スペース・ダッシュ・アンダースコアで、1,024 バイトまでです',
  'tree.issue.table_without_accounts':
    '{field} が {found} ですが、settings.accounts_table が空です。Accounts のテーブルも指定するか、両方を空にしてシートを読んでください',
  'binding.sheet': '{by}がシート「{sheet}」を指定していますが、このワークブックにありません',
  'binding.column': '{by}が列「{column}」を指定していますが、シート「{sheet}」にありません',
  'binding.hint': '(「{name}」のことですか?)',
  'binding.by.setting': '設定 {setting} ',
  'binding.by.node': 'ノード "{node}" の {field} ',
  'tree.none':
    'このワークブックにはまだ KPI ツリー(シート "{sheet}")がありません。サイドバーで作るか --tree FILE.json を指定してください。',
  'tree.invalid': 'KPI ツリーが正しくありません(何も変更していません):',

  'warning.short_history': '履歴が短い: 両方の値がある月が 12 か月未満',
  'warning.no_history': '履歴なし: この KPI の系列がありません',
  'warning.not_significant': '有意ではない',
  'warning.shared_trend': '共通トレンドのみ',
  'warning.reverse_causation': '逆因果の疑い',
  'warning.wrong_direction': '想定と逆方向',
  'warning.lagging_as_action': '遅行指標を日々の目標にしている',
  'warning.no_action': 'アクション未設定',
  'warning.no_floor': '足切りライン未設定',
  'warning.explain.short_history': '両方の系列がそろう月が 12 か月未満では、相関があっても不確かすぎて判断できません。',
  'warning.explain.no_history': 'History(または Snapshots)の列を結び付けると、KGI との動きを比べられます。',
  'warning.explain.not_significant': 'チームの履歴では、どのラグでも偶然以上に KGI と連動していません。',
  'warning.explain.shared_trend':
    '両方の系列が時間とともに同じ方向に動くため水準では相関しますが、月ごとの変化は連動していません。一致はトレンドによるもので、KPI の効果ではありません。',
  'warning.explain.reverse_causation':
    'KPI が KGI の後から動いています。解約を予告しているのではなく、解約に反応しています(解約しそうな顧客に CSM が駆けつける、など)。',
  'warning.explain.wrong_direction':
    'KPI は宣言と逆の向きで KGI と連動しています。この KPI を改善しても KGI は改善しません。',
  'warning.explain.lagging_as_action': '遅行指標は起きたことを確認するだけで、ランプ付きの日々の目標にはなりません。',
  'warning.explain.no_action': 'アクションが決まっていないランプは、問題は知らせても何をすべきかを伝えません。',
  'warning.explain.no_floor': '足切りラインがないと、複合KPIの中で強い要素が崩れている要素を隠してしまいます。',

  'lamp.state.alert': '警告',
  'lamp.state.warn': '注意',
  'lamp.state.unknown': 'データなし',
  'lamp.state.ok': '正常',
  'lamp.reason.no_column': 'シートに列 "{column}" がありません',
  'lamp.reason.no_value': '{column} に値がありません',
  'lamp.reason.child_unknown': '{child} のデータがありません',
  'lamp.reason.floor_low': '{child} が {value} で、足切りライン {floor} 以下',
  'lamp.reason.floor_high': '{child} が {value} で、足切りライン {floor} 以上',
  'lamp.reason.alert_low': '{value} で、警告ライン {threshold} 以下',
  'lamp.reason.alert_high': '{value} で、警告ライン {threshold} 以上',
  'lamp.reason.warn_low': '{value} で、注意ライン {threshold} 以下',
  'lamp.reason.warn_high': '{value} で、注意ライン {threshold} 以上',
  'lamp.reason.ok_low': '{value}(ライン {threshold} より上)',
  'lamp.reason.ok_high': '{value}(ライン {threshold} より下)',
  'lamp.reason.ok_plain': '{value}',
  'lamps.no_action': '(アクション未設定)',
  'lamps.per_node': 'KPI ごとの要対応',
  'lamps.col.count': 'アカウント数',
  'run.error.reauthorize': 'KPI Lamp の再承認が必要です。サイドバーを開いてください。',
  'run.error.busy': '別の実行が進行中です。少し待ってからもう一度お試しください。',
  'run.error.no_tree': 'KPI ツリーがまだありません。先にサイドバーで作成してください。',
  'run.error.tree_invalid': 'KPI ツリーに {count} 件の問題があるため、何も変更していません。最初の問題: {problem}',
  'run.error.no_accounts_sheet': 'シート "{sheet}" がありません(名前の変更か削除?)。何も変更していません。',
  'run.error.no_id_column': 'シート "{sheet}" に列 "{column}"(アカウント ID)がありません。何も変更していません。',
  'run.error.bindings':
    'KPI ツリーが読むシートや列がワークブックにありません({count} 件)。何も判定・変更していません。最初の問題: {problem}',
  'run.error.write_failed': '書き込みに失敗しました: {message}',
  'run.error.bigquery_unavailable':
    'KPI ツリーは BigQuery のテーブル "{table}" を読みますが、この KPI Lamp は BigQuery に接続できません(BigQuery 版をインストールし、BigQuery 拡張サービスを有効にしてください)。何も判定・変更していません。',
  'run.error.bigquery_table':
    'BigQuery のテーブル "{table}" を読めませんでした({message})。何も判定・変更していません。',
  'run.error.bigquery_column':
    'BigQuery のテーブル "{table}" に、KPI ツリーが読む列 "{column}" がありません。何も判定・変更していません。',
  'run.error.bigquery_query': 'BigQuery がクエリ({step})を拒否しました: {message}。何も判定・変更していません。',
  'run.error.bigquery_reason.not_a_path': 'project.dataset.table の形ではありません',
  'run.error.bigquery_reason.no_schema': 'BigQuery がスキーマを返しませんでした',
  'run.error.bigquery_reason.timeout': '{seconds} 秒以内に応答がありませんでした(ジョブ {job})',
  'sql.error.depth':
    'KPI ツリーを SQL にできません: 複合 KPI "{node}" の入れ子が {max} 段を超えています。浅くするか、スプレッドシートで計算してください。',
  'sql.error.children':
    'KPI ツリーを SQL にできません: 複合 KPI "{node}" の子が {max} 個を超えています。分けるか、スプレッドシートで計算してください。',
  'run.summary.item': '{node}: {since} から{state}',
  'run.summary.watch': '{node}: {since} から様子見',
  'run.digest.subject': 'KPI Lamp: 新しいランプ {count} 件',
  'run.digest.intro': '前回の実行以降に点灯したランプ:',
  'run.notice.digest_failed': 'ダイジェストのメールを送れませんでした({message})。実行そのものは完了しています。',
};
