/**
 * MRR movements month by month (new business, expansion, contraction,
 * churn, reactivation; ChartMogul's and Baremetrics' definitions) from
 * monthly snapshots: one record per account per month with its MRR.
 * The rules are those of =MRR_MOVEMENTS in shared/spec/custom-functions.md.
 *
 * Pure: records come in as numbers (an account is an index, a month a
 * month number, see ../time/calendar.ts); reading cells is the caller's job.
 */

/** The snapshot records, in parallel arrays of length n. */
export interface MrrRecords {
  n: number;
  /** Account index of each record, 0 … accountCount − 1. */
  account: Int32Array;
  /** Month number of each record (year × 12 + month − 1). */
  month: Int32Array;
  /** MRR of each record, ≥ 0. */
  mrr: Float64Array;
  accountCount: number;
}

/**
 * The result's columns after `month`, in the contract's order. A month's
 * values come in this order; null where the contract leaves the cell blank.
 */
export const MRR_MOVEMENT_COLUMNS = [
  'customers_start',
  'new_customers',
  'churned_customers',
  'reactivated_customers',
  'expanded_customers',
  'contracted_customers',
  'customers_end',
  'mrr_start',
  'new_mrr',
  'expansion_mrr',
  'contraction_mrr',
  'churned_mrr',
  'reactivation_mrr',
  'mrr_end',
  'logo_churn_rate',
  'gross_mrr_churn_rate',
  'net_mrr_churn_rate',
  'grr',
  'nrr',
  'upsell_rate',
] as const;

/** Positions in MrrMonth.values (inlined by the build). */
const enum V {
  customersStart,
  newCustomers,
  churnedCustomers,
  reactivatedCustomers,
  expandedCustomers,
  contractedCustomers,
  customersEnd,
  mrrStart,
  newMrr,
  expansionMrr,
  contractionMrr,
  churnedMrr,
  reactivationMrr,
  mrrEnd,
  logoChurnRate,
  grossMrrChurnRate,
  netMrrChurnRate,
  grr,
  nrr,
  upsellRate,
}

/** One month of the calendar: its month number and its values (MRR_MOVEMENT_COLUMNS). */
export interface MrrMonth {
  month: number;
  /** false: no record in this month (a missing snapshot); every value is null. */
  hasData: boolean;
  values: (number | null)[];
}

/** Two records of one account in one month: indexes into the records, the earlier first. */
export interface DuplicateRecord {
  duplicate: [number, number];
}

// Sums of money, compensated (Neumaier) so that 100.1 + 200.2 gives 300.3
// and the result barely depends on the order of the rows.
const enum Sum {
  End,
  New,
  Expansion,
  Contraction,
  Churned,
  Reactivation,
  Count,
}
// Looked up once: under a vm context (tests, benchmark) every global lookup is intercepted.
const abs = Math.abs;

function blankMonth(month: number): MrrMonth {
  return { month, hasData: false, values: new Array<number | null>(MRR_MOVEMENT_COLUMNS.length).fill(null) };
}

/**
 * The months of the calendar (earliest to latest month with a record,
 * every month between included), oldest first; or the first duplicate
 * (two records of one account in one month) met.
 */
export function mrrMovements(r: MrrRecords): MrrMonth[] | DuplicateRecord {
  const { n, account, month, mrr, accountCount } = r;
  if (n === 0) return [];
  let first = month[0];
  let last = month[0];
  for (let i = 1; i < n; i++) {
    const m = month[i];
    if (m < first) first = m;
    else if (m > last) last = m;
  }
  const months = last - first + 1;

  // Records ordered by month, keeping the rows' order within a month (a counting sort).
  const start = new Int32Array(months + 1);
  for (let i = 0; i < n; i++) start[month[i] - first + 1]++;
  for (let k = 0; k < months; k++) start[k + 1] += start[k];
  const order = new Int32Array(n);
  const fill = start.slice(0, months);
  for (let i = 0; i < n; i++) order[fill[month[i] - first]++] = i;

  // Each account's latest record so far (month index k, its MRR, the record).
  const lastK = new Int32Array(accountCount).fill(-2);
  const lastMrr = new Float64Array(accountCount);
  const lastRecord = new Int32Array(accountCount);
  const everPaid = new Uint8Array(accountCount);
  // Accounts with MRR > 0 in the previous month and in this one.
  let paidBefore = new Int32Array(accountCount);
  let paidNow = new Int32Array(accountCount);
  let paidBeforeCount = 0;

  const sum = new Float64Array(Sum.Count);
  const comp = new Float64Array(Sum.Count);
  const add = (j: number, x: number) => {
    const s = sum[j];
    const t = s + x;
    comp[j] += abs(s) >= abs(x) ? s - t + x : x - t + s;
    sum[j] = t;
  };
  const total = (j: number) => sum[j] + comp[j];

  const out: MrrMonth[] = [];
  let previousHasData = false;
  let customersBefore = 0;
  let mrrBefore = 0;
  for (let k = 0; k < months; k++) {
    const from = start[k];
    const to = start[k + 1];
    if (from === to) {
      out.push(blankMonth(first + k));
      previousHasData = false;
      paidBeforeCount = 0;
      continue;
    }
    const hasStart = previousHasData;
    sum.fill(0);
    comp.fill(0);
    let customers = 0;
    let news = 0;
    let reactivated = 0;
    let expanded = 0;
    let contracted = 0;
    let churned = 0;
    let paidNowCount = 0;
    for (let p = from; p < to; p++) {
      const i = order[p];
      const a = account[i];
      const now = mrr[i];
      const seen = lastK[a];
      if (seen === k) return { duplicate: [lastRecord[a], i] };
      const before = seen === k - 1 ? lastMrr[a] : 0;
      if (hasStart) {
        if (before === 0) {
          if (now > 0) {
            if (everPaid[a]) {
              reactivated++;
              add(Sum.Reactivation, now);
            } else {
              news++;
              add(Sum.New, now);
            }
          }
        } else if (now > before) {
          expanded++;
          add(Sum.Expansion, now - before);
        } else if (now === 0) {
          churned++;
          add(Sum.Churned, before);
        } else if (now < before) {
          contracted++;
          add(Sum.Contraction, before - now);
        }
      }
      if (now > 0) {
        everPaid[a] = 1;
        paidNow[paidNowCount++] = a;
        customers++;
        add(Sum.End, now);
      }
      lastK[a] = k;
      lastMrr[a] = now;
      lastRecord[a] = i;
    }
    if (hasStart) {
      // A customer of last month with no record this month: not a customer now (churned).
      for (let p = 0; p < paidBeforeCount; p++) {
        const a = paidBefore[p];
        if (lastK[a] !== k) {
          churned++;
          add(Sum.Churned, lastMrr[a]);
        }
      }
    }
    const mrrEnd = total(Sum.End);
    const row = blankMonth(first + k);
    row.hasData = true;
    const v = row.values;
    v[V.customersEnd] = customers;
    v[V.mrrEnd] = mrrEnd;
    if (hasStart) {
      const expansion = total(Sum.Expansion);
      const lost = total(Sum.Churned) + total(Sum.Contraction);
      v[V.customersStart] = customersBefore;
      v[V.newCustomers] = news;
      v[V.churnedCustomers] = churned;
      v[V.reactivatedCustomers] = reactivated;
      v[V.expandedCustomers] = expanded;
      v[V.contractedCustomers] = contracted;
      v[V.mrrStart] = mrrBefore;
      v[V.newMrr] = total(Sum.New);
      v[V.expansionMrr] = expansion;
      v[V.contractionMrr] = total(Sum.Contraction);
      v[V.churnedMrr] = total(Sum.Churned);
      v[V.reactivationMrr] = total(Sum.Reactivation);
      if (customersBefore > 0 && mrrBefore > 0) {
        const gross = lost / mrrBefore;
        const net = (lost - expansion) / mrrBefore;
        v[V.logoChurnRate] = churned / customersBefore;
        v[V.grossMrrChurnRate] = gross;
        v[V.netMrrChurnRate] = net;
        v[V.grr] = 1 - gross;
        v[V.nrr] = 1 - net;
        v[V.upsellRate] = expanded / customersBefore;
      }
    }
    out.push(row);
    previousHasData = true;
    customersBefore = customers;
    mrrBefore = mrrEnd;
    const swap = paidBefore;
    paidBefore = paidNow;
    paidNow = swap;
    paidBeforeCount = paidNowCount;
  }
  return out;
}
