/**
 * The sample's KPI tree in each language: English in sample/starter-tree.json
 * (the one source of truth), Japanese made from it and the table of
 * Japanese words (sample/starter-tree.ja-words.json) by translateTree, and
 * written to sample/starter-tree.ja.json by `npm run sample:tree` so that a
 * person can import it and the Apps Script bundle can carry it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { translateTree, treeFileText, type TreeTranslation } from '../core/tree/translate';

export const EN_TREE_FILE = 'sample/starter-tree.json';
export const JA_TREE_FILE = 'sample/starter-tree.ja.json';
export const JA_WORDS_FILE = 'sample/starter-tree.ja-words.json';

const ROOT = join(__dirname, '..', '..');
const readJson = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));

/** The text sample/starter-tree.ja.json must have. */
export function japaneseStarterText(): string {
  return treeFileText(translateTree(readJson(EN_TREE_FILE), readJson(JA_WORDS_FILE) as TreeTranslation));
}
