/**
 * The KPI tree of ../../shared/spec/kpi-tree.md (`kpi-lamp/tree@1`): one KGI
 * at the root, critical success factors (CSF), KPIs and composite KPIs to any
 * depth. Pure types and defaults.
 */
export const TREE_FORMAT = 'kpi-lamp/tree@1';

export type NodeType = 'kgi' | 'csf' | 'kpi' | 'composite';
export type Kind = 'leading' | 'lagging' | 'coincident';
export type Direction = 'higher_is_better' | 'lower_is_better';
export type CompositeMethod = 'product' | 'weighted_mean';

export const NODE_TYPES: readonly NodeType[] = ['kgi', 'csf', 'kpi', 'composite'];
export const KINDS: readonly Kind[] = ['leading', 'lagging', 'coincident'];
export const DIRECTIONS: readonly Direction[] = ['higher_is_better', 'lower_is_better'];
export const METHODS: readonly CompositeMethod[] = ['product', 'weighted_mean'];

/** What evidence does to the lamps (see Evidence in the contract): reported beside them, or gating contradicted ones. */
export type EvidenceMode = 'show' | 'gate';
export const EVIDENCE_MODES: readonly EvidenceMode[] = ['show', 'gate'];

export interface Thresholds {
  warn?: number;
  alert?: number;
}

export interface TreeNode {
  id: string;
  parent: string | null;
  type: NodeType;
  name: string;
  definition?: string;
  kind?: Kind;
  accounts_column?: string;
  history_column?: string;
  direction?: Direction;
  target?: number;
  warn?: number;
  alert?: number;
  action?: string;
  owner?: string;
  review_date?: string;
  deadline?: string;
  method?: CompositeMethod;
  floor?: number;
  weight?: number;
  by_plan?: Record<string, Thresholds>;
}

export interface Columns {
  id: string;
  name: string;
  owner: string;
  plan: string;
  arr: string;
  renewal: string;
  month: string;
  churned: string;
}

export interface Settings {
  accounts_sheet: string;
  snapshots_sheet: string;
  history_sheet: string;
  columns: Columns;
  significance: number;
  max_lag: number;
  horizon_months: number;
  /** "show" (the default when absent, so older trees light what they lit) or "gate". */
  evidence: EvidenceMode;
  /** The share of accounts a team can act on, 0..1. */
  alert_budget: number;
  /**
   * Where Accounts and Snapshots live when they are BigQuery tables (issue 15):
   * the billing project of the queries, and `project.dataset.table` paths.
   * Absent (the default): the sheets above are read.
   */
  bigquery_project?: string;
  accounts_table?: string;
  snapshots_table?: string;
}

export interface Tree {
  format: typeof TREE_FORMAT;
  settings: Settings;
  nodes: TreeNode[];
}

export const DEFAULT_COLUMNS: Columns = {
  id: 'account_id',
  name: 'account_name',
  owner: 'csm',
  plan: 'plan',
  arr: 'arr',
  renewal: 'renewal_date',
  month: 'month',
  churned: 'churned',
};

export const DEFAULT_SETTINGS: Settings = {
  accounts_sheet: 'Accounts',
  snapshots_sheet: 'Snapshots',
  history_sheet: 'History',
  columns: DEFAULT_COLUMNS,
  significance: 0.05,
  max_lag: 6,
  horizon_months: 3,
  evidence: 'show',
  alert_budget: 0.2,
};

/** The node keys of the format, in the order they are stored and exported. */
export const NODE_KEYS = [
  'id',
  'parent',
  'type',
  'name',
  'definition',
  'kind',
  'accounts_column',
  'history_column',
  'direction',
  'target',
  'warn',
  'alert',
  'action',
  'owner',
  'review_date',
  'deadline',
  'method',
  'floor',
  'weight',
  'by_plan',
] as const;

export type NodeKey = (typeof NODE_KEYS)[number];
