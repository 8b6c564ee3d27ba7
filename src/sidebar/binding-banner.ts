/**
 * The banner both panels show when the tree binds a sheet or column the
 * workbook lacks (server/bindings.ts): what to do, then each missing name
 * with the closest one there, in the sidebar's language (the same sentences
 * as the command line's and the run's, i18n/binding-text.ts). Text only.
 */
import type { MissingBinding } from '../core/tree/bindings';
import { bindingText } from '../i18n/binding-text';
import type { Lang } from '../i18n/messages';
import { el } from './tree-dom';

/** The banner, or null when nothing is missing. */
export function bindingBanner(
  lang: Lang,
  heading: string,
  missing: readonly MissingBinding[] | undefined,
): HTMLElement | null {
  if (!missing || missing.length === 0) return null;
  return el(
    'div',
    { class: 'error kl-bindings', role: 'alert', 'data-testid': 'bindings-banner' },
    el('p', {}, heading),
    el('ul', {}, ...missing.map((m) => el('li', { 'data-testid': 'bindings-item' }, bindingText(lang, m)))),
  );
}
