/**
 * Properties of =MRR_MOVEMENTS and =ONBOARDING_RATE (fast-check), on the
 * built bundle called as Sheets calls it: the roll-forward identities hold
 * in every month with a start, row order changes nothing, blank rows change
 * nothing, a month typed as a date or as yyyy-mm text is the same month, a
 * past as_of reproduces the report made on that day. As for the other
 * functions (properties.test.ts): MRR in other units gives the same counts
 * and rates, and extreme inputs give a finite result or an error naming the
 * function and an argument.
 */
import fc from 'fast-check';
import { loadDist, plain } from '../helpers/apps-script-vm';
import { attempt, expectFinite, expectNamed, extremePositive, factor } from '../helpers/extremes';

const gas = loadDist();
const col = (v: unknown[]) => v.map((x) => [x]);
type Row = unknown[];

const month = (k: number) => `${2023 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
const money = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 1, max: 5000 }),
  fc.integer({ min: 1, max: 500000 }).map((c) => c / 100),
);

/** A snapshot table: one record per account per month at most (some months of an account absent). */
const snapshots = fc
  .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 14 }))
  .chain(([accounts, span]) =>
    fc.array(fc.tuple(fc.integer({ min: 0, max: accounts - 1 }), fc.integer({ min: 0, max: span - 1 }), money), {
      minLength: 1,
      maxLength: 120,
    }),
  )
  .map((records) => {
    const seen = new Set<string>();
    const rows: [string, number, number][] = [];
    for (const [a, m, x] of records) {
      const key = `${a}|${m}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push([`acct-${a}`, m, x]);
    }
    return rows;
  });

function mrr(rows: [string, number, number][], asDate = false): Row[] {
  const months = rows.map((r) =>
    asDate ? { $date: `${month(r[1])}-${String(1 + ((r[0].length * 7 + r[1]) % 28)).padStart(2, '0')}` } : month(r[1]),
  );
  return plain(gas.call('MRR_MOVEMENTS', col(rows.map((r) => r[0])), col(months), col(rows.map((r) => r[2])))) as Row[];
}

function shuffled<T>(xs: T[], seed: number): T[] {
  return xs
    .map((x, i) => ({ x, k: Math.sin(seed * 12.9898 + i * 78.233) }))
    .sort((a, b) => a.k - b.k)
    .map((o) => o.x);
}

const near = (a: number, b: number, scale: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, scale);

describe('MRR_MOVEMENTS properties', () => {
  it('roll forward: customers_end = customers_start + new + reactivated − churned, and the same for MRR', () => {
    fc.assert(
      fc.property(snapshots, (rows) => {
        const out = mrr(rows);
        for (const r of out.slice(1)) {
          if (r[1] === '') continue;
          const [, cs, nw, ch, re, , , ce, ms, nm, em, cm, chm, rm, me] = r as number[];
          expect(ce).toBe(cs + nw + re - ch);
          const scale = ms + nm + em + cm + chm + rm;
          if (!near(me, ms + nm + rm + em - cm - chm, scale))
            throw new Error(`${r[0]}: mrr_end ${me} ≠ ${ms + nm + rm + em - cm - chm}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('rates stay in their ranges: 0 ≤ logo churn, upsell, gross ≤ 1, grr ≤ nrr', () => {
    fc.assert(
      fc.property(snapshots, (rows) => {
        for (const r of mrr(rows).slice(1)) {
          if (r[15] === '') continue;
          const [logo, gross, , grr, nrr, upsell] = (r as number[]).slice(15);
          for (const x of [logo, gross, upsell]) {
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(1 + 1e-12);
          }
          expect(grr).toBeLessThanOrEqual(nrr + 1e-12);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('row order changes nothing (MRR sums up to rounding)', () => {
    fc.assert(
      fc.property(snapshots, fc.integer(), (rows, seed) => {
        const a = mrr(rows);
        const b = mrr(shuffled(rows, seed));
        expect(b.length).toBe(a.length);
        a.forEach((row, i) =>
          row.forEach((v, j) => {
            const w = b[i][j];
            if (typeof v === 'number' && typeof w === 'number') {
              if (!near(v, w, Math.abs(v))) throw new Error(`${row[0]} column ${j}: ${v} vs ${w}`);
            } else if (w !== v) throw new Error(`${row[0]} column ${j}: ${JSON.stringify(v)} vs ${JSON.stringify(w)}`);
          }),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('blank rows anywhere change nothing, and a month given as a date is the same month', () => {
    fc.assert(
      fc.property(snapshots, fc.array(fc.nat(), { maxLength: 10 }), (rows, at) => {
        const base = mrr(rows);
        const acc: unknown[] = rows.map((r) => r[0]);
        const mon: unknown[] = rows.map((r) => month(r[1]));
        const val: unknown[] = rows.map((r) => r[2]);
        for (const p of at) {
          const i = p % (acc.length + 1);
          acc.splice(i, 0, p % 3 ? '' : 'junk');
          mon.splice(i, 0, p % 2 ? '' : 'not a month');
          val.splice(i, 0, '');
        }
        expect(plain(gas.call('MRR_MOVEMENTS', col(acc), col(mon), col(val)))).toEqual(base);
        expect(mrr(rows, true)).toEqual(base);
      }),
      { numRuns: 150 },
    );
  });
});

describe('MRR_MOVEMENTS across the range of doubles', () => {
  const AMOUNTS = [8, 9, 10, 11, 12, 13, 14];
  it('MRR in other units (× c, c from 1e-300 to 1e300): the same counts and rates, every amount × c', () => {
    fc.assert(
      fc.property(snapshots, factor.map(Math.abs), (rows, c) => {
        const base = mrr(rows);
        const scaled = mrr(rows.map(([a, m, x]) => [a, m, x * c]));
        expect(scaled.length).toBe(base.length);
        base.forEach((row, i) => {
          // A movement is a difference of two MRRs (4999.72 − 4999.28): its rounding is relative to the
          // month's MRR, not to itself; a rate's, to the month's MRR over its start.
          const largest = Math.max(1e-300, ...AMOUNTS.map((j) => Math.abs(Number(row[j]) || 0)));
          const start = Number(row[8]) || largest;
          row.forEach((v, j) => {
            const w = scaled[i][j];
            if (typeof v !== 'number' || typeof w !== 'number')
              return expect({ at: `${row[0]}:${j}`, w }).toEqual({ at: `${row[0]}:${j}`, w: v });
            const amount = AMOUNTS.includes(j);
            const want = amount ? v * c : v;
            const tol = amount ? 1e-10 * largest * c : j >= 15 ? 1e-10 * Math.max(1, Math.abs(v), largest / start) : 0;
            if (!(Math.abs(w - want) <= tol)) throw new Error(`${row[0]} column ${j}: ${w}, not ${want}`);
          });
        });
      }),
      { numRuns: 200 },
    );
  });

  it('extreme MRR (subnormals, sums past 1.8e308): a finite result or an error naming mrr', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), extremePositive), {
          minLength: 1,
          maxLength: 12,
        }),
        (records) => {
          const seen = new Set<string>();
          const rows = records.filter(([a, m]) => !seen.has(`${a}|${m}`) && seen.add(`${a}|${m}`));
          const r = attempt(
            gas,
            'MRR_MOVEMENTS',
            col(rows.map(([a]) => `acct-${a}`)),
            col(rows.map(([, m]) => month(m))),
            col(rows.map(([, , x]) => x)),
          );
          if (r.ok) expectFinite(r.value);
          else expectNamed(r.message, 'MRR_MOVEMENTS', ['accounts', 'months', 'mrr']);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a month whose MRR adds up to more than a cell can hold is named, with its month', () => {
    const r = attempt(
      gas,
      'MRR_MOVEMENTS',
      col(['a', 'b', 'a', 'b']),
      col(['2025-01', '2025-01', '2025-02', '2025-02']),
      col([1.5e308, 1.5e308, 1e308, 1e307]),
    );
    expect(r).toEqual({
      ok: false,
      message: 'MRR_MOVEMENTS: mrr adds up to more than the largest number a cell can hold (about 1.8e308) in 2025-01',
    });
  });
});

describe('ONBOARDING_RATE properties', () => {
  const DAY = 86400000;
  const iso = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * DAY).toISOString().slice(0, 10);
  /** [start day, completion day or null], days counted from 2024-01-01. */
  const records = fc.array(
    fc
      .tuple(fc.integer({ min: 0, max: 400 }), fc.option(fc.integer({ min: 0, max: 120 }), { nil: null, freq: 4 }))
      .map(([s, late]) => [s, late === null ? null : s + late] as [number, number | null]),
    { minLength: 1, maxLength: 150 },
  );
  const rate = (rs: [number, number | null][], days: number, asOf?: number): Row[] =>
    plain(
      gas.call(
        'ONBOARDING_RATE',
        col(rs.map((r) => ({ $date: iso(r[0]) }))),
        col(rs.map((r) => (r[1] === null ? '' : { $date: iso(r[1]) }))),
        days,
        ...(asOf === undefined ? [] : [{ $date: iso(asOf) }]),
      ),
    ) as Row[];

  it('counts add up, the rate is a share of the decided, row order changes nothing', () => {
    fc.assert(
      fc.property(records, fc.integer({ min: 0, max: 90 }), fc.integer(), (rs, days, seed) => {
        const out = rate(rs, days);
        let total = 0;
        for (const [, started, inTime, open, r] of out.slice(1) as [string, number, number, number, number | ''][]) {
          total += started;
          expect(inTime + open).toBeLessThanOrEqual(started);
          if (started - open === 0) expect(r).toBe('');
          else expect(r).toBeCloseTo(inTime / (started - open), 12);
        }
        expect(total).toBe(rs.length);
        expect(rate(shuffled(rs, seed), days)).toEqual(out);
      }),
      { numRuns: 200 },
    );
  });

  it('a past as_of reproduces the report made that day from what was known then', () => {
    fc.assert(
      fc.property(records, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 520 }), (rs, days, cut) => {
        fc.pre(rs.some((r) => r[0] <= cut));
        const known = rs
          .filter((r) => r[0] <= cut)
          .map((r) => [r[0], r[1] !== null && r[1] <= cut ? r[1] : null] as [number, number | null]);
        expect(rate(rs, days, cut)).toEqual(rate(known, days, cut));
      }),
      { numRuns: 200 },
    );
  });

  it('extreme windows (days) and dates: a finite result or an error naming an argument', () => {
    // Days from 2024-01-01: 1900 to 2150, and now and then the far ends Sheets' dates reach (a calendar of a row per month).
    const day = fc.oneof(
      { arbitrary: fc.integer({ min: -45000, max: 46000 }), weight: 99 },
      { arbitrary: fc.constantFrom(-693000, 2900000), weight: 1 },
    );
    const days = fc.oneof(
      extremePositive,
      fc.integer({ min: 0, max: 1000 }),
      fc.constantFrom(-1, 0.5, 1e21, 2 ** 53, 2 ** 31),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(day, fc.option(day, { nil: null })), { minLength: 1, maxLength: 20 }),
        days,
        fc.option(day, { nil: undefined }),
        (rs, d, asOf) => {
          const at = (n: number) => ({ $date: new Date(Date.UTC(2024, 0, 1) + n * DAY).toISOString().slice(0, 10) });
          const r = attempt(
            gas,
            'ONBOARDING_RATE',
            col(rs.map((x) => at(x[0]))),
            col(rs.map((x) => (x[1] === null ? '' : at(x[1])))),
            d,
            ...(asOf === undefined ? [] : [at(asOf)]),
          );
          if (r.ok) expectFinite(r.value);
          else expectNamed(r.message, 'ONBOARDING_RATE', ['start_dates', 'completed_dates', 'days', 'as_of']);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a longer window never lowers completed_in_time nor still_open', () => {
    fc.assert(
      fc.property(records, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 60 }), (rs, days, more) => {
        const asOf = Math.max(...rs.map((r) => Math.max(r[0], r[1] ?? 0)));
        const a = rate(rs, days, asOf);
        const b = rate(rs, days + more, asOf);
        a.slice(1).forEach((row, i) => {
          expect(b[i + 1][2] as number).toBeGreaterThanOrEqual(row[2] as number);
          expect(b[i + 1][3] as number).toBeGreaterThanOrEqual(row[3] as number);
        });
      }),
      { numRuns: 150 },
    );
  });
});
