/**
 * The words of evidence, report cards, verdict chips and the alert budget,
 * in English and Japanese. Glossary words (proven, not yet proven,
 * contradicted, on watch, alert budget, share lit, cut-off within budget)
 * come from `term.*` of messages.ts. The sidebar and the command line read
 * these through evidence-text.ts; the Apps Script bundle does not carry them
 * (its size budget): the run needs only the glossary words.
 */
import { textFrom, type Lang, type MessageKey, type MessageParams } from './messages';

export const evidenceEn = {
  // ---- why a node has its evidence ----
  'evidence.reason.reverse_causation':
    'it moves after {kgi}, so it follows churn rather than warning of it (reverse causation suspected)',
  'evidence.reason.wrong_direction': 'it moves with {kgi} in the opposite direction to what the tree assumes',
  'evidence.reason.lift_below_one':
    'accounts with it on churned less often than the others (lift {lift}, 95% interval {lo}–{hi}, all below 1)',
  'evidence.reason.lift_above_one':
    'accounts with it on churned more often, and its whole 95% interval ({lo}–{hi}) is above 1',
  'evidence.reason.no_backtest': 'there is no history in Snapshots to test it on',
  'evidence.reason.nobody_churned': 'no account churned in the Snapshots history',
  'evidence.reason.never_lit': 'it never came on in the Snapshots history',
  'evidence.reason.no_lit_churned': 'no account churned within {h} months of it coming on',
  'evidence.reason.interval_contains_one':
    'its lift ({lift}, 95% interval {lo}–{hi}) could still be 1: no clear link yet',
  'evidence.badge': '{word}: {why}.',
  'evidence.join': '; ',
  // ---- the report card ----
  'card.today': 'Lights {share} of accounts today ({lit} of {accounts}).',
  'card.today.none': 'Lights no account today.',
  'card.history':
    'When it was on, {precision} churned within {h} months, against {base} overall: {lift}× as likely ({range}).',
  'card.history.range': 'between {lo}× and {hi}×',
  'card.history.no_range': 'too few churns for an interval',
  'card.recall': 'It was on in {recall} of the months before a churn.',
  'card.no_history': 'No Snapshots history to test it on yet.',
  'card.no_churn': 'No account churned in the Snapshots history, so it cannot be tested yet.',
  'card.never_lit': 'It never came on in the Snapshots history ({considered} account-months).',
  'card.small_sample':
    'Small sample: only {n} churned accounts behind these figures (fewer than {min}); treat them as rough.',
  'card.overlap': 'Counted in account-months; one account’s windows overlap, so the interval is optimistic.',
  'card.watch':
    'On watch — not counted: the team’s own data contradicts this lamp. It colours no row and sends no notice until the tree or the evidence changes.',
  // ---- verdict chips and sentences ----
  'chip.leads': 'leads by {n} months',
  'chip.leads_one': 'leads by 1 month',
  'chip.lags': 'moves after {kgi}',
  'chip.coincident': 'moves with {kgi}',
  'chip.shared_trend': 'only a shared trend',
  'chip.not_significant': 'not significant',
  'chip.short_history': 'too little history',
  'chip.no_history': 'no history',
  'verdict.leads': 'Moves about {n} months before {kgi}; {chance}.',
  'verdict.leads_one': 'Moves about 1 month before {kgi}; {chance}.',
  'verdict.lags': 'Moves about {n} months after {kgi}: it follows {kgi} rather than warning of it; {chance}.',
  'verdict.lags_one': 'Moves about 1 month after {kgi}: it follows {kgi} rather than warning of it; {chance}.',
  'verdict.coincident': 'Moves in the same month as {kgi}; {chance}.',
  'verdict.chance.very': 'the link is very unlikely to be chance',
  'verdict.chance.unlikely': 'the link is unlikely to be chance',
  'verdict.wrong_direction': ' But it moves in the opposite direction to what the tree says.',
  'verdict.shared_trend':
    'Only a shared trend: the levels rise and fall together, but the month-to-month changes do not, so it does not lead {kgi}.',
  'verdict.not_significant':
    'No lag stands out: the strongest link (lag {lag}) could be chance once {lags} lags are tested.',
  'verdict.short_history': 'Only {months} months have both series; at least 12 are needed to judge.',
  'verdict.no_history': 'There is no monthly series for this KPI (History or Snapshots).',
  'verdict.figures': 'lag {lag} · r {r} · p {p} · {lags} lags tested (significant when p × {lags} < {alpha})',
  // ---- suggestions from the curve ----
  'suggest.cutoff':
    'From the history: a cut-off {at} lights accounts {lift}× as likely to churn (between {lo}× and {hi}×) and catches {recall} of churn.',
  'suggest.at.higher_is_better': 'at or below {cutoff}',
  'suggest.at.lower_is_better': 'at or above {cutoff}',
  'suggest.none_predicts': 'No cut-off of this KPI predicts churn in the history (no lift above 1 with its interval).',
  'suggest.too_few_caught': 'Some cut-offs predict churn in the history, but each catches less than a third of it.',
  // ---- the alert budget ----
  'budget.summary': '{share} of accounts lit ({lit} of {accounts}); alert budget {budget}: {state}.',
  'budget.summary.none': 'No account to count; alert budget {budget}.',
  'budget.within': 'within budget',
  'budget.over': 'over budget',
  'budget.node': '{name}: {share} ({lit} accounts)',
  'budget.node.over': '{name} alone lights {share} ({lit} accounts), more than the budget.',
  'budget.cutoff': 'Cut-off within budget: {at} (lights at most {max} of {accounts} accounts on its own).',
  'budget.cutoff.none': 'No cut-off within budget: too many accounts share the same value.',
  'budget.apply': 'Use {cutoff} in the draft tree',
  'budget.applied': 'The draft tree now uses {cutoff} for {name}. Nothing is saved until you press Save.',
  // ---- the command line's report ----
  'report.watch': 'On watch (not counted: the evidence contradicts these lamps)',
  'report.watch.node': '{name}: on for {lit} accounts.',
  'report.watch.none': 'No lamp is on watch.',
  'report.watch.show': 'Evidence is shown, not used: settings.evidence is "show", so contradicted lamps still count.',
  'report.lit_line.watch': '    {state} {node} (on watch, not counted): {reason}',
  'report.nodes': 'Lamps, their evidence and the alert budget',
  'report.col.evidence': 'Evidence',
  'report.col.verdict': 'Verdict',
  'report.col.lit_today': 'On today',
  'report.col.share': 'Share',
  'report.col.budget_cutoff': 'Cut-off within budget',
  'report.cards': 'Report cards',
  'report.card.title': '{name} — {evidence}',
  // ---- the sidebar (Lamps and KPI tree tabs) ----
  'ui.cards': 'Lamps and their evidence',
  'ui.cards.help': 'Each lamp with its report card: does it come on before churn, in your own history?',
  'ui.card.summary': '{name} · {evidence} · lights {share}',
  'ui.card.summary.watch': '{name} · {evidence} · on watch',
  'ui.card.figures':
    'Backtest at {h} months: {lit} of {considered} account-months on, {churned} churned within the horizon, {lit_churned} of them with the lamp on.',
  'ui.card.raw': 'Raw figures',
  'ui.watch': 'On watch — not counted',
  'ui.watch.help':
    'These lamps are on, but the team’s own data contradicts them: they colour no row and send no notice.',
  'ui.watch.node': '{name}: on for {count} accounts',
  'ui.watch.accounts': 'Accounts with it on',
  'ui.watch.more': '… and {count} more',
  'ui.watch.none': 'No lamp is on watch.',
  'ui.watch.show': 'Evidence is only shown (tree setting “Evidence: show”): contradicted lamps still count.',
  'ui.lamp.watch': 'On watch, not counted',
  'ui.budget': 'Alert budget',
  'ui.budget.node': '{name}: {share} of accounts',
  'ui.not_run':
    'Press Run now to light the lamps: until then no account is listed as at risk. The report cards below describe the tree, not a result.',
  'ui.evidence_at': 'Evidence judged {at}',
  'ui.evidence_again': 'Judge the evidence again',
  'ui.count': '{matching} of {total} accounts at risk',
  'ui.more': 'Show {count} more',
  'ui.preview': 'With this threshold',
  'ui.preview.waiting': 'Counting…',
  'ui.preview.none': 'Give a warning or alert threshold to see what it would light.',
  'ui.preview.budget': 'Within the alert budget of {max} accounts.',
  'ui.preview.over': 'More than the alert budget of {max} accounts.',
  'ui.settings.evidence': 'Evidence',
  'ui.settings.evidence.gate': 'Gate: contradicted lamps go on watch and count nowhere',
  'ui.settings.evidence.show': 'Show only: every lamp counts, evidence beside it',
  'ui.settings.alert_budget': 'Alert budget (share of accounts the team can act on)',
  'ui.settings.alert_budget.bad': '“{value}” is not a share from 0 to 1 (0% to 100%)',
  'ui.verdict.sentence': 'In plain words',
  'ui.stat.lags': 'Lags tested (significant when p × lags < {alpha})',
};

export type EvidenceKey = keyof typeof evidenceEn;

export const evidenceJa: Record<EvidenceKey, string> = {
  'evidence.reason.reverse_causation': '{kgi}より後に動くため、解約を予告するのではなく後追いしています(逆因果の疑い)',
  'evidence.reason.wrong_direction': 'ツリーの想定とは逆方向に{kgi}と連動しています',
  'evidence.reason.lift_below_one':
    '点灯したアカウントのほうが解約が少なかった(リフト {lift}、95% 区間 {lo}〜{hi} がすべて 1 未満)',
  'evidence.reason.lift_above_one': '点灯したアカウントは解約が多く、95% 区間({lo}〜{hi})全体が 1 を超えています',
  'evidence.reason.no_backtest': '検証に使える Snapshots の履歴がありません',
  'evidence.reason.nobody_churned': 'Snapshots の期間に解約したアカウントがありません',
  'evidence.reason.never_lit': 'Snapshots の期間に一度も点灯していません',
  'evidence.reason.no_lit_churned': '点灯から {h} か月以内に解約したアカウントがありません',
  'evidence.reason.interval_contains_one':
    'リフト({lift}、95% 区間 {lo}〜{hi})が 1 である可能性を否定できず、関係はまだはっきりしません',
  'evidence.badge': '{word}: {why}。',
  'evidence.join': '。また、',
  'card.today': '現在 {share} のアカウントで点灯しています({accounts} 件中 {lit} 件)。',
  'card.today.none': '現在点灯しているアカウントはありません。',
  'card.history':
    '点灯していた月のうち {precision} が {h} か月以内に解約しました(全体では {base})。解約しやすさは {lift} 倍です({range})。',
  'card.history.range': '{lo}〜{hi} 倍',
  'card.history.no_range': '解約が少なく区間は出せません',
  'card.recall': '解約前の月の {recall} で点灯していました。',
  'card.no_history': '検証に使える Snapshots の履歴がまだありません。',
  'card.no_churn': 'Snapshots の期間に解約したアカウントがないため、まだ検証できません。',
  'card.never_lit': 'Snapshots の期間({considered} アカウント月)に一度も点灯していません。',
  'card.small_sample':
    'サンプルが少なめです: この数字の裏にある解約アカウントは {n} 社だけです({min} 社未満)。目安として見てください。',
  'card.overlap': '件数はアカウント月単位です。同じアカウントの期間が重なるため、区間は楽観的です。',
  'card.watch':
    '様子見 — 件数に数えません: チーム自身のデータがこのランプに反しています。ツリーか根拠が変わるまで、行の色付けも通知もしません。',
  'chip.leads': '{n}か月先行',
  'chip.leads_one': '1か月先行',
  'chip.lags': '{kgi}の後に動く',
  'chip.coincident': '{kgi}と同時に動く',
  'chip.shared_trend': '共通トレンドのみ',
  'chip.not_significant': '有意ではない',
  'chip.short_history': '履歴が不足',
  'chip.no_history': '履歴なし',
  'verdict.leads': '{kgi}より約 {n} か月先に動きます。{chance}。',
  'verdict.leads_one': '{kgi}より約 1 か月先に動きます。{chance}。',
  'verdict.lags': '{kgi}より約 {n} か月後に動きます。予兆ではなく{kgi}の後追いです。{chance}。',
  'verdict.lags_one': '{kgi}より約 1 か月後に動きます。予兆ではなく{kgi}の後追いです。{chance}。',
  'verdict.coincident': '{kgi}と同じ月に動きます。{chance}。',
  'verdict.chance.very': '偶然とはまず考えられない関係です',
  'verdict.chance.unlikely': '偶然とは考えにくい関係です',
  'verdict.wrong_direction': 'ただし、ツリーの想定とは逆方向です。',
  'verdict.shared_trend':
    '共通トレンドのみ: 水準は一緒に上下しますが、月ごとの変化は連動しておらず、{kgi}に先行していません。',
  'verdict.not_significant':
    '目立つラグはありません: 最も強い関係(ラグ {lag})も、{lags} 通りのラグを試したことを考えると偶然の可能性があります。',
  'verdict.short_history': '両方の系列がそろう月は {months} か月だけです。判定には 12 か月以上必要です。',
  'verdict.no_history': 'この KPI の月次系列(History または Snapshots)がありません。',
  'verdict.figures': 'ラグ {lag} · r {r} · p {p} · {lags} 通りのラグを検定(p × {lags} < {alpha} で有意)',
  'suggest.cutoff':
    '履歴から: しきい値を「{at}」にすると、点灯するアカウントの解約しやすさは {lift} 倍({lo}〜{hi} 倍)で、解約の {recall} を捉えます。',
  'suggest.at.higher_is_better': '{cutoff} 以下',
  'suggest.at.lower_is_better': '{cutoff} 以上',
  'suggest.none_predicts':
    'この KPI のどのしきい値も、履歴上は解約を予測しません(区間ごと 1 を超えるリフトがありません)。',
  'suggest.too_few_caught': '履歴上、解約を予測するしきい値はありますが、どれも解約の 3 分の 1 未満しか捉えません。',
  'budget.summary': '点灯率 {share}({accounts} 件中 {lit} 件)。アラート上限 {budget}: {state}。',
  'budget.summary.none': '数えるアカウントがありません。アラート上限 {budget}。',
  'budget.within': '上限内',
  'budget.over': '上限超過',
  'budget.node': '{name}: {share}({lit} 件)',
  'budget.node.over': '{name} だけで {share}({lit} 件)点灯しており、上限を超えています。',
  'budget.cutoff': '上限内のしきい値: 「{at}」(これだけで点灯するのは {accounts} 件中最大 {max} 件)。',
  'budget.cutoff.none': '上限内のしきい値はありません: 同じ値のアカウントが多すぎます。',
  'budget.apply': '下書きのツリーで {cutoff} を使う',
  'budget.applied': '下書きのツリーで {name} に {cutoff} を設定しました。「保存」を押すまで保存されません。',
  'report.watch': '様子見(件数に数えません: 根拠がこれらのランプに反しています)',
  'report.watch.node': '{name}: {lit} アカウントで点灯。',
  'report.watch.none': '様子見のランプはありません。',
  'report.watch.show': '根拠は表示のみです: settings.evidence が "show" のため、反証ありのランプも数えます。',
  'report.lit_line.watch': '    {state} {node}(様子見、件数に数えません): {reason}',
  'report.nodes': 'ランプ、その根拠、アラート上限',
  'report.col.evidence': '根拠',
  'report.col.verdict': '判定',
  'report.col.lit_today': '現在点灯',
  'report.col.share': '点灯率',
  'report.col.budget_cutoff': '上限内のしきい値',
  'report.cards': 'レポートカード',
  'report.card.title': '{name} — {evidence}',
  'ui.cards': 'ランプとその根拠',
  'ui.cards.help': '各ランプのレポートカード: 自社の履歴で、解約の前に点いていたか。',
  'ui.card.summary': '{name} · {evidence} · 点灯 {share}',
  'ui.card.summary.watch': '{name} · {evidence} · 様子見',
  'ui.card.figures':
    '{h} か月のバックテスト: {considered} アカウント月のうち点灯 {lit}、期間内に解約 {churned}、うち点灯していたもの {lit_churned}。',
  'ui.card.raw': '元の数値',
  'ui.watch': '様子見 — 件数に数えません',
  'ui.watch.help':
    'これらのランプは点灯していますが、チーム自身のデータがランプに反しています。行の色付けも通知もしません。',
  'ui.watch.node': '{name}: {count} アカウントで点灯',
  'ui.watch.accounts': '点灯しているアカウント',
  'ui.watch.more': '…ほか {count} 件',
  'ui.watch.none': '様子見のランプはありません。',
  'ui.watch.show': '根拠は表示のみです(ツリーの設定「根拠: 表示のみ」)。反証ありのランプも数えます。',
  'ui.lamp.watch': '様子見(件数に数えません)',
  'ui.budget': 'アラート上限',
  'ui.budget.node': '{name}: アカウントの {share}',
  'ui.not_run':
    '「今すぐ実行」でランプを点灯させます。それまでは要対応のアカウントを一覧にしません。下のレポートカードはツリーの説明で、実行結果ではありません。',
  'ui.evidence_at': '根拠の判定: {at}',
  'ui.evidence_again': '根拠を判定し直す',
  'ui.count': '要対応 {matching} 件(全 {total} アカウント中)',
  'ui.more': 'さらに {count} 件表示',
  'ui.preview': 'このしきい値なら',
  'ui.preview.waiting': '集計中…',
  'ui.preview.none': '注意ラインか警告ラインを入れると、点灯するアカウント数を表示します。',
  'ui.preview.budget': 'アラート上限({max} 件)以内です。',
  'ui.preview.over': 'アラート上限({max} 件)を超えます。',
  'ui.settings.evidence': '根拠',
  'ui.settings.evidence.gate': 'ゲート: 反証ありのランプは様子見にし、件数に数えない',
  'ui.settings.evidence.show': '表示のみ: すべてのランプを数え、根拠を横に表示',
  'ui.settings.alert_budget': 'アラート上限(チームが対応できるアカウントの割合)',
  'ui.settings.alert_budget.bad': '「{value}」は 0〜1(0%〜100%)の割合ではありません',
  'ui.verdict.sentence': 'ひとことで',
  'ui.stat.lags': '検定したラグの数(p × ラグ数 < {alpha} で有意)',
};

/** A text of this catalogue, else of the shared one (glossary words). */
export function evidenceText(lang: Lang, key: EvidenceKey | MessageKey, params?: MessageParams): string {
  return textFrom({ en: evidenceEn, ja: evidenceJa }, lang, key, params);
}
