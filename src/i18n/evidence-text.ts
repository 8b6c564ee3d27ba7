/**
 * Evidence, report cards, verdict chips and the alert budget in words a
 * non-statistician reads in five seconds, with the raw figures beside them
 * for those who want them. One piece of code for the sidebar (Lamps and
 * KPI tree tabs) and the command line's report.
 *
 * Rules of wording:
 * - percentages of accounts and account-months: whole percent from 1% up,
 *   one decimal below; lifts: one decimal ("4.5×"), two below 2 ("0.84×");
 * - a raw p-value is never shown without the number of lags tested and the
 *   Bonferroni rule beside it ("13 lags tested (significant when p × 13 <
 *   0.05)"), so "not significant" never sits next to a bare small p;
 * - "the link is very unlikely to be chance" when p × lags < 0.001, "unlikely
 *   to be chance" when it is below the tree's significance.
 */
import type { LampCard, VerdictSummary } from '../core/lamps/assess';
import type { CurveSuggestion } from '../core/lamps/backtest';
import { MIN_CHURNED_ACCOUNTS, type Evidence, type EvidenceReason } from '../core/lamps/evidence';
import type { Direction } from '../core/tree/types';
import { evidenceText, type EvidenceKey } from './evidence-messages';
import { num } from './lamp-text';
import type { Lang, MessageKey, MessageParams } from './messages';

const tx = (lang: Lang, key: EvidenceKey | MessageKey, params?: MessageParams) => evidenceText(lang, key, params);

/** A share for people: 46%, 9%, 0.4%. */
export function percent(v: number | null): string {
  if (v === null) return '—';
  const x = v * 100;
  if (x === 0) return '0%';
  return Math.abs(x) >= 1 ? `${Math.round(x)}%` : `${x.toFixed(1)}%`;
}

/** A lift for people: 4.5, 12, 0.84; `like`: written with the decimals of that lift (an interval's ends follow its lift). */
export function times(v: number | null, like: number | null = v): string {
  if (v === null) return '—';
  const ref = like ?? v;
  if (ref >= 10) return v.toFixed(0);
  return ref >= 2 ? v.toFixed(1) : v.toFixed(2);
}

export function evidenceWord(lang: Lang, e: Evidence): string {
  return tx(lang, `term.${e}` as MessageKey);
}

interface ReasonContext {
  kgi: string;
  horizon: number;
  lift: number | null;
  ci: [number, number] | null;
}

export function reasonText(lang: Lang, reason: EvidenceReason, c: ReasonContext): string {
  return tx(lang, `evidence.reason.${reason}` as EvidenceKey, {
    kgi: c.kgi,
    h: c.horizon,
    lift: times(c.lift),
    lo: c.ci ? times(c.ci[0], c.lift) : '—',
    hi: c.ci ? times(c.ci[1], c.lift) : '—',
  });
}

/** "Contradicted: it moves after … ; accounts with it on churned less often …." */
export function evidenceBadgeText(
  lang: Lang,
  card: Pick<LampCard, 'evidence' | 'reasons' | 'backtest'>,
  kgi: string,
): string {
  const b = card.backtest;
  const why = card.reasons
    .map((r) => reasonText(lang, r, { kgi, horizon: b.horizon_months, lift: b.lift, ci: b.lift_ci95 }))
    .join(tx(lang, 'evidence.join'));
  return tx(lang, 'evidence.badge', { word: evidenceWord(lang, card.evidence), why });
}

/** The report card: the plain sentences, in the order they are read. */
export interface CardText {
  today: string;
  /** What happened in the history (or why nothing can be said yet). */
  history: string[];
  evidence: string;
  smallSample: string | null;
  watch: string | null;
  overlap: string;
  suggestion: string;
}

export function cardText(lang: Lang, card: LampCard, kgi: string): CardText {
  const b = card.backtest;
  const h = b.horizon_months;
  const today =
    card.today.lit === 0
      ? tx(lang, 'card.today.none')
      : tx(lang, 'card.today', {
          share: percent(card.today.share),
          lit: card.today.lit,
          accounts: card.today.accounts,
        });
  const history: string[] = [];
  if (b.considered === 0) history.push(tx(lang, 'card.no_history'));
  else if (b.churned === 0) history.push(tx(lang, 'card.no_churn'));
  else if (b.lit === 0) history.push(tx(lang, 'card.never_lit', { considered: b.considered }));
  else {
    const range = b.lift_ci95
      ? tx(lang, 'card.history.range', { lo: times(b.lift_ci95[0], b.lift), hi: times(b.lift_ci95[1], b.lift) })
      : tx(lang, 'card.history.no_range');
    history.push(
      tx(lang, 'card.history', {
        precision: percent(b.precision),
        h,
        base: percent(b.base_rate),
        lift: times(b.lift),
        range,
      }),
    );
    history.push(tx(lang, 'card.recall', { recall: percent(b.recall) }));
  }
  const n = Math.min(b.litChurnedAccounts, b.churnedAccounts);
  return {
    today,
    history,
    evidence: evidenceBadgeText(lang, card, kgi),
    smallSample: card.smallSample ? tx(lang, 'card.small_sample', { n, min: MIN_CHURNED_ACCOUNTS }) : null,
    watch: card.gated ? tx(lang, 'card.watch') : null,
    overlap: tx(lang, 'card.overlap'),
    suggestion: suggestionText(lang, card.suggestion, card.direction),
  };
}

/** "at or below 0.42" / "0.42 以下". */
export function cutoffAt(lang: Lang, cutoff: number, direction: Direction): string {
  return tx(lang, `suggest.at.${direction}` as EvidenceKey, { cutoff: num(cutoff) });
}

export function suggestionText(lang: Lang, s: CurveSuggestion, direction: Direction): string {
  if (s.kind === 'none_predicts') return tx(lang, 'suggest.none_predicts');
  if (s.kind === 'too_few_caught') return tx(lang, 'suggest.too_few_caught');
  return tx(lang, 'suggest.cutoff', {
    at: cutoffAt(lang, s.point.cutoff, direction),
    lift: times(s.point.lift),
    lo: times(s.ci[0], s.point.lift),
    hi: times(s.ci[1], s.point.lift),
    recall: percent(s.point.recall),
  });
}

// ---- verdicts ----------------------------------------------------------------------

export type ChipCode =
  | 'leads'
  | 'lags'
  | 'coincident'
  | 'shared_trend'
  | 'not_significant'
  | 'short_history'
  | 'no_history';
/** green: a lead, as a lamp needs; red: it moves after the KGI; amber: no lead shown; grey: cannot be judged. */
export type ChipTone = 'green' | 'red' | 'amber' | 'grey';

type VerdictLike = Pick<
  VerdictSummary,
  'inferred_kind' | 'best_lag' | 'r' | 'p_value' | 'warnings' | 'months' | 'lags' | 'significance'
>;

export function chipCode(v: VerdictLike): ChipCode {
  if (v.warnings.includes('no_history')) return 'no_history';
  if (v.warnings.includes('short_history')) return 'short_history';
  if (v.inferred_kind === 'leading') return 'leads';
  if (v.inferred_kind === 'lagging') return 'lags';
  if (v.inferred_kind === 'coincident') return 'coincident';
  if (v.warnings.includes('shared_trend')) return 'shared_trend';
  return 'not_significant';
}

const TONE: Record<ChipCode, ChipTone> = {
  leads: 'green',
  coincident: 'green',
  lags: 'red',
  shared_trend: 'amber',
  not_significant: 'amber',
  short_history: 'grey',
  no_history: 'grey',
};

export function verdictChip(lang: Lang, v: VerdictLike, kgi: string): { code: ChipCode; tone: ChipTone; text: string } {
  const code = chipCode(v);
  const n = Math.abs(v.best_lag ?? 0);
  const tone = code !== 'lags' && v.warnings.includes('wrong_direction') ? 'red' : TONE[code];
  const key = code === 'leads' && n === 1 ? 'chip.leads_one' : `chip.${code}`;
  return { code, tone, text: tx(lang, key as EvidenceKey, { n, kgi }) };
}

/** The verdict as one plain sentence (or two). */
export function verdictSentence(lang: Lang, v: VerdictLike, kgi: string): string {
  const code = chipCode(v);
  const n = Math.abs(v.best_lag ?? 0);
  const adjusted = v.p_value === null ? null : v.p_value * Math.max(1, v.lags);
  const chance = tx(lang, adjusted !== null && adjusted < 0.001 ? 'verdict.chance.very' : 'verdict.chance.unlikely');
  const wrong = v.warnings.includes('wrong_direction') ? tx(lang, 'verdict.wrong_direction') : '';
  switch (code) {
    case 'leads':
      return tx(lang, n === 1 ? 'verdict.leads_one' : 'verdict.leads', { n, kgi, chance }) + wrong;
    case 'lags':
      return tx(lang, n === 1 ? 'verdict.lags_one' : 'verdict.lags', { n, kgi, chance }) + wrong;
    case 'coincident':
      return tx(lang, 'verdict.coincident', { kgi, chance }) + wrong;
    case 'shared_trend':
      return tx(lang, 'verdict.shared_trend', { kgi });
    case 'not_significant':
      return tx(lang, 'verdict.not_significant', { lag: showLag(v.best_lag), lags: v.lags });
    case 'short_history':
      return tx(lang, 'verdict.short_history', { months: v.months });
    default:
      return tx(lang, 'verdict.no_history');
  }
}

const showLag = (lag: number | null): string => (lag === null ? '—' : lag > 0 ? `+${lag}` : String(lag));

/** The raw figures, always with the number of lags tested (Bonferroni); null when there are none. */
export function verdictFigures(lang: Lang, v: VerdictLike): string | null {
  if (v.best_lag === null || v.r === null) return null;
  const p = v.p_value === null ? '—' : v.p_value < 0.001 ? v.p_value.toExponential(1) : v.p_value.toPrecision(2);
  return tx(lang, 'verdict.figures', {
    lag: showLag(v.best_lag),
    r: v.r.toFixed(3),
    p,
    lags: v.lags,
    alpha: v.significance,
  });
}

// ---- the alert budget --------------------------------------------------------------

export interface BudgetLike {
  alert_budget: number;
  accounts: number;
  lit: number;
  lit_share: number | null;
  over: boolean;
}

export function budgetSummary(lang: Lang, b: BudgetLike): string {
  if (b.lit_share === null) return tx(lang, 'budget.summary.none', { budget: percent(b.alert_budget) });
  return tx(lang, 'budget.summary', {
    share: percent(b.lit_share),
    lit: b.lit,
    accounts: b.accounts,
    budget: percent(b.alert_budget),
    state: tx(lang, b.over ? 'budget.over' : 'budget.within'),
  });
}

/** For a node over budget: its share and its cut-off within budget (or why there is none). */
export function budgetNodeText(
  lang: Lang,
  name: string,
  share: number | null,
  lit: number,
  cutoff: number | null,
  direction: Direction,
  maxLit: number,
  accounts: number,
): string[] {
  return [
    tx(lang, 'budget.node.over', { name, share: percent(share), lit }),
    cutoff === null
      ? tx(lang, 'budget.cutoff.none')
      : tx(lang, 'budget.cutoff', { at: cutoffAt(lang, cutoff, direction), max: maxLit, accounts }),
  ];
}
