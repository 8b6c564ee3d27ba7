/**
 * docs/limits.md and docs/limits.ja.md give every ceiling with the figure
 * the code enforces: each constant below must appear in both, written as
 * the docs write numbers (1,000,000). A ceiling changed in the code and not
 * in the docs fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_CELL_WIDTH } from '../src/cli/text-table';
import { MAX_COMPARED } from '../src/core/text/closest-name';
import { TREE_LIMITS } from '../src/core/tree/limits';
import { LEADLAG_MAX_CELLS, LEADLAG_MAX_WORK } from '../src/functions/leadlag';
import { LTV_SBG_MAX_PERIODS } from '../src/functions/ltv-sbg';
import { MAX_STRING_LENGTH } from '../src/local/load-workbook';
import { MAX_RANGE_CELLS } from '../src/playground/formulas';
import { MAX_BODY } from '../src/playground/server';
import { EVIDENCE_MAX_AGE_DAYS } from '../src/server/evidence-store';
import { MAX_LIMIT, MAX_MEMO, MAX_TEXT } from '../src/server/lamps-api';

const DOCS = join(__dirname, '..', 'docs');
const docs = {
  en: readFileSync(join(DOCS, 'limits.md'), 'utf8'),
  ja: readFileSync(join(DOCS, 'limits.ja.md'), 'utf8'),
};
const shown = (n: number) => n.toLocaleString('en-US');

const ceilings: [string, number][] = [
  ['tree nodes', TREE_LIMITS.nodes],
  ['tree levels', TREE_LIMITS.levels],
  ['characters of a text', TREE_LIMITS.textChars],
  ['plans in by_plan', TREE_LIMITS.plans],
  ['characters of a tree JSON', TREE_LIMITS.jsonChars],
  ['JSON nesting', TREE_LIMITS.jsonDepth],
  ['=LTV_SBG periods', LTV_SBG_MAX_PERIODS],
  ['=LEADLAG cells per series', LEADLAG_MAX_CELLS],
  ['=LEADLAG periods × lags', LEADLAG_MAX_WORK],
  ['playground range cells', MAX_RANGE_CELLS],
  ['playground request bytes', MAX_BODY],
  ['a 対応中 memo', MAX_MEMO],
  ['an id or filter sent by the sidebar', MAX_TEXT],
  ['accounts listed per round trip', MAX_LIMIT],
  ['bytes of one CSV file', MAX_STRING_LENGTH],
  ['a table cell on screen', MAX_CELL_WIDTH],
  ['names compared for a hint', MAX_COMPARED],
];

describe.each(['en', 'ja'] as const)('docs/limits (%s) gives every ceiling the code enforces', (lang) => {
  it.each(ceilings)('%s: %d', (_what, n) => {
    // In a table row or a sentence, as a whole number (not a part of a larger one).
    expect(docs[lang]).toMatch(new RegExp(`(^|[^\\d,.])${shown(n)}([^\\d,]|$)`, 'm'));
  });

  it('says how long evidence is kept', () => {
    expect(docs[lang]).toContain(lang === 'en' ? 'a week at most' : '最長 1 週間');
    expect(EVIDENCE_MAX_AGE_DAYS).toBe(7);
  });
});
