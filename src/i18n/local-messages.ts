/**
 * What only the local tools say: the command line (its usage, errors, the
 * check and lamps reports' headings and columns), the workbook loaders
 * (src/local) and the playground (its server and its page). Never in Apps
 * Script: kept out of the shared catalogue and so out of dist/Code.js,
 * which every custom-function call loads. Read them with localText(); any
 * other key falls back to messages.ts.
 */
import { textFrom, type Lang, type MessageKey, type MessageParams } from './messages';

export const localEn = {
  'binding.heading': 'The workbook lacks what the KPI tree reads; nothing was judged:',
  'cli.cmd.check.summary': "judge the KPI tree against the workbook's history: does each KPI lead the KGI?",
  'cli.cmd.check.usage': 'kpi-lamp check <workbook> [--tree F] [--json] [--engine ts|duckdb] [--lang ja|en]',
  'cli.opt.tree': 'read the KPI tree from this JSON file instead of the workbook',
  'cli.error.tree_file': 'cannot read the tree file {path}: {reason}',
  'check.title': 'KPI tree check — KGI: {name}',
  'check.col.node': 'KPI',
  'check.col.declared': 'Declared',
  'check.col.inferred': 'Inferred',
  'check.col.lag': 'Best lag',
  'check.col.r': 'r',
  'check.col.pairs': 'Pairs',
  'check.col.p': 'p-value',
  'check.col.smart': 'SMART',
  'check.col.warnings': 'Warnings',
  'check.none': '—',
  'check.kind.none': 'None',
  'check.note':
    'Lag: positive = the KPI moves first. Tested on monthly changes, Bonferroni over the lags with at least 8 pairs.',
  'cli.error.import_csv_only':
    'import-tree writes into a CSV folder; for an .xlsx file, import the tree from the sidebar',
  'cli.cmd.lamps.summary':
    'light the lamps of every account and backtest them on Snapshots: did each lamp come on before churn?',
  'cli.cmd.lamps.usage':
    'kpi-lamp lamps <workbook> [--tree F] [--json] [--horizon N] [--unknown] [--all] [--engine ts|duckdb] [--lang ja|en]',
  'cli.opt.horizon': "backtest horizon in months (default: the tree's horizon_months)",
  'cli.opt.unknown': 'also list accounts whose worst lamp is "No data"',
  'cli.opt.all': 'list every account',
  'cli.error.bad_horizon': '--horizon must be a whole number of months from 1 to 24, not "{value}"',
  'cli.error.no_accounts_sheet': 'the workbook has no sheet "{sheet}" (the accounts sheet of the tree\'s settings)',
  'lamps.title': 'Lamps as of {date} — {count} accounts, {listed} listed',
  'lamps.col.account': 'Account',
  'lamps.col.owner': 'Owner',
  'lamps.col.plan': 'Plan',
  'lamps.col.arr': 'ARR',
  'lamps.col.renewal': 'Renewal',
  'lamps.col.severity': 'Lamp',
  'lamps.lit_line': '    {state} {node}: {reason} → {action}',
  'lamps.none_listed': 'No account needs action.',
  'lamps.col.node': 'KPI',
  'lamps.col.arr_at_risk': 'ARR at risk',
  'lamps.backtest': 'Backtest on Snapshots (horizon {horizon} months): did the lamp come on before churn?',
  'lamps.col.considered': 'Account-months',
  'lamps.col.lit': 'On',
  'lamps.col.churned': 'Churned',
  'lamps.col.lit_churned': 'On & churned',
  'lamps.col.base_rate': 'Base rate',
  'lamps.col.precision': 'Precision',
  'lamps.col.recall': 'Recall',
  'lamps.col.lift': 'Lift (95% CI)',
  'lamps.col.suggested': 'Suggested cut-off',
  'lamps.suggested': '{cutoff} (lift {lift}, recall {recall})',
  'lamps.suggested_none': '—',
  'lamps.backtest_note':
    'Counts are account-months; windows of one account overlap, so the interval is optimistic. Suggested cut-off: among cut-offs whose lift is above 1 with its whole interval, the best lift that still catches at least a third of churn.',
  'workbook.not_found': '{path}: no such file or folder',
  'workbook.unsupported': '{path}: not a workbook; give a folder of CSV files or an .xlsx file',
  'workbook.unsupported.single_csv':
    '{path}: this is a single CSV file; give the folder that holds the CSV files (one <sheet name>.csv per sheet)',
  'workbook.unsupported.xls': '{path}: the old .xls format is not read; save the file as .xlsx',
  'workbook.unreadable': '{file}: cannot be read ({detail})',
  'workbook.too_large':
    '{file}: {bytes} bytes, more than the {max} one CSV file can hold here; split it (by year, for example) or keep only the months you need',
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
  'cli.info.col.sheet': 'Sheet',
  'cli.info.col.rows': 'Rows',
  'cli.info.col.columns': 'Columns',
  'cli.info.headers': 'Headers:',
  'cli.info.blank_column': '(blank)',
  'playground.title': 'KPI Lamp playground',
  'playground.offline': 'Offline: no network, no Google account',
  'playground.workbook': 'Workbook: {path}',
  'playground.language': 'Language',
  'playground.loading': 'Loading the workbook…',
  'playground.sidebar': 'Sidebar',
  'playground.sheet_tabs': 'Sheets',
  'playground.sheet_empty': 'This sheet is empty.',
  'playground.error.title': 'The workbook cannot be opened',
  'playground.error.hint':
    'Start the playground on a folder of CSV files or an .xlsx file: npm start -- path/to/workbook',
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
  'playground.cell.range_in_arithmetic':
    'A range ({ref}) cannot be used in arithmetic here; Sheets needs ARRAYFORMULA for that.',
  'playground.cell.range_too_large':
    'The range {ref} has {cells} cells; the playground computes ranges of up to {max} cells (Sheets holds at most 10,000,000 cells in a whole spreadsheet).',
  'playground.cli.listening': 'KPI Lamp playground: {url}  (workbook: {path})',
  'playground.cli.stop': 'Press Ctrl+C to stop.',
  'playground.cli.workbook_error': 'The workbook cannot be opened: {message} (the page shows this too)',
  'playground.cli.smoke_ok':
    'KPI Lamp playground: {url} answered (workbook: {path}): the page, the sidebar and every sheet. Stopped.',
  'playground.cli.smoke_failed':
    'KPI Lamp playground: {url} (workbook: {path}) did not answer as it should:\n  {problems}',
  'playground.cell.div0': 'Function DIVIDE parameter 2 cannot be zero.',
  'workbook.unreadable.utf16': '{file}: UTF-16 text is not read; save the CSV as UTF-8 or Shift_JIS',
  'cli.info.kind.csv-folder': 'CSV folder',
  'cli.info.kind.xlsx': '.xlsx file',
  'cli.cmd.export-tree.summary': "print the workbook's KPI tree as kpi-lamp/tree@1 JSON",
  'cli.cmd.export-tree.usage': 'kpi-lamp export-tree <workbook> [--lang ja|en]',
  'cli.cmd.import-tree.summary': 'validate a kpi-lamp/tree@1 JSON file and store it in a CSV-folder workbook',
  'cli.cmd.import-tree.usage': 'kpi-lamp import-tree <workbook> <tree.json> [--lang ja|en]',
  'cli.import-tree.done': 'Stored a tree of {count} nodes in {path}',
  'workbook.unsupported.duckdb_xlsx':
    '{path}: the DuckDB engine reads a folder of CSV or Parquet files (one <sheet name>.csv or <sheet name>.parquet per sheet); for an .xlsx file, use --engine ts',
  'cli.opt.engine':
    'what computes the report: ts (the workbook read into memory; the default) or duckdb (embedded DuckDB over the CSV or Parquet files, for large workbooks)',
  'cli.error.bad_engine': '--engine must be ts or duckdb, not "{value}"',
  'cli.cmd.sql.summary':
    'print the KPI tree compiled to SQL (BigQuery or DuckDB), with its parameters, for running it yourself',
  'cli.cmd.sql.usage':
    'kpi-lamp sql <workbook | tree.json> --dialect bigquery|duckdb [--accounts-table T] [--snapshots-table T] [--horizon N] [--lang ja|en]',
  'cli.opt.dialect': 'the SQL to print: bigquery (BigQuery Standard SQL) or duckdb',
  'cli.opt.accounts_table':
    "the accounts table, e.g. project.dataset.accounts (default: the tree's accounts_table, else a placeholder)",
  'cli.opt.snapshots_table':
    "the snapshots table, e.g. project.dataset.snapshots (default: the tree's snapshots_table, else a placeholder)",
  'cli.error.bad_dialect': '--dialect must be bigquery or duckdb, not "{value}"',
  'cli.error.no_dialect': 'give the SQL dialect: --dialect bigquery or --dialect duckdb',
  'cli.error.bad_duckdb_table':
    '{option}: "{value}" is not a DuckDB view name; write a view name, bare or qualified (view, schema.view or catalog.schema.view), without quotes, backquotes or control characters',
  'cli.sql.placeholder_note':
    "Table names in angle brackets are placeholders: give --accounts-table and --snapshots-table, or set accounts_table and snapshots_table in the tree's settings.",
};

export type LocalKey = keyof typeof localEn;

export const localJa: Record<LocalKey, string> = {
  'binding.heading': 'KPI ツリーが読むシートや列がワークブックにありません(何も判定していません):',
  'cli.cmd.check.summary': 'KPI ツリーをワークブックの履歴で検証する: 各 KPI は KGI に先行しているか',
  'cli.cmd.check.usage': 'kpi-lamp check <workbook> [--tree F] [--json] [--engine ts|duckdb] [--lang ja|en]',
  'cli.opt.tree': 'KPI ツリーをワークブックではなくこの JSON ファイルから読む',
  'cli.error.tree_file': 'ツリーファイル {path} を読めません: {reason}',
  'check.title': 'KPI ツリーの検証 — KGI: {name}',
  'check.col.node': 'KPI',
  'check.col.declared': '宣言',
  'check.col.inferred': '推定',
  'check.col.lag': '最適ラグ',
  'check.col.r': 'r',
  'check.col.pairs': 'ペア数',
  'check.col.p': 'p 値',
  'check.col.smart': 'SMART',
  'check.col.warnings': '警告',
  'check.none': '—',
  'check.kind.none': 'なし',
  'check.note':
    'ラグ: 正の値は KPI が先に動くことを示します。月次の変化で検定し、ペアが 8 以上のラグについてボンフェローニ補正をしています。',
  'cli.error.import_csv_only':
    'import-tree は CSV フォルダーに書き込みます。.xlsx ファイルにはサイドバーからインポートしてください',
  'cli.cmd.lamps.summary': '全アカウントのランプを点灯判定し、Snapshots でバックテストする: ランプは解約の前に点いたか',
  'cli.cmd.lamps.usage':
    'kpi-lamp lamps <workbook> [--tree F] [--json] [--horizon N] [--unknown] [--all] [--engine ts|duckdb] [--lang ja|en]',
  'cli.opt.horizon': 'バックテストの期間(か月、既定はツリーの horizon_months)',
  'cli.opt.unknown': '最悪のランプが「データなし」のアカウントも表示',
  'cli.opt.all': 'すべてのアカウントを表示',
  'cli.error.bad_horizon': '--horizon は 1〜24 の整数(か月)です("{value}" は使えません)',
  'cli.error.no_accounts_sheet': 'ワークブックにシート "{sheet}"(ツリー設定のアカウントシート)がありません',
  'lamps.title': '{date} 時点のランプ — {count} アカウント中 {listed} 件を表示',
  'lamps.col.account': 'アカウント',
  'lamps.col.owner': '担当者',
  'lamps.col.plan': 'プラン',
  'lamps.col.arr': 'ARR',
  'lamps.col.renewal': '更新日',
  'lamps.col.severity': 'ランプ',
  'lamps.lit_line': '    {state} {node}: {reason} → {action}',
  'lamps.none_listed': '要対応のアカウントはありません。',
  'lamps.col.node': 'KPI',
  'lamps.col.arr_at_risk': 'リスクARR',
  'lamps.backtest': 'Snapshots でのバックテスト(期間 {horizon} か月): ランプは解約の前に点いたか',
  'lamps.col.considered': 'アカウント月',
  'lamps.col.lit': '点灯',
  'lamps.col.churned': '解約',
  'lamps.col.lit_churned': '点灯かつ解約',
  'lamps.col.base_rate': 'ベース率',
  'lamps.col.precision': '適合率',
  'lamps.col.recall': '再現率',
  'lamps.col.lift': 'リフト(95% 区間)',
  'lamps.col.suggested': '推奨ライン',
  'lamps.suggested': '{cutoff}(リフト {lift}、再現率 {recall})',
  'lamps.suggested_none': '—',
  'lamps.backtest_note':
    '件数はアカウント月単位です。同じアカウントの期間が重なるため、区間は楽観的です。推奨ライン: リフトの区間全体が 1 を超えるラインのうち、解約の 3 分の 1 以上を捉え、リフトが最も高いもの。',
  'workbook.not_found': '{path}: ファイルまたはフォルダーが見つかりません',
  'workbook.unsupported':
    '{path}: ワークブックではありません。CSV ファイルのフォルダーか .xlsx ファイルを指定してください',
  'workbook.unsupported.single_csv':
    '{path}: CSV ファイル単体です。CSV ファイルを入れたフォルダー(シートごとに <シート名>.csv)を指定してください',
  'workbook.unsupported.xls': '{path}: 旧形式の .xls は読めません。.xlsx で保存し直してください',
  'workbook.unreadable': '{file}: 読み込めません({detail})',
  'workbook.too_large':
    '{file}: {bytes} バイトあり、1 つの CSV ファイルの上限 {max} バイトを超えています。ファイルを(年ごとなどに)分けるか、必要な月だけを残してください',
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
  'cli.info.col.sheet': 'シート',
  'cli.info.col.rows': '行数',
  'cli.info.col.columns': '列数',
  'cli.info.headers': 'ヘッダー:',
  'cli.info.blank_column': '(空欄)',
  'playground.title': 'KPI Lamp プレイグラウンド',
  'playground.offline': 'オフライン: ネットワークも Google アカウントも不要',
  'playground.workbook': 'ワークブック: {path}',
  'playground.language': '言語',
  'playground.loading': 'ワークブックを読み込み中…',
  'playground.sidebar': 'サイドバー',
  'playground.sheet_tabs': 'シート',
  'playground.sheet_empty': 'このシートは空です。',
  'playground.error.title': 'ワークブックを開けません',
  'playground.error.hint':
    'CSV ファイルのフォルダーか .xlsx ファイルを指定して起動してください: npm start -- path/to/workbook',
  'playground.error.sheet_title': 'このシートは表示できません',
  'playground.error.internal': 'プレイグラウンドでエラーが起きました: {message}',
  'playground.error.bad_request': 'プレイグラウンドがこのリクエストを読めません: {detail}',
  'playground.error.no_build':
    'ビルドしたアドオン({file})がありません。npm run build を実行するか、npm start で起動してください。',
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
  'playground.cell.range_in_arithmetic': 'ここでは範囲({ref})を計算に使えません。Sheets では ARRAYFORMULA が必要です。',
  'playground.cell.range_too_large':
    '範囲 {ref} は {cells} セルあります。プレイグラウンドが計算する範囲は {max} セルまでです(Sheets でもスプレッドシート全体で 10,000,000 セルまでです)。',
  'playground.cli.listening': 'KPI Lamp プレイグラウンド: {url}  (ワークブック: {path})',
  'playground.cli.stop': 'Ctrl+C で終了します。',
  'playground.cli.workbook_error': 'ワークブックを開けません: {message}(ページにも表示します)',
  'playground.cli.smoke_ok':
    'KPI Lamp プレイグラウンド: {url} が応答しました(ワークブック: {path})。ページ、サイドバー、すべてのシートを確認し、終了しました。',
  'playground.cli.smoke_failed':
    'KPI Lamp プレイグラウンド: {url}(ワークブック: {path})が正しく応答しませんでした:\n  {problems}',
  'playground.cell.div0': '関数 DIVIDE のパラメータ 2 に 0 は指定できません。',
  'workbook.unreadable.utf16': '{file}: UTF-16 のテキストは読めません。CSV を UTF-8 か Shift_JIS で保存してください',
  'cli.info.kind.csv-folder': 'CSV フォルダー',
  'cli.info.kind.xlsx': '.xlsx ファイル',
  'cli.cmd.export-tree.summary': 'ワークブックの KPI ツリーを kpi-lamp/tree@1 形式の JSON で出力',
  'cli.cmd.export-tree.usage': 'kpi-lamp export-tree <workbook> [--lang ja|en]',
  'cli.cmd.import-tree.summary': 'kpi-lamp/tree@1 形式の JSON を検証し、CSV フォルダーのワークブックに保存',
  'cli.cmd.import-tree.usage': 'kpi-lamp import-tree <workbook> <tree.json> [--lang ja|en]',
  'cli.import-tree.done': '{count} ノードのツリーを {path} に保存しました',
  'workbook.unsupported.duckdb_xlsx':
    '{path}: DuckDB エンジンが読むのは CSV または Parquet ファイルのフォルダー(シートごとに <シート名>.csv か <シート名>.parquet)です。.xlsx ファイルには --engine ts を使ってください',
  'cli.opt.engine':
    'レポートを計算するエンジン: ts(ワークブックをメモリに読み込む。既定)または duckdb(組み込みの DuckDB で CSV・Parquet ファイルを直接読む。大きなワークブック向け)',
  'cli.error.bad_engine': '--engine には ts か duckdb を指定してください("{value}" は使えません)',
  'cli.cmd.sql.summary':
    'KPI ツリーを SQL(BigQuery または DuckDB)にコンパイルし、パラメータと一緒に表示する(自分で実行する人向け)',
  'cli.cmd.sql.usage':
    'kpi-lamp sql <workbook | tree.json> --dialect bigquery|duckdb [--accounts-table T] [--snapshots-table T] [--horizon N] [--lang ja|en]',
  'cli.opt.dialect': '表示する SQL: bigquery(BigQuery 標準 SQL)または duckdb',
  'cli.opt.accounts_table':
    'アカウントのテーブル(例: project.dataset.accounts。既定はツリー設定の accounts_table、なければプレースホルダー)',
  'cli.opt.snapshots_table':
    'スナップショットのテーブル(例: project.dataset.snapshots。既定はツリー設定の snapshots_table、なければプレースホルダー)',
  'cli.error.bad_dialect': '--dialect には bigquery か duckdb を指定してください("{value}" は使えません)',
  'cli.error.no_dialect': 'SQL の方言を指定してください: --dialect bigquery または --dialect duckdb',
  'cli.error.bad_duckdb_table':
    '{option}: "{value}" は DuckDB のビュー名ではありません。ビュー名を、そのまま、または修飾して(view、schema.view、catalog.schema.view)、引用符・バッククォート・制御文字なしで書いてください',
  'cli.sql.placeholder_note':
    '山かっこで囲んだテーブル名はプレースホルダーです。--accounts-table と --snapshots-table を指定するか、ツリー設定の accounts_table と snapshots_table を設定してください。',
};

const localCatalogues: Record<Lang, Record<LocalKey, string>> = { en: localEn, ja: localJa };

/** A local tool's text (or any catalogue text) in a language, {name} placeholders filled. */
export function localText(lang: Lang, key: LocalKey | MessageKey, params?: MessageParams): string {
  return textFrom(localCatalogues, lang, key, params);
}

/** Whether a text is a key of the local tools' catalogue (for keys built at run time). */
export function isLocalKey(key: string): key is LocalKey {
  return Object.prototype.hasOwnProperty.call(localEn, key);
}
