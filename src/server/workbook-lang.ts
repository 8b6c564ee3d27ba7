/**
 * The workbook's language: the one KPI Lamp writes in for people to read
 * inside the spreadsheet — the lamp column's words after its fixed code, the
 * Log's message column, the digest mail, a run's stored result. One text per
 * cell for everyone who opens the file, so one language per spreadsheet, not
 * per person: the language last chosen with the sidebar's 日本語/English
 * switch (by anyone), and until someone chooses, the locale of whoever runs
 * it. Fixed codes ("[alert]", `on`, `warn`…) and the names of the sheets and
 * columns KPI Lamp creates never change with it (the contract).
 *
 * Kept in the document store, and copied to the file's own store, where an
 * Editor add-on's time trigger reads its settings (it has no document
 * properties; see lamps-api.ts).
 */
import { isLang, pickLang, type Lang } from '../i18n/messages';
import type { Workbook } from '../ports/workbook';

export const WORKBOOK_LANG_KEY = 'kpi-lamp.lang';

/** The language the workbook is written in. */
export function workbookLang(wb: Workbook): Lang {
  const chosen = wb.documentStore().get(WORKBOOK_LANG_KEY);
  return isLang(chosen) ? chosen : pickLang(wb.locale());
}

/** Whether someone has chosen the workbook's language (else it follows the runner's locale). */
export function workbookLangChosen(wb: Workbook): boolean {
  return isLang(wb.documentStore().get(WORKBOOK_LANG_KEY));
}

/** Makes `lang` the workbook's language, where the scheduled run reads it too. */
export function setWorkbookLang(wb: Workbook, lang: Lang): void {
  for (const store of [wb.documentStore(), wb.fileStore()])
    if (store.get(WORKBOOK_LANG_KEY) !== lang) store.set(WORKBOOK_LANG_KEY, lang);
}
