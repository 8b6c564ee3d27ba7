/**
 * The Log as a person reads it in the sidebar: the latest changes first —
 * account, lamp, from → to, value against its threshold, who and when —
 * with each value's kind (rate or number) from the node, so the sidebar can
 * show 11%, not 0.111962. The sheet itself stays in the order it was
 * written (see run-state.ts); this only reads it.
 */
import { nodeById } from '../core/tree/structure';
import type { Tree } from '../core/tree/types';
import { valueKind, type ValueKind } from '../core/tree/value-kind';
import type { LogEntry } from './run-state';

export interface RecentChange {
  time: string;
  accountId: string;
  accountName: string | null;
  node: string;
  /** The node's name in the tree now (as the log wrote it, where the node is gone). */
  nodeName: string;
  /** on, off, changed, watch, in_progress */
  event: string;
  /** The state before (ok, warn, alert, unknown, watch); null in rows written before it was logged. */
  from: string | null;
  to: string;
  value: number | null;
  threshold: number | null;
  kind: ValueKind;
  user: string | null;
  memo: string | null;
  until: string | null;
}

/** How many changes the sidebar lists (the whole log is the Log sheet). */
export const RECENT_CHANGES = 20;

/** The latest `limit` entries, newest first (entries of the same time: the later row first). */
export function recentChanges(tree: Tree, log: readonly LogEntry[], limit = RECENT_CHANGES): RecentChange[] {
  const order = log
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.time < b.e.time ? 1 : a.e.time > b.e.time ? -1 : b.i - a.i));
  return order.slice(0, limit).map(({ e }) => {
    const node = nodeById(tree, e.node);
    return {
      time: e.time,
      accountId: e.account_id,
      accountName: e.account_name,
      node: e.node,
      nodeName: node?.name ?? e.node_name ?? e.node,
      event: e.event,
      from: e.previous_state ?? (e.event === 'on' || e.event === 'watch' ? 'ok' : null),
      to: e.state,
      value: e.value,
      threshold: e.threshold,
      kind: node ? valueKind(node) : 'number',
      user: e.user,
      memo: e.memo,
      until: e.snooze_until,
    };
  });
}
