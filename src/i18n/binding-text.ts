/** A missing sheet or column the tree binds (server/bindings.ts), in a person's language, with its hint. */
import type { MissingBinding } from '../core/tree/bindings';
import { t, type Lang } from './messages';

export function bindingText(lang: Lang, m: MissingBinding): string {
  const by = 'setting' in m.by ? t(lang, 'binding.by.setting', { setting: m.by.setting }) : t(lang, 'binding.by.node', { node: m.by.node, field: m.by.field });
  const text = m.what === 'sheet' ? t(lang, 'binding.sheet', { by, sheet: m.sheet }) : t(lang, 'binding.column', { by, column: m.column, sheet: m.sheet });
  return m.hint === null ? text : text + t(lang, 'binding.hint', { name: m.hint });
}
