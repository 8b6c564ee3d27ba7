/**
 * The KPI tree builder's draft, as data: the nodes of an unsaved
 * kpi-lamp/tree@1 document and the edits the tree panel makes to them (add,
 * move among siblings, delete, rename a parent, bring thresholds to a
 * cut-off). Pure: no DOM, no server; the panel draws and saves.
 */
import { capThresholds } from '../core/lamps/budget';
import type { Direction, Thresholds } from '../core/tree/types';

/** A node of the draft: kpi-lamp/tree@1 keys. */
export interface DraftNode {
  id: string;
  parent: string | null;
  type: 'kgi' | 'csf' | 'kpi' | 'composite';
  name: string;
  [key: string]: unknown;
}

/** The root (the KGI), if the draft has one. */
export function rootOf(nodes: readonly DraftNode[]): DraftNode | undefined {
  return nodes.find((n) => n.parent === null);
}

/** Depth-first from the root, children in `nodes` order; nodes not reached (never, in a valid draft) last. */
export function ordered(nodes: readonly DraftNode[]): { node: DraftNode; depth: number }[] {
  const out: { node: DraftNode; depth: number }[] = [];
  const seen = new Set<string>();
  const visit = (n: DraftNode, depth: number) => {
    if (seen.has(n.id)) return;
    seen.add(n.id);
    out.push({ node: n, depth });
    for (const c of nodes.filter((x) => x.parent === n.id)) visit(c, depth + 1);
  };
  for (const r of nodes.filter((n) => n.parent === null)) visit(r, 0);
  for (const n of nodes) if (!seen.has(n.id)) visit(n, 0);
  return out;
}

/** The first of `base_1`, `base_2`, … that no node has as its id. */
export function uniqueId(nodes: readonly DraftNode[], base: string): string {
  let i = 1;
  while (nodes.some((n) => n.id === `${base}_${i}`)) i++;
  return `${base}_${i}`;
}

/** A new KPI under a parent, added at the end of the draft. */
export function addKpi(nodes: DraftNode[], parent: string, name: string): DraftNode {
  const n: DraftNode = { id: uniqueId(nodes, 'kpi'), parent, type: 'kpi', name };
  nodes.push(n);
  return n;
}

/** Swaps a node with its previous (−1) or next (+1) sibling; false when there is none there (or the node is the root). */
export function moveAmongSiblings(nodes: DraftNode[], id: string | null, delta: -1 | 1): boolean {
  const n = nodes.find((x) => x.id === id);
  if (!n || n.parent === null) return false;
  const siblings = nodes.filter((x) => x.parent === n.parent);
  const other = siblings[siblings.indexOf(n) + delta];
  if (!other) return false;
  const a = nodes.indexOf(n);
  const b = nodes.indexOf(other);
  nodes[a] = other;
  nodes[b] = n;
  return true;
}

/** Why a node cannot be deleted (the root; a node with children, delete those first), or null when it can. */
export function deleteProblem(nodes: readonly DraftNode[], id: string): 'root' | 'has_children' | null {
  const n = nodes.find((x) => x.id === id);
  if (n && n.parent === null) return 'root';
  if (nodes.some((x) => x.parent === id)) return 'has_children';
  return null;
}

/**
 * Deletes a node (one deleteProblem allows). Returns the node to select
 * next: the one after it in tree order, else the one before, else its parent.
 */
export function deleteNode(nodes: DraftNode[], id: string): string | null {
  const n = nodes.find((x) => x.id === id);
  if (!n) return null;
  const order = ordered(nodes).map((o) => o.node.id);
  const next = order[order.indexOf(n.id) + 1] ?? order[order.indexOf(n.id) - 1] ?? null;
  nodes.splice(nodes.indexOf(n), 1);
  return next && nodes.some((x) => x.id === next) ? next : n.parent;
}

/** A node's id changed: its children follow. */
export function renameParent(nodes: DraftNode[], from: string, to: string): void {
  for (const n of nodes) if (n.parent === from) n.parent = to;
}

/** Brings every threshold of a node (its own and each plan's) that would light more to the cut-off. */
export function applyCutoff(n: DraftNode, cutoff: number, direction: Direction): void {
  const capped = capThresholds(
    { warn: n.warn as number | undefined, alert: n.alert as number | undefined },
    direction,
    cutoff,
  );
  for (const k of ['warn', 'alert'] as const) {
    if (capped[k] === undefined) delete n[k];
    else n[k] = capped[k];
  }
  if (n.by_plan && typeof n.by_plan === 'object') {
    const plans = n.by_plan as Record<string, Thresholds>;
    for (const plan of Object.keys(plans)) plans[plan] = capThresholds(plans[plan], direction, cutoff);
  }
}
