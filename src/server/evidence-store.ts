/**
 * Each lamp node's evidence, kept between runs in the document store.
 *
 * Judging evidence reads History and the whole Snapshots sheet (100,000
 * account-months is a million cells for getValues) and backtests every lamp
 * node; the gate needs it on every run, and the sidebar on every open. So it
 * is computed once and kept, with a signature of what it was computed from:
 * the tree (its JSON's fingerprint) and the row counts of Snapshots and
 * History (read without reading the sheets). It is computed again when that
 * signature changes (the tree was edited, a month joined Snapshots, History
 * grew), when it is older than EVIDENCE_MAX_AGE_DAYS (an edit inside a sheet
 * changes no row count), or when someone asks (the panel's "Judge again").
 * Every screen says when the evidence was judged.
 *
 * The command line never keeps anything: it judges afresh (the same core).
 */
import { assessEvidence, type NodeEvidence } from '../core/lamps/assess';
import { snapshotHistory, type SnapshotHistory } from '../core/lamps/history';
import { fingerprint } from '../core/text/hash';
import { isoInZone } from '../core/time/iso-in-zone';
import type { TreeData } from '../core/tree/series';
import type { Tree } from '../core/tree/types';
import type { Verdict } from '../core/tree/verdicts';
import { treeToJson } from '../core/tree/validate';
import type { Workbook } from '../ports/workbook';
import { readChunks, treeData, writeChunks } from './tree-store';
import { dataSheets, EVIDENCE_READS, workbookBindings, type MissingBinding } from './bindings';
import { transaction } from './journal';

export const EVIDENCE_KEY = 'kpi-lamp.evidence';
export const EVIDENCE_MAX_AGE_DAYS = 7;

/**
 * Evidence kept in the document store under a key: what it rests on (`sig`),
 * when it was judged and the evidence, with what its keeper adds (`T`). One
 * shape and one age rule for the sheets' evidence (EVIDENCE_KEY) and the
 * BigQuery run's (warehouse-run.ts), through readKept and keepRecord.
 */
export type KeptRecord<T extends object = object> = {
  v: 1;
  sig: string;
  /** ISO time (spreadsheet time zone) the evidence was judged. */
  at: string;
  /** The same instant in milliseconds, for its age. */
  ms: number;
  evidence: NodeEvidence[];
} & T;

/** What the sheets' record adds: Snapshots' months when it was judged (how much history the backtest had). */
type SheetsKept = { history: SnapshotHistory };

export interface EvidenceResult {
  evidence: NodeEvidence[];
  /** When it was judged (ISO text in the spreadsheet's time zone). */
  at: string;
  /** Taken from the store (true) or judged now (false). */
  cached: boolean;
  /**
   * What the evidence reads and the workbook lacks (a misspelt History or
   * Snapshots, a column renamed), found when judged now; evidence judged so
   * is not kept, so kept evidence (cached) always rests on everything it reads.
   */
  missing: MissingBinding[];
  /** How much history the backtest had, and when it will have enough. */
  history: SnapshotHistory;
}

/** What the evidence depends on, read without reading the sheets. */
export function evidenceSignature(wb: Workbook, tree: Tree): string {
  const s = tree.settings;
  const rows = (sheet: string) => {
    const n = wb.rowCount(sheet);
    return n === null ? '-' : String(n);
  };
  return `${fingerprint(treeToJson(tree))}:${rows(s.snapshots_sheet)}:${rows(s.history_sheet)}`;
}

/** JSON with every non-ASCII character escaped, so that its length is its size in bytes (property limits count bytes). */
function asciiJson(v: unknown): string {
  return JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The record kept under `key` while it still holds: kept over what `sig`
 * says (the same signature), under EVIDENCE_MAX_AGE_DAYS old (an edit inside
 * a sheet or table changes no signature), not from the future, and whole
 * (`holds` checks what its keeper adds); null otherwise, or when unreadable.
 */
export function readKept<T extends object = object>(
  wb: Workbook,
  key: string,
  sig: string,
  now: Date,
  holds: (r: KeptRecord<T>) => boolean = () => true,
): KeptRecord<T> | null {
  try {
    const text = readChunks(wb.documentStore(), key);
    const r = text === null ? null : (JSON.parse(text) as KeptRecord<T>);
    if (!r || r.v !== 1 || r.sig !== sig || !Array.isArray(r.evidence) || typeof r.ms !== 'number' || !holds(r))
      return null;
    const age = now.getTime() - r.ms;
    return age >= 0 && age < EVIDENCE_MAX_AGE_DAYS * 86400000 ? r : null;
  } catch {
    return null;
  }
}

/**
 * Keeps a record under `key`, its parts all or none (journal.ts: a reader
 * never joins parts of two judgements). Kept only to save judging again:
 * when the store refuses it (too large), it is judged again next time.
 */
export function keepRecord<T extends object>(wb: Workbook, key: string, record: Omit<KeptRecord<T>, 'v'>): void {
  try {
    transaction(wb, (tx) => writeChunks(tx.documentStore(), key, asciiJson({ v: 1, ...record })));
  } catch {
    // not kept
  }
}

/** The evidence kept for this tree and these sheets, if it is still good; null otherwise. */
export function keptEvidence(wb: Workbook, tree: Tree, now: Date): EvidenceResult | null {
  // A record kept before the history was kept with it is judged again (once).
  const s = readKept<SheetsKept>(
    wb,
    EVIDENCE_KEY,
    evidenceSignature(wb, tree),
    now,
    (r) => !!r.history && typeof r.history.months === 'number',
  );
  if (!s) return null;
  return { evidence: s.evidence, at: s.at, cached: true, history: s.history, missing: [] };
}

/**
 * The evidence of every lamp node: the kept one while it is good, else
 * judged now from the workbook (or from `data` already read, or read
 * only when needed) and kept.
 */
export function evidenceFor(
  wb: Workbook,
  tree: Tree,
  now: Date,
  opts: { force?: boolean; data?: TreeData | (() => TreeData); verdicts?: readonly Verdict[] } = {},
): EvidenceResult {
  if (!opts.force) {
    const kept = keptEvidence(wb, tree, now);
    if (kept) return kept;
  }
  const data = typeof opts.data === 'function' ? opts.data() : (opts.data ?? treeData(wb, tree));
  const evidence = assessEvidence(tree, data, opts.verdicts);
  const at = isoInZone(now, wb.timeZone());
  const history = snapshotHistory(tree, data.snapshots);
  // Checked on the sheets just read (no more calls); evidence over a sheet or column that is not there is not kept.
  const missing = workbookBindings(wb, tree, EVIDENCE_READS, dataSheets(tree, data));
  if (missing.length > 0) return { evidence, at, cached: false, history, missing };
  keepRecord<SheetsKept>(wb, EVIDENCE_KEY, {
    sig: evidenceSignature(wb, tree),
    at,
    ms: now.getTime(),
    evidence,
    history,
  });
  return { evidence, at, cached: false, history, missing };
}
