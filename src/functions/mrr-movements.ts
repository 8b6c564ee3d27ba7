import { MRR_MOVEMENT_COLUMNS, mrrMovements } from '../core/metrics/mrr-movements';
import { monthNumber, monthText } from '../core/time/calendar';
import {
  assertFinite,
  cellAt,
  isDate,
  position,
  type Range,
  requiredArg,
  requireSameShape,
  SheetError,
  toRange,
  where,
} from './args';
import { CalendarCells } from './calendar-cells';
import { defaultEnv, type FunctionEnv } from './env';

const FN = 'MRR_MOVEMENTS';
export const MRR_MOVEMENTS_HEADER = ['month', ...MRR_MOVEMENT_COLUMNS];
/** Equal to no cell: the account cell remembered before the first record. */
const NO_CELL = {};
const MONTH_TEXT = /^(\d{4})-(0[1-9]|1[0-2])$/;
const isFiniteNumber = Number.isFinite as (v: unknown) => v is number;

/** Text that starts and ends with a printable ASCII character: nothing for trim() to remove. */
function plainEnds(s: string): boolean {
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  return first > 32 && first < 127 && last > 32 && last < 127;
}

/**
 * =MRR_MOVEMENTS(accounts, months, mrr) as Sheets calls it: the MRR
 * movements and churn, retention and upsell rates of a long snapshot table
 * (one record per account per month), one row per month of its calendar.
 */
export function MRR_MOVEMENTS(
  accounts: unknown,
  months: unknown,
  mrr: unknown,
  env: FunctionEnv = defaultEnv,
): (number | string)[][] {
  const acc = toRange(FN, 'accounts', requiredArg(FN, 'accounts', accounts));
  const mon = toRange(FN, 'months', requiredArg(FN, 'months', months));
  const val = toRange(FN, 'mrr', requiredArg(FN, 'mrr', mrr));
  requireSameShape(FN, 'months', mon, 'accounts', acc);
  requireSameShape(FN, 'mrr', val, 'accounts', acc);
  const calendar = new CalendarCells(env);
  const bad = (name: string, range: Range, i: number, expectation: string) =>
    new SheetError(`${FN}: ${where(name, range, i)} is ${calendar.describe(cellAt(range, i))}, not ${expectation}`);
  const unplaced = (name: string, i: number, value: number) =>
    new SheetError(
      `${FN}: ${where(name, acc, i)} is blank, but the record has an MRR (${value}): fill in the ${name === 'accounts' ? 'account' : 'month'} or clear the MRR`,
    );

  const cells = acc.rows * acc.cols;
  const account = new Int32Array(cells);
  const month = new Int32Array(cells);
  const amount = new Float64Array(cells);
  const cellOf = new Int32Array(cells);
  const ids = new Map<string, number>();
  const idText: string[] = [];
  let n = 0;
  // Snapshot tables repeat one month (or one account) down many rows: the last one read is reused.
  let lastText: string | null = null;
  let lastMonth = 0;
  let lastAccountCell: unknown = NO_CELL;
  let lastAccount = 0;

  for (let r = 0, i = 0; r < acc.rows; r++) {
    const accRow = acc.data[r];
    const monRow = mon.data[r];
    const valRow = val.data[r];
    for (let c = 0; c < acc.cols; c++, i++) {
      const v = valRow[c];
      if (v === '' || v === undefined || v === null) continue; // a blank MRR: the record is skipped unread
      if (typeof v !== 'number' || !isFiniteNumber(v) || v < 0) throw bad('mrr', val, i, 'a number ≥ 0');

      const a = accRow[c];
      let k: number;
      if (a === lastAccountCell) k = lastAccount;
      else {
        let id: string;
        if (typeof a === 'string') id = plainEnds(a) ? a : a.trim();
        else if (typeof a === 'number' && isFiniteNumber(a)) id = String(a);
        else if (a === undefined || a === null) id = '';
        else throw bad('accounts', acc, i, 'an account id (text or a number)');
        if (id === '') throw unplaced('accounts', i, v);
        let known = ids.get(id);
        if (known === undefined) {
          known = idText.length;
          ids.set(id, known);
          idText.push(id);
        }
        k = known;
        lastAccountCell = a;
        lastAccount = k;
      }

      const m = monRow[c];
      let mi: number;
      if (typeof m === 'string') {
        if (m === lastText) mi = lastMonth;
        else {
          const t = m.trim();
          if (t === '') throw unplaced('months', i, v);
          const match = MONTH_TEXT.exec(t);
          if (!match) throw bad('months', mon, i, 'a month (yyyy-mm text or a date)');
          mi = monthNumber(+match[1], +match[2]);
          lastText = m;
          lastMonth = mi;
        }
      } else if (isDate(m)) {
        const day = calendar.day(m);
        if (day !== day) throw bad('months', mon, i, 'a month (yyyy-mm text or a date)');
        mi = calendar.month;
      } else if (m === undefined || m === null) {
        throw unplaced('months', i, v);
      } else {
        throw bad('months', mon, i, 'a month (yyyy-mm text or a date)');
      }

      account[n] = k;
      month[n] = mi;
      amount[n] = v;
      cellOf[n] = i;
      n++;
    }
  }
  if (n === 0) throw new SheetError(`${FN}: mrr holds no MRR (no number ≥ 0), so there is nothing to count`);

  const result = mrrMovements({ n, account, month, mrr: amount, accountCount: idText.length });
  if (!Array.isArray(result)) {
    const [first, second] = result.duplicate;
    const samePlace = position(acc, cellOf[second]);
    throw new SheetError(
      `${FN}: ${where('accounts', acc, cellOf[first])} and ${samePlace} are both ${JSON.stringify(idText[account[first]])} in ${monthText(month[first])}`,
    );
  }
  const out: (number | string)[][] = [MRR_MOVEMENTS_HEADER.slice()];
  for (const m of result) {
    tooLarge(m.month, m.values);
    out.push([monthText(m.month), ...m.values.map((x) => (x === null ? '' : x))]);
  }
  assertFinite(FN, out);
  return out;
}

/** The MRR columns of a month's values (sums of mrr cells); the rest are counts and rates. */
const MONEY = new Set(
  ['mrr_start', 'new_mrr', 'expansion_mrr', 'contraction_mrr', 'churned_mrr', 'reactivation_mrr', 'mrr_end'].map((c) =>
    MRR_MOVEMENT_COLUMNS.indexOf(c as 'mrr_end'),
  ),
);

/**
 * A month whose values a cell cannot hold: its MRR adds up past the largest
 * double, or a rate over a start so small (subnormal) that it does. Sums of
 * amounts ≥ 0 and quotients overflow only when the true value does, so this
 * is an answer that does not exist as a number, named by its argument and month.
 */
function tooLarge(month: number, values: (number | null)[]): void {
  for (let j = 0; j < values.length; j++) {
    const v = values[j];
    if (v === null || isFiniteNumber(v)) continue;
    if (MONEY.has(j)) {
      throw new SheetError(
        `${FN}: mrr adds up to more than the largest number a cell can hold (about 1.8e308) in ${monthText(month)}`,
      );
    }
    const start = values[MRR_MOVEMENT_COLUMNS.indexOf('mrr_start')];
    throw new SheetError(
      `${FN}: mrr in ${monthText(month)} starts at ${start}, so small that its ${MRR_MOVEMENT_COLUMNS[j]} is larger than the largest number a cell can hold`,
    );
  }
}
