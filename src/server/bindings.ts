/**
 * The binding check of core/tree/bindings.ts over the workbook port: what
 * the sidebar, the run and the command line call; it reads header rows only.
 */
import { missingBindings, type BindingUse, type MissingBinding, type SheetHeaders } from '../core/tree/bindings';
import type { Tree } from '../core/tree/types';
import type { Workbook } from '../ports/workbook';

export { missingBindings, type BindingUse, type BoundBy, type MissingBinding, type SheetHeaders } from '../core/tree/bindings';

/** SheetHeaders over the workbook port (each sheet read once, when first asked). */
export function portHeaders(wb: Pick<Workbook, 'sheetNames' | 'headerRow'>): SheetHeaders {
  const cache = new Map<string, readonly string[] | null>();
  return {
    names: wb.sheetNames(),
    header(sheet) {
      if (!cache.has(sheet)) cache.set(sheet, wb.headerRow(sheet));
      return cache.get(sheet) ?? null;
    },
  };
}

/** Every sheet and column the tree binds for these uses that the workbook lacks (see core/tree/bindings.ts). */
export function workbookBindings(wb: Pick<Workbook, 'sheetNames' | 'headerRow'>, tree: Tree, uses: readonly BindingUse[]): MissingBinding[] {
  return missingBindings(tree, portHeaders(wb), uses);
}
