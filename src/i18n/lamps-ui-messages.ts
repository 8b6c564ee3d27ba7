/** The Lamps panel's words (sidebar, menu items, dialogs), spread into the catalogues of messages.ts. */
export const lampsUiEn = {
  'sidebar.tab.lamps': 'Lamps',
};

export type LampsUiKey = keyof typeof lampsUiEn;

export const lampsUiJa: Record<LampsUiKey, string> = {
  'sidebar.tab.lamps': 'ランプ',
};
