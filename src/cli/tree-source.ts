/** Where the command line takes the tree from: --tree FILE.json, else the workbook's tree sheets. */
import { readFileSync } from 'node:fs';
import { TREE_SHEET } from '../core/tree/sheet-rows';
import type { Tree } from '../core/tree/types';
import { parseTreeJson, type TreeIssue } from '../core/tree/validate';
import { KeyedError } from '../i18n/keyed-error';
import { localText, type LocalKey } from '../i18n/local-messages';
import type { Lang, MessageKey, MessageParams } from '../i18n/messages';
import { treeIssueText } from '../i18n/tree-issue-text';
import type { Workbook } from '../ports/workbook';
import { bindingText } from '../i18n/binding-text';
import { type BindingUse, workbookBindings } from '../server/bindings';
import { loadTree } from '../server/tree-store';

/**
 * An input problem the command reports as one message and exit 2: a keyed
 * message in the command's language and, under it, the problems it lists
 * (each already in that language), one per line.
 */
export class InputError extends KeyedError<LocalKey | MessageKey> {
  constructor(
    key: LocalKey | MessageKey,
    params: MessageParams,
    lang: Lang,
    readonly items: readonly string[] = [],
  ) {
    super(key, params, lang, localText);
    this.name = 'InputError';
    this.message = [this.message, ...items.map((i) => `  - ${i}`)].join('\n');
  }

  messageIn(lang: Lang): string {
    return [super.messageIn(lang), ...this.items.map((i) => `  - ${i}`)].join('\n');
  }
}

/** The tree's problems, each naming its node and row. */
export function invalidTree(lang: Lang, issues: readonly TreeIssue[]): InputError {
  return new InputError(
    'tree.invalid',
    {},
    lang,
    issues.map((i) => treeIssueText(lang, i)),
  );
}

/** A tree from a `kpi-lamp/tree@1` JSON file (a BOM allowed); an unreadable or invalid file is an InputError. */
export function treeFromFile(lang: Lang, treeFile: string): Tree {
  let text: string;
  try {
    text = readFileSync(treeFile, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (e as Error).message;
    throw new InputError('cli.error.tree_file', { path: treeFile, reason }, lang);
  }
  const r = parseTreeJson(text.replace(/^\uFEFF/, ''));
  if (!r.ok) throw invalidTree(lang, r.issues);
  return r.tree;
}

export function resolveTree(lang: Lang, wb: Workbook, treeFile: string | undefined): Tree {
  if (treeFile) return treeFromFile(lang, treeFile);
  const loaded = loadTree(wb);
  if (loaded.status === 'none') throw new InputError('tree.none', { sheet: TREE_SHEET }, lang);
  if (loaded.status === 'invalid') throw invalidTree(lang, loaded.issues);
  return loaded.tree;
}

/**
 * Stops a command whose tree binds a sheet or column the workbook lacks
 * (server/bindings.ts), naming each with the closest existing name, rather
 * than reporting "0 at risk" or "too little history". Reads headers only.
 */
export function requireBindings(
  lang: Lang,
  wb: Pick<Workbook, 'sheetNames' | 'headerRow'>,
  tree: Tree,
  uses: readonly BindingUse[],
): void {
  const missing = workbookBindings(wb, tree, uses);
  if (missing.length === 0) return;
  throw new InputError(
    'binding.heading',
    {},
    lang,
    missing.map((m) => bindingText(lang, m)),
  );
}
