/** A Log entry in a sentence (the Log's `message` column, the sidebar's recent changes), in a person's language. */
import { t, type Lang, type MessageKey } from './messages';

/** The fields of a Log entry a sentence reads (server/run-state.ts LogEntry). */
export interface LogEvent {
  event: string;
  state: string;
  previous_state: string | null;
  user: string | null;
  memo: string | null;
  snooze_until: string | null;
}

/** A lamp state, or the log's own codes (watch, removed), in words. */
export function logStateWord(lang: Lang, state: string | null): string {
  if (state === 'ok' || state === 'warn' || state === 'alert' || state === 'unknown')
    return t(lang, `lamp.state.${state}` as MessageKey);
  if (state === 'watch') return t(lang, 'log.state.watch');
  if (state === 'removed') return t(lang, 'log.state.removed');
  return state ?? '';
}

/**
 * What happened, for people: `node` is the name to show, `reason` the lamp's
 * reason in the same language (none for a removed account or a mark).
 */
export function logMessage(lang: Lang, e: LogEvent, node: string, reason: string | null): string {
  if (e.event === 'in_progress') {
    return (
      t(lang, 'log.in_progress', { user: e.user ?? '', node }) +
      (e.memo ? t(lang, 'log.memo', { memo: e.memo }) : '') +
      (e.snooze_until ? t(lang, 'log.until', { until: e.snooze_until }) : '')
    );
  }
  if (e.state === 'removed') return t(lang, 'log.removed', { node });
  return t(lang, `log.${e.event}` as MessageKey, {
    node,
    from: logStateWord(lang, e.previous_state ?? 'ok'),
    to: logStateWord(lang, e.state),
    reason: reason ?? '',
  });
}
