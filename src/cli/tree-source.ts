/** Where the command line takes the tree from: --tree FILE.json, else the workbook's tree sheets. */
import { readFileSync } from 'node:fs';
import { TREE_SHEET } from '../core/tree/sheet-rows';
import type { Tree } from '../core/tree/types';
import { parseTreeJson, TreeIssue } from '../core/tree/validate';
import { localText } from '../i18n/local-messages';
import type { Lang } from '../i18n/messages';
import { treeIssueText } from '../i18n/tree-issue-text';
import type { Workbook } from '../ports/workbook';
import { bindingText } from '../i18n/binding-text';
import { type BindingUse, workbookBindings } from '../server/bindings';
import { loadTree } from '../server/tree-store';

/** An input problem the command reports as one message and exit 2. */
export class InputError extends Error {}

function invalid(lang: Lang, issues: TreeIssue[]): InputError {
  return new InputError([localText(lang, 'tree.invalid'), ...issues.map((i) => `  - ${treeIssueText(lang, i)}`)].join('\n'));
}

export function resolveTree(lang: Lang, wb: Workbook, treeFile: string | undefined): Tree {
  if (treeFile) {
    let text: string;
    try {
      text = readFileSync(treeFile, 'utf8');
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (e as Error).message;
      throw new InputError(localText(lang, 'cli.error.tree_file', { path: treeFile, reason }));
    }
    const r = parseTreeJson(text.replace(/^\uFEFF/, ''));
    if (!r.ok) throw invalid(lang, r.issues);
    return r.tree;
  }
  const loaded = loadTree(wb);
  if (loaded.status === 'none') throw new InputError(localText(lang, 'tree.none', { sheet: TREE_SHEET }));
  if (loaded.status === 'invalid') throw invalid(lang, loaded.issues);
  return loaded.tree;
}

/**
 * Stops a command whose tree binds a sheet or column the workbook lacks
 * (server/bindings.ts), naming each with the closest existing name, rather
 * than reporting "0 at risk" or "too little history". Reads headers only.
 */
export function requireBindings(lang: Lang, wb: Workbook, tree: Tree, uses: readonly BindingUse[]): void {
  const missing = workbookBindings(wb, tree, uses);
  if (missing.length === 0) return;
  throw new InputError([localText(lang, 'binding.heading'), ...missing.map((m) => `  - ${bindingText(lang, m)}`)].join('\n'));
}
