import { NpsCounter, type NpsSummary } from '../core/metrics/nps';
import { assertFinite, badCell, describe, isBlank, isDate, SheetError, toRange } from './args';
import { defaultEnv, type FunctionEnv } from './env';

const FN = 'NPS';
export const NPS_HEADER = ['group', 'nps', 'responses', 'promoters', 'passives', 'detractors', 'margin95'];
const EXPECTATION = 'a number from 0 to 10';

/** A group cell compared as text: numbers by their digits, dates as yyyy-mm-dd. */
function groupKey(v: unknown, env: FunctionEnv): string {
  if (typeof v === 'string') return v === '' ? '(blank)' : v;
  if (isBlank(v)) return '(blank)';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isDate(v)) return env.dateText(v);
  if (typeof v === 'number') return String(v);
  return describe(v);
}

/** =NPS(scores, [groups]) as Sheets calls it. */
export function NPS(scores: unknown, groups?: unknown, env: FunctionEnv = defaultEnv): number | (string | number)[][] {
  const s = toRange(FN, 'scores', scores);
  const g = isBlank(groups) ? null : toRange(FN, 'groups', groups);
  if (g && (g.rows !== s.rows || g.cols !== s.cols)) {
    throw new SheetError(
      `${FN}: groups (${g.rows} × ${g.cols}) must have the same shape as scores (${s.rows} × ${s.cols})`,
    );
  }
  const total = new NpsCounter();
  const byGroup = new Map<string, NpsCounter>();
  for (let r = 0; r < s.rows; r++) {
    const row = s.data[r];
    for (let c = 0; c < s.cols; c++) {
      const v = row[c];
      if (typeof v !== 'number') {
        if (v === '' || v === undefined || v === null) continue;
        throw badCell(FN, 'scores', s, r * s.cols + c, EXPECTATION);
      }
      if (!(v >= 0 && v <= 10)) throw badCell(FN, 'scores', s, r * s.cols + c, EXPECTATION);
      total.add(v);
      if (g) {
        const key = groupKey(g.data[r][c], env);
        let counter = byGroup.get(key);
        if (!counter) byGroup.set(key, (counter = new NpsCounter()));
        counter.add(v);
      }
    }
  }
  if (total.responses === 0) throw new SheetError(`${FN}: scores holds no answers (no number from 0 to 10)`);
  if (!g) {
    const nps = total.summarise().nps;
    assertFinite(FN, nps);
    return nps;
  }
  const out: (string | number)[][] = [NPS_HEADER.slice()];
  for (const [key, counter] of byGroup) {
    const r: NpsSummary = counter.summarise();
    out.push([key, r.nps, r.responses, r.promoters, r.passives, r.detractors, r.margin95]);
  }
  assertFinite(FN, out);
  return out;
}
