/** The KPI tree builder's words (sidebar and its dialogs), spread into the catalogues of messages.ts. */
export const treeUiEn = {
  'sidebar.tab.tree': 'KPI tree',
};

export type TreeUiKey = keyof typeof treeUiEn;

export const treeUiJa: Record<TreeUiKey, string> = {
  'sidebar.tab.tree': 'KPI ツリー',
};
