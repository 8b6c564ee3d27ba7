/** Lamp reasons and numbers in a person's language. */
import type { LampReason } from '../core/lamps/evaluate';
import { t, type Lang } from './messages';

/** A number for people: up to 4 significant digits, no float noise (0.30000000000000004 → 0.3). */
export function num(v: number): string {
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  return String(Number(v.toPrecision(4)));
}

export function lampReasonText(lang: Lang, r: LampReason): string {
  switch (r.code) {
    case 'no_column':
      return t(lang, 'lamp.reason.no_column', { column: r.column });
    case 'no_value':
      return t(lang, 'lamp.reason.no_value', { column: r.column });
    case 'child_unknown':
      return t(lang, 'lamp.reason.child_unknown', { child: r.child });
    case 'floor':
      return t(lang, r.direction === 'higher_is_better' ? 'lamp.reason.floor_low' : 'lamp.reason.floor_high', { child: r.child, value: num(r.value), floor: num(r.floor) });
    case 'threshold': {
      const key = `lamp.reason.${r.level}_${r.direction === 'higher_is_better' ? 'low' : 'high'}` as 'lamp.reason.warn_low';
      return t(lang, key, { value: num(r.value), threshold: num(r.threshold) });
    }
    case 'ok':
      return r.threshold === null
        ? t(lang, 'lamp.reason.ok_plain', { value: num(r.value) })
        : t(lang, r.direction === 'higher_is_better' ? 'lamp.reason.ok_low' : 'lamp.reason.ok_high', { value: num(r.value), threshold: num(r.threshold) });
  }
}
