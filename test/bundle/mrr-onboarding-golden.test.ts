/**
 * =MRR_MOVEMENTS and =ONBOARDING_RATE against test/golden/mrr_onboarding.json
 * (made by test/golden/make_mrr_onboarding.py with exact fractions,
 * independently of this code), on the built bundle called as Sheets calls
 * it: every case in a UTC spreadsheet, then every case again in spreadsheets
 * of other time zones (Dates built inside the vm as the instant of the
 * date's midnight in the spreadsheet's zone), with the script in the same
 * zone or in another one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sheetsInZone, type ZonedSheets } from '../helpers/sheets-zone';

interface Case {
  name: string;
  args: unknown[];
  expected?: unknown[][];
  error?: string;
  error_starts?: string;
}
const golden = JSON.parse(readFileSync(join(__dirname, '..', 'golden', 'mrr_onboarding.json'), 'utf8')) as Record<
  string,
  Case[]
>;
const FUNCTIONS = ['MRR_MOVEMENTS', 'ONBOARDING_RATE'];

/** Relative 1e-12 (exact fractions rounded once, against float sums), absolute 1e-12 near 0. */
function close(actual: unknown, expected: unknown, path: string): void {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) throw new Error(`${path}: got ${JSON.stringify(actual)}, expected an array`);
    if (actual.length !== expected.length)
      throw new Error(`${path}: ${actual.length} items, expected ${expected.length}`);
    expected.forEach((e, i) => close(actual[i], e, `${path}[${i}]`));
    return;
  }
  if (typeof expected === 'number') {
    if (typeof actual !== 'number')
      throw new Error(`${path}: got ${JSON.stringify(actual)}, expected the number ${expected}`);
    if (!(Math.abs(actual - expected) <= 1e-12 * Math.abs(expected) + 1e-12))
      throw new Error(`${path}: got ${actual}, expected ${expected}`);
    return;
  }
  if (actual !== expected)
    throw new Error(`${path}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}

function check(sheets: ZonedSheets, fn: string, c: Case): void {
  let result: unknown;
  try {
    result = sheets.call(fn, ...c.args);
  } catch (e) {
    const message = (e as Error).message;
    if (c.error !== undefined) {
      if (message !== c.error)
        throw new Error(`${c.name}: message ${JSON.stringify(message)}, expected ${JSON.stringify(c.error)}`);
      return;
    }
    if (c.error_starts !== undefined) {
      if (!message.startsWith(c.error_starts))
        throw new Error(
          `${c.name}: message ${JSON.stringify(message)} does not start with ${JSON.stringify(c.error_starts)}`,
        );
      return;
    }
    throw new Error(`${c.name}: unexpected error ${message}`);
  }
  if (c.expected === undefined)
    throw new Error(`${c.name}: expected an error, got ${JSON.stringify(result).slice(0, 200)}`);
  close(result, c.expected, c.name);
}

describe.each(FUNCTIONS)('%s golden cases, UTC spreadsheet', (fn) => {
  let sheets: ZonedSheets;
  beforeAll(() => (sheets = sheetsInZone('UTC')));
  afterAll(() => sheets.restore());
  const cases = golden[fn];
  it('has cases of every kind', () => {
    expect(cases.filter((c) => c.expected).length).toBeGreaterThan(20);
    expect(cases.filter((c) => c.error !== undefined || c.error_starts !== undefined).length).toBeGreaterThan(20);
  });
  for (const c of cases) it(c.name, () => check(sheets, fn, c));
});

// [spreadsheet zone, the script's zone (SAME: the spreadsheet's, no SpreadsheetApp)]
const SAME = 'the same';
const ZONES: [string, string][] = [
  ['Asia/Tokyo', SAME],
  ['America/Los_Angeles', SAME],
  ['America/New_York', SAME],
  ['Asia/Tokyo', 'America/Los_Angeles'],
  ['America/Los_Angeles', 'Asia/Tokyo'],
  ['Europe/London', 'UTC'],
  ['Australia/Lord_Howe', 'Asia/Kolkata'],
];

describe.each(ZONES)('every golden case in a %s spreadsheet, script zone %s', (zone, script) => {
  const scriptZone = script === SAME ? undefined : script;
  let sheets: ZonedSheets;
  beforeAll(() => (sheets = sheetsInZone(zone, scriptZone)));
  afterAll(() => sheets.restore());
  it.each(FUNCTIONS)('%s', (fn) => {
    for (const c of golden[fn]) check(sheets, fn, c);
  });
});
