/**
 * The ceilings of a KPI tree, enforced by validation (validate.ts) with a
 * message naming the ceiling, wherever a tree comes from: a JSON file, the
 * tree sheets, the sidebar. They are far above any real tree (the sample has
 * 12 nodes) and keep every command, the sidebar and the run fast and small
 * whatever a file holds: without them a 10,000-node cycle took 3.2 GB to
 * report, a 5 MB action made `lamps --json` fail and 100,000 KPIs hung
 * `lamps`. Documented in docs/limits.md.
 */
export const TREE_LIMITS = {
  /** Characters of a tree's JSON text (a file, a by_plan cell). */
  jsonChars: 10_000_000,
  /** Arrays and objects nested in that JSON (the format itself needs 4). */
  jsonDepth: 16,
  /** Nodes in a tree. */
  nodes: 500,
  /** Levels from the KGI (level 1) down to the deepest node. */
  levels: 32,
  /** Characters of any one text: an id, a name, a definition, an action, a sheet or column name, a plan. */
  textChars: 2_000,
  /** Plans in one node's by_plan. */
  plans: 200,
} as const;

/**
 * How deep arrays and objects nest in a JSON text, counted in one pass and
 * given up past `limit` (returns limit + 1). Strings are skipped, escapes
 * included, so brackets inside them do not count.
 */
export function jsonNesting(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return limit + 1;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/** A text shortened for a message: at most `max` characters, an ellipsis and the full length after. */
export function clipText(text: string, max = 80): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length.toLocaleString('en-US')} characters)`;
}
