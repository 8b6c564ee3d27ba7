/**
 * A lamp's report card and a KPI's verdict chip, as the Lamps tab and the
 * KPI tree tab show them: plain sentences first (src/i18n/evidence-text.ts,
 * the same words as the command line), the evidence badge with why, a
 * small-sample warning, the note that overlapping windows make the interval
 * optimistic, and the raw figures for those who want them. For a node over
 * the alert budget, its cut-off within budget as a one-click suggestion that
 * edits the draft tree (the caller decides what the click does).
 *
 * Every text enters the DOM as text. Colour is never the only signal: each
 * badge and chip carries its word.
 */
import type { LampCard, VerdictSummary } from '../core/lamps/assess';
import type { Evidence } from '../core/lamps/evidence';
import { evidenceText, type EvidenceKey } from '../i18n/evidence-messages';
import {
  budgetNodeText,
  cardText,
  evidenceWord,
  percent,
  verdictChip,
  verdictFigures,
  verdictSentence,
} from '../i18n/evidence-text';
import { num } from '../i18n/lamp-text';
import type { Lang, MessageKey, MessageParams } from '../i18n/messages';
import { el } from './tree-dom';

const EVIDENCE_ICON: Record<Evidence, string> = { proven: '✓', unproven: '?', contradicted: '✗' };

export function evidenceBadge(lang: Lang, e: Evidence, testid = 'card-evidence'): HTMLElement {
  return el(
    'span',
    { class: `kl-ev kl-ev-${e}`, 'data-testid': testid, 'data-evidence': e },
    `${EVIDENCE_ICON[e]} ${evidenceWord(lang, e)}`,
  );
}

type ChipVerdict = Pick<
  VerdictSummary,
  'inferred_kind' | 'best_lag' | 'r' | 'p_value' | 'warnings' | 'months' | 'lags' | 'significance'
>;

/** The verdict as a chip (leads by 3 months, moves after …, only a shared trend, …). */
export function chipElement(lang: Lang, v: ChipVerdict, kgi: string, testid: string): HTMLElement {
  const c = verdictChip(lang, v, kgi);
  return el('span', { class: `kl-chip kl-chip-${c.tone}`, 'data-testid': testid, 'data-chip': c.code }, c.text);
}

/** The verdict's sentence and, beside it, the raw r, p and lag with the number of lags tested. */
export function verdictDetail(lang: Lang, v: ChipVerdict, kgi: string): HTMLElement {
  const figures = verdictFigures(lang, v);
  return el(
    'div',
    { class: 'kl-card-verdict', 'data-testid': 'verdict-sentence-box' },
    chipElement(lang, v, kgi, 'verdict-chip'),
    el('p', { class: 'kl-card-line', 'data-testid': 'verdict-sentence' }, verdictSentence(lang, v, kgi)),
    figures ? el('p', { class: 'kl-card-raw gray', 'data-testid': 'verdict-figures' }, figures) : null,
  );
}

export interface CardOptions {
  /** The node's cut-off within budget is offered as a click on this (null: not offered). */
  onUseCutoff?: ((cutoff: number) => void) | null;
  budget?: { maxLit: number; accounts: number } | null;
  /** Open the card's <details> at once. */
  open?: boolean;
}

/** One lamp node's report card, collapsible: its summary line reads on its own. */
export function reportCard(lang: Lang, card: LampCard, kgi: string, opts: CardOptions = {}): HTMLElement {
  const tx = (key: EvidenceKey | MessageKey, params?: MessageParams) => evidenceText(lang, key, params);
  const t = cardText(lang, card, kgi);
  const b = card.backtest;
  const summary = el(
    'summary',
    { class: 'kl-card-summary', 'data-testid': 'card-summary' },
    el('strong', {}, card.name),
    ' ',
    evidenceBadge(lang, card.evidence),
    card.gated ? el('span', { class: 'kl-watch-tag', 'data-testid': 'card-watch-tag' }, tx('term.gated')) : null,
    el('span', { class: 'gray kl-card-share' }, ` · ${percent(card.today.share)}`),
  );
  const body: (HTMLElement | null)[] = [
    t.watch ? el('p', { class: 'kl-card-watch', 'data-testid': 'card-watch' }, t.watch) : null,
    el('p', { class: 'kl-card-line', 'data-testid': 'card-today' }, t.today),
    ...t.history.map((line) => el('p', { class: 'kl-card-line', 'data-testid': 'card-history' }, line)),
    el('p', { class: `kl-card-why kl-card-why-${card.evidence}`, 'data-testid': 'card-why' }, t.evidence),
    t.smallSample
      ? el('p', { class: 'kl-card-small', role: 'note', 'data-testid': 'card-small' }, `⚠ ${t.smallSample}`)
      : null,
    verdictDetail(lang, card.verdict, kgi),
    el('p', { class: 'kl-card-line', 'data-testid': 'card-suggest' }, t.suggestion),
  ];
  if (card.overBudget && opts.budget) {
    const [over, cut] = budgetNodeText(
      lang,
      card.name,
      card.today.share,
      card.today.lit,
      card.budgetCutoff,
      card.direction,
      opts.budget.maxLit,
      opts.budget.accounts,
    );
    const box = el(
      'div',
      { class: 'kl-card-budget', 'data-testid': 'card-budget' },
      el('p', { class: 'kl-card-line' }, over),
      el('p', { class: 'kl-card-line' }, cut),
    );
    if (card.budgetCutoff !== null && opts.onUseCutoff) {
      const cutoff = card.budgetCutoff;
      const use = el(
        'button',
        { type: 'button', class: 'kl-lp-small', 'data-testid': 'card-use-cutoff' },
        tx('budget.apply', { cutoff: num(cutoff) }),
      );
      use.addEventListener('click', () => opts.onUseCutoff?.(cutoff));
      box.append(use);
    }
    body.push(box);
  }
  body.push(
    el(
      'details',
      { class: 'kl-card-raw-box' },
      el('summary', { class: 'gray' }, tx('ui.card.raw')),
      el(
        'p',
        { class: 'kl-card-raw gray', 'data-testid': 'card-figures' },
        tx('ui.card.figures', {
          h: b.horizon_months,
          lit: b.lit,
          considered: b.considered,
          churned: b.churned,
          lit_churned: b.lit_churned,
        }),
      ),
    ),
    el('p', { class: 'kl-card-raw gray', 'data-testid': 'card-overlap' }, t.overlap),
  );
  const details = el(
    'details',
    { class: `kl-card kl-card-${card.evidence}`, 'data-testid': 'card', 'data-node': card.node },
    summary,
    el('div', { class: 'kl-card-body' }, ...body),
  );
  if (opts.open) details.open = true;
  return details;
}
