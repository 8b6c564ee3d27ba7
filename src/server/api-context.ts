/**
 * What every part of the sidebar's server API shares (api.ts composes it
 * from tree-api.ts and lamps-api.ts, which each take this context): the
 * workbook, the host, the user's language and a way to fail.
 */
import type { Lang, MessageKey, MessageParams } from '../i18n/messages';
import type { RunHost } from '../ports/run-host';
import type { Workbook } from '../ports/workbook';

/** What every part of the API shares: the workbook, the host, the user's language and a way to fail. */
export interface ApiContext {
  wb: Workbook;
  host: RunHost;
  lang(): Lang;
  fail(key: MessageKey, params?: MessageParams): never;
}
