/**
 * Small DOM and number helpers of the sidebar's panels and the correlogram
 * dialog. Text enters the DOM only as text (textContent /
 * text nodes), never as HTML.
 */
import { parseNumberText } from '../core/table';
import type { MessageKey } from '../i18n/messages';

export type Attrs = Record<string, string>;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | null)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) if (c !== null) node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

/** A verdict's warnings, each its word in bold and what it means (the node editor and the correlogram dialog). */
export function warningList(
  warnings: readonly string[],
  testid: string,
  say: (key: MessageKey) => string,
): HTMLElement {
  return el(
    'ul',
    { class: 'kl-explain', 'data-testid': testid },
    ...warnings.map((w) =>
      el(
        'li',
        { 'data-warning': w },
        el('b', {}, say(`warning.${w}` as MessageKey)),
        ': ',
        say(`warning.explain.${w}` as MessageKey),
      ),
    ),
  );
}

/** A message of the KPI tree builder: what it says (its first line, then a list) and where it shows (its test id). */
export type Message = { kind: 'error' | 'info'; lines: string[]; testid: string } | null;

/** A message block: its first line as a paragraph, the rest as a list; an error is an alert. */
export function lines(kind: 'error' | 'info', items: string[], testid: string): HTMLElement {
  const [first, ...rest] = items;
  return el(
    'div',
    {
      class: kind === 'error' ? 'error kl-tree-msg' : 'gray kl-tree-msg',
      'data-testid': testid,
      role: kind === 'error' ? 'alert' : 'status',
    },
    el('p', {}, first ?? ''),
    rest.length ? el('ul', {}, ...rest.map((x) => el('li', {}, x))) : null,
  );
}

export const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg(tag: string, attrs: Record<string, string | number> = {}, text?: string): SVGElement {
  const node = document.createElementNS(SVG_NS, tag) as SVGElement;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A number as people type it back: 0.8, 1200, 0.015 (no float noise). */
export function showNumber(v: number): string {
  return String(Number(v.toPrecision(12)));
}

/** "80%" beside a fraction (0 < |v| < 1), else "". */
export function percentHint(v: number): string {
  return v !== 0 && Math.abs(v) < 1 ? `${showNumber(v * 100)}%` : '';
}

/** A typed number ("0.8", "80%", "８０％") → number; "" → undefined; anything else → null. */
export function readNumber(text: string): number | undefined | null {
  if (text.trim() === '') return undefined;
  return parseNumberText(text);
}

export const showLag = (lag: number | null): string => (lag === null ? '—' : lag > 0 ? `+${lag}` : String(lag));
export const showR = (r: number | null): string => (r === null ? '—' : r.toFixed(3));
export function showP(p: number | null): string {
  if (p === null) return '—';
  if (p < 0.001) return p.toExponential(1);
  return p.toPrecision(2);
}
