/** A missing sheet or column the tree binds (server/bindings.ts), in a person's language, with its hint. */
import type { BoundBy, MissingBinding } from '../core/tree/bindings';
import { t, type Lang, type MessageParams } from './messages';

export function bindingText(lang: Lang, m: MissingBinding): string {
  const by =
    'setting' in m.by
      ? t(lang, 'binding.by.setting', { setting: m.by.setting })
      : t(lang, 'binding.by.node', { node: m.by.node, field: m.by.field });
  const text =
    m.what === 'sheet'
      ? t(lang, 'binding.sheet', { by, sheet: m.sheet })
      : t(lang, 'binding.column', { by, column: m.column, sheet: m.sheet });
  return m.hint === null ? text : text + t(lang, 'binding.hint', { name: m.hint });
}

/**
 * A missing binding as message parameters (flat, plain values): a run's
 * error keeps them, so that whoever reads it later reads it in their own
 * language (bindingText over bindingOfParams).
 */
export function bindingParams(m: MissingBinding): MessageParams {
  const by = m.by;
  return {
    what: m.what,
    sheet: m.sheet,
    column: m.column ?? null,
    setting: 'setting' in by ? by.setting : null,
    node: 'node' in by ? by.node : null,
    field: 'node' in by ? by.field : null,
    hint: m.hint,
  };
}

/** The missing binding bindingParams made, or null when the parameters are not one. */
export function bindingOfParams(p: MessageParams): MissingBinding | null {
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  const sheet = text(p.sheet);
  if (sheet === null || (p.what !== 'sheet' && p.what !== 'column')) return null;
  const setting = text(p.setting);
  const node = text(p.node);
  let by: BoundBy;
  if (setting !== null) by = { setting };
  else if (node !== null && (p.field === 'accounts_column' || p.field === 'history_column'))
    by = { node, field: p.field };
  else return null;
  const m: MissingBinding = { what: p.what, sheet, by, hint: text(p.hint) };
  if (p.what === 'column') m.column = text(p.column) ?? '';
  return m;
}
