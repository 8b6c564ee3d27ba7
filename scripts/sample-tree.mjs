/**
 * npm run sample:tree [-- --check]: writes sample/starter-tree.ja.json, the
 * sample's KPI tree in Japanese, from the one source of truth: the English
 * tree (sample/starter-tree.json: structure, bindings, thresholds) and the
 * table of Japanese words by node id (sample/starter-tree.ja-words.json:
 * names, definitions, actions, owners), by src/core/tree/translate.ts.
 * `--check` changes nothing and exits 1 when the file is not what this makes
 * (test/sample-tree.test.ts checks the same).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTs, root } from './load-ts.mjs';

const { japaneseStarterText, JA_TREE_FILE } = loadTs('src/local/sample-tree.ts');
const target = join(root, JA_TREE_FILE);
const made = japaneseStarterText();
const now = (() => {
  try {
    return readFileSync(target, 'utf8');
  } catch {
    return null;
  }
})();
if (process.argv.includes('--check')) {
  console.log(
    `${JA_TREE_FILE}: ${now === made ? 'as made from the English tree and the words' : 'differs (npm run sample:tree rewrites it)'}`,
  );
  process.exit(now === made ? 0 : 1);
}
if (now !== made) writeFileSync(target, made);
console.log(`${JA_TREE_FILE}: ${now === made ? 'unchanged' : 'written'}`);
