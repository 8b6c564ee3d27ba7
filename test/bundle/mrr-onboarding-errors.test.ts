/**
 * The full text of every =MRR_MOVEMENTS and =ONBOARDING_RATE error, on the
 * built bundle called as Sheets calls it (the golden cases check the part
 * the contract fixes; this file checks that the rest says what to fix).
 */
import { errorOf, loadDist, plain } from '../helpers/apps-script-vm';

const gas = loadDist();
const col = (...v: unknown[]) => v.map((x) => [x]);
const call =
  (fn: string, ...args: unknown[]) =>
  () =>
    gas.call(fn, ...args);
const d = (text: string) => ({ $date: text });

describe('MRR_MOVEMENTS messages', () => {
  const acc = col('A', 'B', 'A');
  const mon = col('2024-01', '2024-01', '2024-02');
  it('cells of the wrong kind', () => {
    expect(errorOf(call('MRR_MOVEMENTS', acc, mon, col(1, 2, '120')))).toBe(
      'MRR_MOVEMENTS: mrr row 3 is "120", not a number ≥ 0',
    );
    expect(errorOf(call('MRR_MOVEMENTS', acc, mon, col(1, -2, 3)))).toBe(
      'MRR_MOVEMENTS: mrr row 2 is -2, not a number ≥ 0',
    );
    expect(errorOf(call('MRR_MOVEMENTS', acc, col('2024-01', '2024/03', '2024-02'), col(1, 2, 3)))).toBe(
      'MRR_MOVEMENTS: months row 2 is "2024/03", not a month (yyyy-mm text or a date)',
    );
    expect(errorOf(call('MRR_MOVEMENTS', acc, col('2024-01', 45352, '2024-02'), col(1, 2, 3)))).toBe(
      'MRR_MOVEMENTS: months row 2 is 45352, not a month (yyyy-mm text or a date)',
    );
    expect(errorOf(call('MRR_MOVEMENTS', col('A', true, 'A'), mon, col(1, 2, 3)))).toBe(
      'MRR_MOVEMENTS: accounts row 2 is TRUE, not an account id (text or a number)',
    );
    expect(errorOf(call('MRR_MOVEMENTS', col('A', d('2024-01-31'), 'A'), mon, col(1, 2, 3)))).toBe(
      'MRR_MOVEMENTS: accounts row 2 is the date 2024-01-31, not an account id (text or a number)',
    );
  });
  it('revenue that cannot be placed', () => {
    expect(errorOf(call('MRR_MOVEMENTS', col('A', '  ', 'A'), mon, col(1, 120, 3)))).toBe(
      'MRR_MOVEMENTS: accounts row 2 is blank, but the record has an MRR (120): fill in the account or clear the MRR',
    );
    expect(errorOf(call('MRR_MOVEMENTS', acc, col('2024-01', '', '2024-02'), col(1, 120, 3)))).toBe(
      'MRR_MOVEMENTS: months row 2 is blank, but the record has an MRR (120): fill in the month or clear the MRR',
    );
  });
  it('a snapshot pasted twice', () => {
    expect(
      errorOf(
        call('MRR_MOVEMENTS', col('A-17', 'B', 'A-17 '), col('2024-03', '2024-03', d('2024-03-31')), col(1, 2, 3)),
      ),
    ).toBe('MRR_MOVEMENTS: accounts row 1 and row 3 are both "A-17" in 2024-03');
  });
  it('missing arguments, shapes, nothing to count', () => {
    expect(errorOf(call('MRR_MOVEMENTS', acc, mon))).toBe('MRR_MOVEMENTS: mrr is missing; this argument is required');
    expect(errorOf(call('MRR_MOVEMENTS', acc, null, col(1, 2, 3)))).toBe(
      'MRR_MOVEMENTS: months is missing; this argument is required',
    );
    expect(errorOf(call('MRR_MOVEMENTS', acc, col('2024-01'), col(1, 2, 3)))).toBe(
      'MRR_MOVEMENTS: months (1 × 1) must have the same shape as accounts (3 × 1)',
    );
    expect(errorOf(call('MRR_MOVEMENTS', acc, mon, col('', '', '')))).toBe(
      'MRR_MOVEMENTS: mrr holds no MRR (no number ≥ 0), so there is nothing to count',
    );
  });
  it('an overflowing sum is an error naming mrr and the month, never Infinity', () => {
    expect(errorOf(call('MRR_MOVEMENTS', col('A', 'B'), col('2024-01', '2024-01'), col(1e308, 1e308)))).toBe(
      'MRR_MOVEMENTS: mrr adds up to more than the largest number a cell can hold (about 1.8e308) in 2024-01',
    );
    // A rate over a subnormal start: nrr = 1e200 / 5e-324 is no number either.
    expect(errorOf(call('MRR_MOVEMENTS', col('A', 'A'), col('2024-01', '2024-02'), col(5e-324, 1e200)))).toBe(
      'MRR_MOVEMENTS: mrr in 2024-02 starts at 5e-324, so small that its net_mrr_churn_rate is larger than the largest number a cell can hold',
    );
  });
});

describe('ONBOARDING_RATE messages', () => {
  const s = col(d('2024-03-01'), d('2024-03-02'));
  const c = col(d('2024-03-05'), '');
  it('dates', () => {
    expect(errorOf(call('ONBOARDING_RATE', s, col(d('2024-02-28'), ''), 30))).toBe(
      'ONBOARDING_RATE: completed_dates row 1 (2024-02-28) is before its start date (2024-03-01)',
    );
    expect(errorOf(call('ONBOARDING_RATE', col(d('2024-03-01'), ''), col('', d('2024-03-05')), 30))).toBe(
      'ONBOARDING_RATE: start_dates row 2 is blank, but its completion date is 2024-03-05: fill in the start date',
    );
    expect(errorOf(call('ONBOARDING_RATE', col(d('2024-03-01'), '2024-03-15'), c, 30))).toBe(
      'ONBOARDING_RATE: start_dates row 2 is "2024-03-15", not a date (text is never read as a date: use DATEVALUE, or Format → Number → Date)',
    );
    expect(errorOf(call('ONBOARDING_RATE', s, col(45366, ''), 30))).toBe(
      'ONBOARDING_RATE: completed_dates row 1 is 45366, not a date',
    );
  });
  it('days', () => {
    expect(errorOf(call('ONBOARDING_RATE', s, c))).toBe(
      'ONBOARDING_RATE: days is missing; give the onboarding window in days (a whole number of 0 or more)',
    );
    expect(errorOf(call('ONBOARDING_RATE', s, c, ''))).toBe(
      'ONBOARDING_RATE: days is blank, not a whole number of days (0 or more)',
    );
    expect(errorOf(call('ONBOARDING_RATE', s, c, '30'))).toBe(
      'ONBOARDING_RATE: days is "30", not a whole number of days (0 or more)',
    );
    expect(errorOf(call('ONBOARDING_RATE', s, c, 2.5))).toBe(
      'ONBOARDING_RATE: days is 2.5, not a whole number of days (0 or more)',
    );
    expect(errorOf(call('ONBOARDING_RATE', s, c, d('2024-01-30')))).toBe(
      'ONBOARDING_RATE: days is the date 2024-01-30, not a whole number of days (0 or more)',
    );
    expect(errorOf(call('ONBOARDING_RATE', s, c, col(30, 60)))).toBe(
      'ONBOARDING_RATE: days must be a single cell, not a range of 2 × 1',
    );
  });
  it('as_of', () => {
    expect(errorOf(call('ONBOARDING_RATE', s, c, 30, 'today'))).toBe(
      'ONBOARDING_RATE: as_of is "today", not a date (text is never read as a date: use DATEVALUE, or Format → Number → Date)',
    );
    expect(errorOf(call('ONBOARDING_RATE', s, c, 30, true))).toBe('ONBOARDING_RATE: as_of is TRUE, not a date');
    expect(errorOf(call('ONBOARDING_RATE', s, c, 30, [[d('2024-03-31'), d('2024-04-30')]]))).toBe(
      'ONBOARDING_RATE: as_of must be a single cell, not a range of 1 × 2',
    );
  });
  it('nothing to count', () => {
    expect(errorOf(call('ONBOARDING_RATE', col('', ''), col('', ''), 30))).toBe(
      'ONBOARDING_RATE: start_dates holds no date, so there is no onboarding to count',
    );
    expect(errorOf(call('ONBOARDING_RATE', s, c, 30, d('2024-02-29')))).toBe(
      'ONBOARDING_RATE: as_of (2024-02-29) is before every start date, so there is no onboarding to count',
    );
  });
  it('missing arguments and shapes', () => {
    expect(errorOf(call('ONBOARDING_RATE', null, c, 30))).toBe(
      'ONBOARDING_RATE: start_dates is missing; this argument is required',
    );
    expect(errorOf(call('ONBOARDING_RATE', s, col(''), 30))).toBe(
      'ONBOARDING_RATE: completed_dates (1 × 1) must have the same shape as start_dates (2 × 1)',
    );
  });
});

describe('as Apps Script runs them', () => {
  it("each is a top-level declaration with the contract's parameters", () => {
    for (const [name, params] of Object.entries({ MRR_MOVEMENTS: 3, ONBOARDING_RATE: 4 })) {
      expect(gas.eval(`typeof ${name}`)).toBe('function');
      expect(gas.eval(`${name}.length`)).toBe(params);
    }
  });
  it('results are plain 2-D arrays of text, numbers and "" (never null, a Date or NaN)', () => {
    const out = plain(
      gas.call('MRR_MOVEMENTS', col('A', 'A', 'A'), col('2024-01', '2024-03', '2024-04'), col(5, 5, 6)),
    ) as unknown[][];
    for (const row of out) for (const v of row) expect(['string', 'number']).toContain(typeof v);
    expect(out.map((r) => r.length)).toEqual([21, 21, 21, 21, 21]);
    expect(out[2]).toEqual(['2024-02', ...Array(20).fill('')]);
  });
});
