/**
 * A lamp node's value for people, by the node's kind of value
 * (core/tree/value-kind.ts): a rate as a whole percentage (0.111962 → 11%;
 * under 1%, one decimal), any other number with at most two decimals
 * (0.111962 → 0.11, 1234.5 → 1,234.5). Beside a threshold, a value that
 * would read the same as the threshold without being equal to it gets the
 * decimals that tell them apart (0.296 against 0.3: 29.6%, not 30%).
 */
import type { ValueKind } from '../core/tree/value-kind';
import type { Lang } from './messages';

function fixed(v: number, decimals: number, lang: Lang): string {
  return v.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US', {
    maximumFractionDigits: decimals,
    minimumFractionDigits: 0,
  });
}

function shown(v: number, kind: ValueKind, lang: Lang, extra: number): string {
  if (kind === 'rate') {
    const pct = v * 100;
    const d = (pct !== 0 && Math.abs(pct) < 1 ? 1 : 0) + extra;
    return `${fixed(pct, d, lang)}%`;
  }
  const d = (v !== 0 && Math.abs(v) < 0.01 ? 3 : 2) + extra;
  return fixed(v, d, lang);
}

/** The value (and, given, the threshold it is read against) as text; '—' for none. */
export function valueText(v: number | null, kind: ValueKind, lang: Lang, against: number | null = null): string {
  if (v === null || !Number.isFinite(v)) return '—';
  let extra = 0;
  // Up to three more decimals, until the two read apart (they always do by then, or are equal).
  while (
    against !== null &&
    extra < 3 &&
    v !== against &&
    shown(v, kind, lang, extra) === shown(against, kind, lang, extra)
  )
    extra++;
  return shown(v, kind, lang, extra);
}

/** A threshold as text, with the decimals its value needed (so that the two read alike). */
export function thresholdText(threshold: number | null, kind: ValueKind, lang: Lang, value: number | null): string {
  if (threshold === null) return '—';
  return value === null ? valueText(threshold, kind, lang) : valueText(threshold, kind, lang, value);
}
