import { NpsCounter, NpsSummary } from '../core/metrics/nps';
import { describe, isBlank, isDate, numberCell, SheetError, toRange, assertFinite } from './args';
import { defaultEnv, FunctionEnv } from './env';

const FN = 'NPS';
export const NPS_HEADER = ['group', 'nps', 'responses', 'promoters', 'passives', 'detractors', 'margin95'];

const isScore = (n: number) => n >= 0 && n <= 10;

/** A group cell compared as text: numbers by their digits, dates as yyyy-mm-dd. */
function groupKey(v: unknown, env: FunctionEnv): string {
  if (isBlank(v)) return '(blank)';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isDate(v)) return env.dateText(v);
  if (typeof v === 'number') return String(v);
  return describe(v);
}

/** =NPS(scores, [groups]) as Sheets calls it. */
export function NPS(scores: unknown, groups?: unknown, env: FunctionEnv = defaultEnv): number | (string | number)[][] {
  const s = toRange(FN, 'scores', scores);
  const grouped = !isBlank(groups);
  const g = grouped ? toRange(FN, 'groups', groups) : null;
  if (g && (g.rows !== s.rows || g.cols !== s.cols)) {
    throw new SheetError(
      `${FN}: groups (${g.rows} × ${g.cols}) must have the same shape as scores (${s.rows} × ${s.cols})`,
    );
  }
  const total = new NpsCounter();
  const byGroup = new Map<string, NpsCounter>();
  for (let i = 0; i < s.cells.length; i++) {
    const score = numberCell(FN, 'scores', s, i, isScore, 'a number from 0 to 10');
    if (score === null) continue;
    total.add(score);
    if (g) {
      const key = groupKey(g.cells[i], env);
      let c = byGroup.get(key);
      if (!c) byGroup.set(key, (c = new NpsCounter()));
      c.add(score);
    }
  }
  if (total.responses === 0) throw new SheetError(`${FN}: scores holds no answers (no number from 0 to 10)`);
  if (!g) {
    const nps = total.summarise().nps;
    assertFinite(FN, nps);
    return nps;
  }
  const out: (string | number)[][] = [NPS_HEADER.slice()];
  for (const [key, c] of byGroup) {
    const r: NpsSummary = c.summarise();
    out.push([key, r.nps, r.responses, r.promoters, r.passives, r.detractors, r.margin95]);
  }
  assertFinite(FN, out);
  return out;
}
