/**
 * The few KPI tree words the server says (the tab's name, the starter's KGI,
 * the tree API's errors, the correlogram dialog's title), in English and
 * Japanese: spread into the catalogues of messages.ts, so they are in the
 * Apps Script bundle. Only data, so that messages.ts can import it. What only
 * the sidebar and the dialog show is in tree-ui-messages.ts.
 */
export const treeServerEn = {
  'sidebar.tab.tree': 'KPI tree',
  'tree.ui.starter.kgi_name': 'Monthly churn',
  'tree.ui.import.not_text': 'The import needs the JSON as text.',
  'tree.ui.error.no_node': 'There is no KPI "{node}" in the saved tree.',
  'tree.ui.correlogram.title': 'Correlogram — {name}',
};

export type TreeServerKey = keyof typeof treeServerEn;

export const treeServerJa: Record<TreeServerKey, string> = {
  'sidebar.tab.tree': 'KPI ツリー',
  'tree.ui.starter.kgi_name': '月次解約率',
  'tree.ui.import.not_text': 'インポートには JSON のテキストが必要です。',
  'tree.ui.error.no_node': '保存済みのツリーに KPI "{node}" がありません。',
  'tree.ui.correlogram.title': 'コレログラム — {name}',
};
