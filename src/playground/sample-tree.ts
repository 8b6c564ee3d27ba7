/**
 * The playground's sample speaks the page's language: while the workbook's
 * KPI tree is exactly one of the sample's two trees (sample/starter-tree.json
 * and its Japanese twin, the same structure and thresholds), choosing a
 * language puts that language's tree in its place, so that a Japanese page
 * shows Japanese KPI names, and the run writes them into the lamp column and
 * the Log. A tree anyone has changed is theirs: it is never replaced. (In
 * Sheets nothing like this happens: a team's tree is its own data.)
 */
import starterEn from '../../sample/starter-tree.json';
import starterJa from '../../sample/starter-tree.ja.json';
import { treeToJson, validateTree } from '../core/tree/validate';
import type { Lang } from '../i18n/messages';
import type { Workbook } from '../ports/workbook';
import { loadTree, saveTree } from '../server/tree-store';

const SAMPLE_TREES: Record<Lang, unknown> = { en: starterEn, ja: starterJa };

/** A tree document as it reads back from a workbook (defaults filled in), for comparing. */
function canonical(doc: unknown): string {
  const r = validateTree(JSON.parse(JSON.stringify(doc)));
  if (!r.ok) throw new Error('the sample tree is invalid');
  return treeToJson(r.tree);
}

/** Puts the sample's tree in `lang` in place of the sample's tree in the other language; true when it did. */
export function followSampleTree(wb: Workbook, lang: Lang): boolean {
  const loaded = loadTree(wb);
  if (loaded.status !== 'ok') return false;
  const now = treeToJson(loaded.tree);
  if (now === canonical(SAMPLE_TREES[lang])) return false;
  const isSample = (Object.keys(SAMPLE_TREES) as Lang[]).some((l) => l !== lang && now === canonical(SAMPLE_TREES[l]));
  if (!isSample) return false;
  return saveTree(wb, SAMPLE_TREES[lang]).ok;
}
