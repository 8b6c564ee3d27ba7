/**
 * Every figure sample/README.md quotes is recomputed from the sample
 * workbook (run `npm run build` first): the sheets' formulas and =NPS through
 * the built functions in the playground's formula evaluation, the verdicts
 * and the backtest through the command line, counts and dates from the CSV
 * cells (test/helpers/sample-figures.ts). Where a figure belongs to the lamp
 * story (lit counts, lifts, lags), the KPIs and lamps come from the README's
 * own tables. And every number written in the README is either such a
 * figure or listed below with the reason it is not one.
 *
 * A different figure means the sample changed (a re-tuned generator):
 * `npm run sample:readme` rewrites the quoted figures from the current sample.
 */
import { readFileSync } from 'node:fs';
import { like, pValue, recompute, Sample, SAMPLE_README } from './helpers/sample-figures';

const README = readFileSync(SAMPLE_README, 'utf8');

/**
 * Numbers in the README that are not figures of the sample, each with why:
 * what a pattern matches is not checked against the data.
 */
const NOT_FIGURES: { pattern: RegExp; why: string }[] = [
  { pattern: /B2B/g, why: 'a word' },
  { pattern: /exits 1\./g, why: "the generator's exit code" },
  { pattern: /periods 0\.\./g, why: 'periods count from 0' },
  {
    pattern: /`arr` \/ 12|It is 0 in the month|It is also 0|`arr` \/ 12 を丸めた|の月は 0 です/g,
    why: 'how mrr is defined (checked by the generator)',
  },
  { pattern: /below 100%/g, why: 'the break-even point of NRR' },
  { pattern: /lift_ci95/g, why: 'a column name' },
  { pattern: /CSV が1つ/g, why: 'one file per sheet' },
  { pattern: /95%/g, why: 'the level of the interval' },
  { pattern: /UTF-8/g, why: 'an encoding' },
  { pattern: /python3|Python 3/g, why: 'a program' },
  { pattern: /fractions with 3 decimals/g, why: 'how the file writes rates (the generator writes them so)' },
  { pattern: /\b\w+_\d+d\b/g, why: 'column names (login_rate_30d, exec_meetings_90d)' },
  { pattern: /periods 0, 1, 2, …/g, why: 'the first periods, as an example' },
  { pattern: /Row 1 of a CSV sheet is its header, so the formulas start\s+in row 2/g, why: 'where a CSV sheet starts' },
  {
    pattern: /planted as a weak real lead: 2 months/g,
    why: 'how the generator plants onboarding: a weak lead the 36 months cannot confirm (the figure the data gives is in the verdict table: not significant)',
  },
];

describe('sample/README.md', () => {
  let sample: Sample;
  let result: Awaited<ReturnType<typeof recompute>>;
  beforeAll(async () => {
    sample = await Sample.load();
    result = await recompute(README, sample);
  }, 60000);

  it('quotes every figure as the sample computes it now (if not: npm run sample:readme)', () => {
    expect(result.differences).toEqual([]);
    expect(result.checked).toBeGreaterThan(250);
    // Nothing to rewrite: the README is already what the script would write.
    expect(result.rewritten).toBe(README);
  });

  it('leaves no number unexplained: each one is a recomputed figure or a listed non-figure', () => {
    const covered = [...result.spans];
    for (const { pattern } of NOT_FIGURES)
      for (const m of README.matchAll(pattern)) covered.push([m.index!, m.index! + m[0].length]);
    const loose: string[] = [];
    for (const m of README.matchAll(/\d+/g)) {
      const at = m.index!;
      if (covered.some(([a, b]) => a <= at && at < b)) continue;
      const line = README.slice(README.lastIndexOf('\n', at) + 1, README.indexOf('\n', at));
      loose.push(`${m[0]} in: ${line.trim().slice(0, 100)}`);
    }
    expect(loose).toEqual([]);
  });

  it('lists no non-figure that the README does not have', () => {
    for (const { pattern, why } of NOT_FIGURES)
      expect({ why, found: [...README.matchAll(pattern)].length > 0 }).toEqual({ why, found: true });
  });

  it('the constant-churn LTV uses the first year: period 12 (row 14) against period 0 (row 2)', () => {
    for (const f of sample.formulas('Cohorts', 'LTV'))
      expect(f.formula).toMatch(/^=LTV\(15000,0\.8,1-\((?<c>[B-E])14\/\k<c>2\)\^\(1\/12\),0\.01\)$/);
    expect(sample.shown('Cohorts')[0].map((c) => c?.v)).toEqual(['period', '2024-01', '2024-04', '2024-07', '2025-01']);
    expect(sample.column('Cohorts', 'period')[12]).toBe(12);
  });

  it('a figure that differs is found and rewritten in place', async () => {
    // Two quoted figures made wrong by one in their last digit: the mean NRR in the text, 2024-04's alpha in a table.
    const nrr = /NRR (\d+\.\d+)%/.exec(README)![1];
    const alpha = /^\s*\| 2024-04 \| (\d+\.\d+) \|/m.exec(README)![1];
    const off = (x: string) => x.slice(0, -1) + String((Number(x.slice(-1)) + 1) % 10);
    const wrong = README.replace(`| 2024-04 | ${alpha} |`, `| 2024-04 | ${off(alpha)} |`).replace(
      `NRR ${nrr}%`,
      `NRR ${off(nrr)}%`,
    );
    const r = await recompute(wrong, sample);
    expect(r.differences).toEqual([
      { figure: 'means of the monthly rates (#4)', quoted: `${off(nrr)}%`, computed: `${nrr}%` },
      {
        figure: 'sBG fits and constant-churn LTV by cohort (=LTV_SBG, =LTV): 2024-04 alpha',
        quoted: off(alpha),
        computed: alpha,
      },
    ]);
    expect(r.rewritten).toBe(README);
  });

  it('writes numbers as the README does', () => {
    expect(like(-0.76554, '−0.766')).toBe('−0.766');
    expect(like(-19.44, '+11.1')).toBe('−19.4');
    expect(like(11.05, '−19.4')).toBe('11.1');
    expect(like(95420576, '1,234')).toBe('95,420,576');
    expect(like(0.020512, '2.05%')).toBe('2.05%');
    expect(like(-0.0001, '−0.000')).toBe('0.000');
    expect(pValue(3.317e-7)).toBe('3.3e-7');
    expect(pValue(0.03457)).toBe('0.035');
    expect(pValue(0.342)).toBe('0.34');
  });
});
