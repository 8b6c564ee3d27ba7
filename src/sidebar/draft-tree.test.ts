import {
  addKpi,
  applyCutoff,
  deleteNode,
  deleteProblem,
  moveAmongSiblings,
  ordered,
  renameParent,
  rootOf,
  uniqueId,
  type DraftNode,
} from './draft-tree';

/** KGI ← (a ← (x, y), b), listed out of tree order on purpose. */
const draft = (): DraftNode[] => [
  { id: 'x', parent: 'a', type: 'kpi', name: 'X' },
  { id: 'b', parent: 'kgi', type: 'csf', name: 'B' },
  { id: 'kgi', parent: null, type: 'kgi', name: 'Churn' },
  { id: 'a', parent: 'kgi', type: 'csf', name: 'A' },
  { id: 'y', parent: 'a', type: 'kpi', name: 'Y' },
];
const order = (nodes: DraftNode[]) => ordered(nodes).map((o) => `${'  '.repeat(o.depth)}${o.node.id}`);

describe('the draft tree', () => {
  it('is read depth-first from the root, children in the order they are listed; a node not reached comes last', () => {
    expect(order(draft())).toEqual(['kgi', '  b', '  a', '    x', '    y']);
    expect(order([...draft(), { id: 'lost', parent: 'nope', type: 'kpi', name: 'L' }]).pop()).toBe('lost');
    expect(rootOf(draft())?.id).toBe('kgi');
  });

  it('adds a KPI under a parent with an id no node has', () => {
    const nodes = [...draft(), { id: 'kpi_1', parent: 'a', type: 'kpi' as const, name: 'K' }];
    expect(uniqueId(nodes, 'kpi')).toBe('kpi_2');
    const n = addKpi(nodes, 'b', 'New KPI');
    expect(n).toEqual({ id: 'kpi_2', parent: 'b', type: 'kpi', name: 'New KPI' });
    expect(order(nodes)).toEqual(['kgi', '  b', '    kpi_2', '  a', '    x', '    y', '    kpi_1']);
  });

  it('moves a node among its siblings only', () => {
    const nodes = draft();
    expect(moveAmongSiblings(nodes, 'y', -1)).toBe(true);
    expect(order(nodes)).toEqual(['kgi', '  b', '  a', '    y', '    x']);
    expect(moveAmongSiblings(nodes, 'y', -1)).toBe(false);
    expect(moveAmongSiblings(nodes, 'b', 1)).toBe(true);
    expect(order(nodes)).toEqual(['kgi', '  a', '    y', '    x', '  b']);
    expect(moveAmongSiblings(nodes, 'kgi', 1)).toBe(false);
    expect(moveAmongSiblings(nodes, 'nope', 1)).toBe(false);
  });

  it('deletes a leaf, then selects the next node in tree order, else the one before, else the parent; never the root or a node with children', () => {
    const nodes = draft();
    expect([deleteProblem(nodes, 'kgi'), deleteProblem(nodes, 'a'), deleteProblem(nodes, 'x')]).toEqual([
      'root',
      'has_children',
      null,
    ]);
    expect(deleteNode(nodes, 'x')).toBe('y');
    expect(deleteNode(nodes, 'y')).toBe('a');
    expect(order(nodes)).toEqual(['kgi', '  b', '  a']);
    expect(
      deleteNode(
        [
          { id: 'kgi', parent: null, type: 'kgi', name: 'K' },
          { id: 'only', parent: 'kgi', type: 'kpi', name: 'O' },
        ],
        'only',
      ),
    ).toBe('kgi');
  });

  it('keeps the children with a parent whose id changed', () => {
    const nodes = draft();
    nodes.find((n) => n.id === 'a')!.id = 'adoption';
    renameParent(nodes, 'a', 'adoption');
    expect(order(nodes)).toEqual(['kgi', '  b', '  adoption', '    x', '    y']);
  });

  it('brings every threshold that would light more to a cut-off, the plans’ too, and leaves the stricter ones', () => {
    const n: DraftNode = {
      id: 'login',
      parent: 'kgi',
      type: 'kpi',
      name: 'Login',
      warn: 0.5,
      alert: 0.3,
      by_plan: { Enterprise: { warn: 0.6 }, Starter: { alert: 0.1 } },
    };
    applyCutoff(n, 0.4, 'higher_is_better');
    expect([n.warn, n.alert, n.by_plan]).toEqual([0.4, 0.3, { Enterprise: { warn: 0.4 }, Starter: { alert: 0.1 } }]);
  });
});
