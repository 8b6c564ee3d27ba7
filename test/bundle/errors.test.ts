/**
 * Every error of the contract, on the built bundle, called as Sheets calls:
 * the message starts with the function's name and names the argument and
 * the 1-based position inside its range.
 */
import { errorOf, loadDist, plain } from '../helpers/apps-script-vm';

const gas = loadDist();
const col = (...v: unknown[]) => v.map((x) => [x]);
const call =
  (fn: string, ...args: unknown[]) =>
  () =>
    gas.call(fn, ...args);

describe('NPS errors', () => {
  it('text in a column names its row', () => {
    expect(errorOf(call('NPS', col(9, 10, 8, 7, 6, 5, '', 'N/A')))).toBe(
      'NPS: scores row 8 is "N/A", not a number from 0 to 10',
    );
  });
  it('text that looks like a number is still an error', () => {
    expect(errorOf(call('NPS', col(9, '9')))).toBe('NPS: scores row 2 is "9", not a number from 0 to 10');
  });
  it('a value in a single row names its column', () => {
    expect(errorOf(call('NPS', [[9, 10, 11]]))).toBe('NPS: scores column 3 is 11, not a number from 0 to 10');
  });
  it('a wide range names row and column', () => {
    expect(
      errorOf(
        call('NPS', [
          [9, 10],
          [8, -1],
        ]),
      ),
    ).toBe('NPS: scores row 2, column 2 is -1, not a number from 0 to 10');
  });
  it('booleans and dates are errors', () => {
    expect(errorOf(call('NPS', col(9, true)))).toBe('NPS: scores row 2 is TRUE, not a number from 0 to 10');
    expect(errorOf(call('NPS', col({ $date: '2026-01-05' })))).toBe(
      'NPS: scores row 1 is the date 2026-01-05, not a number from 0 to 10',
    );
  });
  it('a single cell has no position', () => {
    expect(errorOf(call('NPS', 'x'))).toBe('NPS: scores is "x", not a number from 0 to 10');
  });
  it('no responses at all, with and without groups', () => {
    expect(errorOf(call('NPS', col('', '')))).toMatch(/^NPS: scores holds no answers/);
    expect(errorOf(call('NPS', col('', ''), col('a', 'b')))).toMatch(/^NPS: scores holds no answers/);
  });
  it('groups of another shape', () => {
    expect(errorOf(call('NPS', col(9, 10, 3), col('a', 'b')))).toBe(
      'NPS: groups (2 × 1) must have the same shape as scores (3 × 1)',
    );
  });
  it('a blank groups cell takes the default (no groups)', () => {
    expect(plain(gas.call('NPS', col(10, 0), ''))).toBe(0);
  });
});

describe('LTV errors', () => {
  it('names each argument and position', () => {
    expect(errorOf(call('LTV', col(100, 'abc'), 0.8, 0.02))).toBe(
      'LTV: value row 2 is "abc", not a number of 0 or more',
    );
    expect(errorOf(call('LTV', 100, 80, 0.02))).toBe(
      'LTV: margin is 80, not a fraction from 0 to 1 (write 80% or 0.8)',
    );
    expect(errorOf(call('LTV', 100, 0.8, col(0.02, 0)))).toBe(
      'LTV: churn row 2 is 0, not a probability greater than 0 and at most 1 (write 2% or 0.02)',
    );
    expect(errorOf(call('LTV', 100, 0.8, 1.5))).toMatch(/^LTV: churn is 1.5, not a probability/);
    expect(errorOf(call('LTV', 100, 0.8, 0.02, -0.1))).toBe('LTV: discount_rate is -0.1, not a rate of 0 or more');
    expect(errorOf(call('LTV', 100, 0.8, 0.02, 0, 'free'))).toBe(
      'LTV: acquisition_cost is "free", not a number of 0 or more',
    );
    expect(errorOf(call('LTV', -1, 0.8, 0.02))).toBe('LTV: value is -1, not a number of 0 or more');
  });
  it('booleans and dates are errors', () => {
    expect(errorOf(call('LTV', true, 0.8, 0.02))).toBe('LTV: value is TRUE, not a number of 0 or more');
    expect(errorOf(call('LTV', { $date: '2026-01-05' }, 0.8, 0.02))).toBe(
      'LTV: value is the date 2026-01-05, not a number of 0 or more',
    );
  });
  it('a bad value in a row whose other arguments are blank is still reported', () => {
    expect(errorOf(call('LTV', col('', 10), col('x', 0.8), col('', 0.1)))).toBe(
      'LTV: margin row 1 is "x", not a fraction from 0 to 1 (write 80% or 0.8)',
    );
  });
  it('ranges of different shapes', () => {
    expect(errorOf(call('LTV', col(1, 2, 3), col(0.5, 0.5), 0.1))).toBe(
      'LTV: margin (2 × 1) must have the same shape as value (3 × 1)',
    );
  });
  it('blank rows give blank results; blank optional arguments count as 0', () => {
    expect(plain(gas.call('LTV', col(100, '', 100), 0.5, col(0.1, 0.1, ''), '', ''))).toEqual([[500], [''], ['']]);
  });
});

describe('LTV_SBG errors', () => {
  it('a cohort of 0', () => {
    expect(errorOf(call('LTV_SBG', col(0, 0, 0), 10, 0.1))).toBe(
      'LTV_SBG: active row 1 is 0: a cohort of 0 customers cannot be fitted',
    );
  });
  it('counts that rise, naming the row', () => {
    expect(errorOf(call('LTV_SBG', col(1000, 869, 870), 10, 0.1))).toBe(
      'LTV_SBG: active row 3 is 870, more than row 2 (869): active counts never rise',
    );
  });
  it('fewer than 3 periods', () => {
    expect(errorOf(call('LTV_SBG', col(1000, 900, ''), 10, 0.1))).toBe(
      'LTV_SBG: active has 2 periods; at least 3 are needed to fit the model',
    );
  });
  it('nobody leaving', () => {
    expect(errorOf(call('LTV_SBG', col(500, 500, 500, 500), 10, 0.1))).toBe(
      'LTV_SBG: active never falls (every count is 500): nobody left the cohort, so its churn cannot be fitted',
    );
  });
  it('blanks before the end, text, negative counts', () => {
    expect(errorOf(call('LTV_SBG', col(1000, '', 700, 600), 10, 0.1))).toBe(
      'LTV_SBG: active row 2 is blank; blanks are allowed only at the end',
    );
    expect(errorOf(call('LTV_SBG', col(1000, '900', 700), 10, 0.1))).toBe(
      'LTV_SBG: active row 2 is "900", not a count of 0 or more',
    );
    expect(errorOf(call('LTV_SBG', [[1000, 900, -1]], 10, 0.1))).toBe(
      'LTV_SBG: active column 3 is -1, not a count of 0 or more',
    );
  });
  it('a wide range is refused', () => {
    expect(
      errorOf(
        call(
          'LTV_SBG',
          [
            [1000, 900],
            [800, 700],
          ],
          10,
          0.1,
        ),
      ),
    ).toMatch(/^LTV_SBG: active must be a single column or row/);
  });
  it('value and discount_rate', () => {
    expect(errorOf(call('LTV_SBG', col(1000, 800, 700), -5, 0.1))).toBe(
      'LTV_SBG: value is -5, not a number of 0 or more',
    );
    expect(errorOf(call('LTV_SBG', col(1000, 800, 700), 10, 0))).toBe(
      'LTV_SBG: discount_rate is 0, not a rate greater than 0',
    );
    expect(errorOf(call('LTV_SBG', col(1000, 800, 700), 10, ''))).toBe(
      'LTV_SBG: discount_rate is blank, not a rate greater than 0',
    );
    expect(errorOf(call('LTV_SBG', col(1000, 800, 700), 10))).toBe(
      'LTV_SBG: discount_rate is blank, not a rate greater than 0',
    );
  });
});

describe('LEADLAG errors', () => {
  const x = [1, 3, 2, 5, 4, 6, 8, 7];
  const y = [2, 1, 4, 3, 6, 5, 7, 9];
  it('text, booleans and dates name their position', () => {
    expect(errorOf(call('LEADLAG', col(1, 2, 'n/a', 4, 5), col(1, 2, 3, 4, 5)))).toBe(
      'LEADLAG: leading row 3 is "n/a", not a number',
    );
    expect(errorOf(call('LEADLAG', col(1, 2, 3, 4, 5), [[1, 2, 3, false, 5]]))).toBe(
      'LEADLAG: lagging column 4 is FALSE, not a number',
    );
    expect(errorOf(call('LEADLAG', col(1, 2, 3, 4, { $date: '2026-02-01' }), col(1, 2, 3, 4, 5)))).toBe(
      'LEADLAG: leading row 5 is the date 2026-02-01, not a number',
    );
  });
  it('series of different lengths', () => {
    expect(errorOf(call('LEADLAG', col(...x), col(...y.slice(1))))).toBe(
      'LEADLAG: leading has 8 cells but lagging has 7; the series must have the same length',
    );
  });
  it('negative, fractional or text max_lag', () => {
    expect(errorOf(call('LEADLAG', col(...x), col(...y), -1))).toBe(
      'LEADLAG: max_lag is -1, not a whole number of 0 or more',
    );
    expect(errorOf(call('LEADLAG', col(...x), col(...y), 1.5))).toBe(
      'LEADLAG: max_lag is 1.5, not a whole number of 0 or more',
    );
    expect(errorOf(call('LEADLAG', col(...x), col(...y), 'two'))).toBe(
      'LEADLAG: max_lag is "two", not a whole number of 0 or more',
    );
  });
  it('an unknown method', () => {
    expect(errorOf(call('LEADLAG', col(...x), col(...y), 2, 'kendall'))).toBe(
      'LEADLAG: method is "kendall", not "pearson" or "spearman"',
    );
  });
  it('differenced must be TRUE or FALSE', () => {
    expect(errorOf(call('LEADLAG', col(...x), col(...y), 2, 'pearson', 'yes'))).toBe(
      'LEADLAG: differenced is "yes", not TRUE or FALSE',
    );
  });
  it('fewer than 4 pairs at lag 0', () => {
    expect(errorOf(call('LEADLAG', col(1, 2, '', 4, 5), col(1, '', 3, 4, 5)))).toBe(
      'LEADLAG: leading and lagging have only 3 pairs at lag 0 (both series present in the same period); at least 4 are needed',
    );
  });
  it('fewer than 4 pairs of changes at lag 0 when differenced', () => {
    expect(errorOf(call('LEADLAG', col(1, 2, 3, 4), col(2, 1, 3, 5), '', '', true))).toBe(
      'LEADLAG: leading and lagging have only 3 pairs of changes at lag 0 (both series present in two consecutive periods); at least 4 are needed',
    );
  });
  it('blank optional arguments take their defaults', () => {
    const withBlanks = plain(gas.call('LEADLAG', col(...x), col(...y), '', '', '')) as unknown[][];
    const omitted = plain(gas.call('LEADLAG', col(...x), col(...y))) as unknown[][];
    expect(withBlanks).toEqual(omitted);
    expect(omitted[0]).toEqual(['lag', 'r', 'pairs', 'p_value']);
    expect(omitted.length).toBe(1 + 2 * 5 + 1); // max_lag = min(12, 8 − 3) = 5
  });
});

describe('the remaining messages name the function and the argument too', () => {
  it('LTV_SBG: a discount rate too small to sum, and an LTV no cell can hold', () => {
    expect(errorOf(call('LTV_SBG', col(1000, 800, 700), 10, 1e-7))).toBe(
      'LTV_SBG: discount_rate is 1e-7, too small to sum the lifetime; use at least 0.000001 per period',
    );
    expect(errorOf(call('LTV_SBG', col(1000, 800, 700), 1e308, 0.1))).toMatch(
      /^LTV_SBG: value is 1e\+308: value × expected_lifetime \([0-9.]+\) is above the largest number a cell can hold \(about 1\.8e308\)$/,
    );
  });
  it('ranges where a single cell is due, empty and ragged ranges', () => {
    expect(errorOf(call('LEADLAG', col(1, 2, 3, 4, 5), col(5, 3, 4, 1, 2), [[1, 2]]))).toBe(
      'LEADLAG: max_lag must be a single cell, not a range of 1 × 2',
    );
    expect(errorOf(call('LTV_SBG', col(1000, 800, 700), col(1, 2), 0.1))).toBe(
      'LTV_SBG: value must be a single cell, not a range of 2 × 1',
    );
    expect(errorOf(call('LTV', [], 0.8, 0.1))).toBe('LTV: value is an empty range');
    expect(errorOf(call('NPS', [[9, 10], [8]]))).toBe(
      'NPS: scores is not a rectangular range (row 2 has a different width)',
    );
  });
});

describe('the bundle runs as Apps Script does', () => {
  it('exposes each function as a top-level declaration with its parameters', () => {
    for (const [name, params] of Object.entries({ NPS: 2, LTV: 5, LTV_SBG: 3, LEADLAG: 5 })) {
      expect(gas.eval(`typeof ${name}`)).toBe('function');
      expect(gas.eval(`${name}.length`)).toBe(params);
    }
  });
  it('has no Node globals to lean on', () => {
    expect(gas.eval('typeof require + typeof process + typeof Buffer + typeof module')).toBe(
      'undefinedundefinedundefinedundefined',
    );
  });
  it('nothing returns NaN or Infinity: an overflowing LTV is an error naming value and churn', () => {
    expect(errorOf(call('LTV', 1e308, 1, 1e-308))).toBe(
      'LTV: value is 1e+308 and churn is 1e-308: the lifetime value is above the largest number a cell can hold (about 1.8e308)',
    );
  });
});
