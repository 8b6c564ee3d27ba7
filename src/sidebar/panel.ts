/** What a sidebar panel (KPI tree, Lamps) gets from the shell, and gives back. */
import type { Lang, MessageKey, MessageParams } from '../i18n/messages';
import type { SidebarContext } from '../server/api';
import type { Direction } from '../core/tree/types';

export interface PanelEnv {
  /** The sidebar's current language (the switch in the header changes it; panels re-render). */
  lang(): Lang;
  tr(key: MessageKey, params?: MessageParams): string;
  /** The last context from the server (sheets, active sheet), or null before the first round trip. */
  context(): SidebarContext | null;
  /** Shows an error in the shared status line (its message as text). */
  showError(e: unknown): void;
  clearError(): void;
  /** Puts a cut-off into the draft tree (the KPI tree tab opens on it; nothing is saved). */
  useCutoff(node: string, cutoff: number, direction: Direction): void;
}

export interface PanelHandle {
  /** Called when the panel's tab is shown (load data here). */
  shown(): void;
  /** Called after every shell render (language changes included): redraw labels. */
  render(): void;
  /** Asked before another tab is shown; false keeps this one (e.g. unsaved edits to warn about). */
  canLeave?(): boolean;
  /** The KPI tree tab: applies a cut-off to a node of the draft (every threshold that would light more is brought to it). */
  useCutoff?(node: string, cutoff: number, direction: Direction): Promise<void>;
}
