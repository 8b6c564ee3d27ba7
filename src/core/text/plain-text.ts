/**
 * Text that came from people (account names, actions, memos) and is written
 * into a sheet by KPI Lamp must never become a formula: a leading =, +, − or
 * @ is neutralised with an apostrophe (the cells are also formatted as plain
 * text by the Apps Script adapter). This also defuses CSV/formula injection
 * when the sheet is exported and opened elsewhere.
 */
export function plainText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/**
 * Undoes plainText when reading back: "'=x" → "=x" (only before = + − @).
 * One apostrophe of several goes ("''=x" → "'=x"), so a writer that means
 * the text "'=x" stores "''=x" (see core/tree/sheet-rows.ts storedText).
 */
export function fromPlainText(s: string): string {
  return /^'+[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
}
