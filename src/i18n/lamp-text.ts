/** Lamp reasons and numbers in a person's language. */
import type { Lamp } from '../core/lamps/evaluate';
import { bindingOfParams, bindingText } from './binding-text';
import { isMessageKey, t, type Lang, type MessageKey, type MessageParams } from './messages';

/** A number for people: up to 4 significant digits, no float noise (0.30000000000000004 → 0.3). */
export function num(v: number): string {
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  return String(Number(v.toPrecision(4)));
}

/** The lamp's reason: its value against the threshold it reached, the child under its floor, or what is missing. */
export function lampReasonText(lang: Lang, lamp: Pick<Lamp, 'reason' | 'value' | 'warn' | 'alert'>): string {
  const r = lamp.reason;
  const value = lamp.value === null ? '' : num(lamp.value);
  switch (r.code) {
    case 'no_column':
      return t(lang, 'lamp.reason.no_column', { column: r.column });
    case 'no_value':
      return t(lang, 'lamp.reason.no_value', { column: r.column });
    case 'child_unknown':
      return t(lang, 'lamp.reason.child_unknown', { child: r.child });
    case 'floor':
      return t(lang, r.direction === 'higher_is_better' ? 'lamp.reason.floor_low' : 'lamp.reason.floor_high', {
        child: r.child,
        value: num(r.value),
        floor: num(r.floor),
      });
    case 'threshold': {
      const key =
        `lamp.reason.${r.level}_${r.direction === 'higher_is_better' ? 'low' : 'high'}` as 'lamp.reason.warn_low';
      return t(lang, key, { value, threshold: num((r.level === 'alert' ? lamp.alert : lamp.warn) as number) });
    }
    case 'ok': {
      const threshold = lamp.warn ?? lamp.alert;
      return threshold === null
        ? t(lang, 'lamp.reason.ok_plain', { value })
        : t(lang, r.direction === 'higher_is_better' ? 'lamp.reason.ok_low' : 'lamp.reason.ok_high', {
            value,
            threshold: num(threshold),
          });
    }
  }
}

/** What a run reports, as runLamps returns it (older stored results may lack the newer counts). */
export interface RunCounts {
  accounts: number;
  lit: number;
  lamps?: number;
  on: number;
  off: number;
  watch?: number;
  firstRun?: boolean;
  snapshot?: { sheet: string; month: string; rows: number; created: boolean } | null;
  warehouse?: { table: string; sheet: string; coloured: string | null };
}

/**
 * A finished run in one sentence that reads the same on a first and a second
 * run with nothing changed: lamps on now, of which new since the last run,
 * and gone off; the lamps on watch apart.
 */
export function runDoneText(lang: Lang, r: RunCounts): string {
  const lamps = r.lamps ?? r.on;
  // A run over BigQuery keeps no state between runs: it says what is on, not what changed.
  const text = r.warehouse
    ? t(lang, 'lamps.run.done_bigquery', { accounts: r.accounts, lit: r.lit, lamps })
    : r.firstRun
      ? t(lang, 'lamps.run.done_first', { accounts: r.accounts, lit: r.lit, lamps })
      : t(lang, 'lamps.run.done', { accounts: r.accounts, lit: r.lit, lamps, on: r.on, off: r.off });
  const parts = [text];
  if (r.watch) parts.push(t(lang, 'lamps.run.watch', { watch: r.watch }));
  // What the run did to the history (Snapshots): started it, or added the month.
  const snap = r.snapshot;
  if (snap)
    parts.push(
      t(lang, snap.created ? 'run.snapshots.created' : 'run.snapshots.added', {
        sheet: snap.sheet,
        month: snap.month,
        rows: snap.rows,
      }),
    );
  // A run over BigQuery: where its report went, and which sheet's rows it coloured.
  const w = r.warehouse;
  if (w) {
    parts.push(t(lang, 'run.bigquery.written', { table: w.table, sheet: w.sheet }));
    if (w.coloured) parts.push(t(lang, 'run.bigquery.coloured', { sheet: w.coloured }));
  }
  return parts.join(' ');
}

/**
 * Why the warehouse access refused by its own judgement (ports/warehouse.ts
 * WarehouseRefusalReason), in a language; a reason this catalogue does not
 * know is shown as its code.
 */
export function warehouseReasonText(lang: Lang, reason: string, params: MessageParams): string {
  const key = `run.error.bigquery_reason.${reason}`;
  return isMessageKey(key) ? t(lang, key, params) : reason;
}

/**
 * A run's error (RunResult.error's key and parameters) in a language: a
 * sheet or column the tree binds and the workbook lacks is named in that
 * language too, with its hint.
 */
export function runErrorText(lang: Lang, e: { key: MessageKey; params: MessageParams }): string {
  const reason = e.params.reason;
  if ((e.key === 'run.error.bigquery_table' || e.key === 'run.error.bigquery_query') && typeof reason === 'string')
    return t(lang, e.key, { ...e.params, message: warehouseReasonText(lang, reason, e.params) });
  if (e.key !== 'run.error.bindings') return t(lang, e.key, e.params);
  const m = bindingOfParams(e.params);
  return t(lang, e.key, { ...e.params, problem: m ? bindingText(lang, m) : '' });
}
