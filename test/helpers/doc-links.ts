/**
 * The one link checker of the documentation: every relative link (and
 * picture) of a Markdown file leads to a file, and to a heading there when
 * it names an anchor, by GitHub's rule for anchors. Links inside code
 * (fenced or `inline`) are not links. Files another branch is still writing
 * may be named in `pending` (each with why): a link to one of them is
 * accepted only while the file does not exist; once it does, it is checked
 * like any other.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

/** GitHub's anchor for a heading: lower case, punctuation dropped (letters, digits, spaces, _ and - kept), spaces → -. */
export const slug = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

/** The Markdown of a file without its code: fenced blocks and `inline code` blanked (lines kept). */
function withoutCode(text: string): string {
  let fence = false;
  return text
    .split('\n')
    .map((line) => {
      if (/^\s*```/.test(line)) {
        fence = !fence;
        return '';
      }
      return fence ? '' : line.replace(/`[^`]*`/g, (m) => ' '.repeat(m.length));
    })
    .join('\n');
}

/** The anchors of a Markdown file's headings outside code blocks (a repeated heading gets -1, -2 … as on GitHub). */
export function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  let fence = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (/^\s*```/.test(line)) fence = !fence;
    const m = fence ? null : /^#{1,6} (.*)$/.exec(line);
    if (!m) continue;
    // A link in a heading counts by its label.
    const base = slug(m[1].replace(/\[([^\]]*)\]\([^)]*\)/g, '$1'));
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

export interface BrokenLink {
  file: string;
  link: string;
  problem: string;
}

/** Every relative link of a Markdown file that leads nowhere, with why. */
export function brokenLinks(file: string, root: string, pending: Record<string, string> = {}): BrokenLink[] {
  const out: BrokenLink[] = [];
  const text = withoutCode(readFileSync(file, 'utf8'));
  const where = relative(root, file);
  for (const m of text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const link = m[1];
    if (/^(?:https?:|mailto:)/.test(link)) continue;
    const [path, anchor] = link.split('#');
    const target = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
    const name = relative(root, target);
    if (!existsSync(target)) {
      if (!Object.prototype.hasOwnProperty.call(pending, name))
        out.push({ file: where, link, problem: `${name} does not exist` });
      continue;
    }
    if (anchor === undefined) continue;
    if (!statSync(target).isFile() || !target.endsWith('.md')) {
      out.push({ file: where, link, problem: `an anchor into ${name}, which is not a Markdown file` });
      continue;
    }
    if (!anchors(target).has(decodeURIComponent(anchor)))
      out.push({ file: where, link, problem: `${name} has no heading #${anchor}` });
  }
  return out;
}
