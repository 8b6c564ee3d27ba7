/** Walking a valid tree: order, children, the root, directions. */
import type { Direction, Tree, TreeNode } from './types';

export function root(tree: Tree): TreeNode {
  return tree.nodes.find((n) => n.parent === null) as TreeNode;
}

export function childrenOf(tree: Tree, id: string): TreeNode[] {
  return tree.nodes.filter((n) => n.parent === id);
}

/** Depth-first from the root, a node before its children, children in `nodes` order. */
export function treeOrder(tree: Tree): TreeNode[] {
  const kids = new Map<string, TreeNode[]>();
  for (const n of tree.nodes) {
    if (n.parent === null) continue;
    const list = kids.get(n.parent) ?? [];
    list.push(n);
    kids.set(n.parent, list);
  }
  const out: TreeNode[] = [];
  const visit = (n: TreeNode) => {
    out.push(n);
    for (const c of kids.get(n.id) ?? []) visit(c);
  };
  visit(root(tree));
  return out;
}

export function nodeById(tree: Tree, id: string): TreeNode | undefined {
  return tree.nodes.find((n) => n.id === id);
}

/** A node's direction: its own, else its composite parent's, else higher_is_better. */
export function directionOf(tree: Tree, node: TreeNode): Direction {
  if (node.direction) return node.direction;
  const parent = node.parent === null ? undefined : nodeById(tree, node.parent);
  if (parent && parent.type === 'composite') return directionOf(tree, parent);
  return 'higher_is_better';
}

/** True when the node is a child of a composite. */
export function isCompositeChild(tree: Tree, node: TreeNode): boolean {
  const parent = node.parent === null ? undefined : nodeById(tree, node.parent);
  return !!parent && parent.type === 'composite';
}

/** Nodes whose lamps are evaluated: `kpi` or `composite` with `warn` or `alert` (own or by plan). */
export function isLampNode(node: TreeNode): boolean {
  if (node.type !== 'kpi' && node.type !== 'composite') return false;
  return hasThresholds(node);
}

export function hasThresholds(node: TreeNode): boolean {
  if (node.warn !== undefined || node.alert !== undefined) return true;
  return !!node.by_plan && Object.values(node.by_plan).some((t) => t.warn !== undefined || t.alert !== undefined);
}
