/**
 * A KPI tree in another language from one source of truth: the tree's
 * structure, bindings and thresholds come from the original tree JSON
 * (kpi-lamp/tree@1), and only the words a person reads — each node's name,
 * definition, action and owner — come from a table of translations by node
 * id. So the two trees cannot drift: a threshold changed in the original is
 * the translation's threshold too (sample/starter-tree.ja.json is made this
 * way by `npm run sample:tree`, and a test remakes it).
 *
 * Every node must be in the table with every one of those words it has (and
 * nothing else): a word left untranslated, a stale id or a word the
 * original does not have is an error naming the node and the field.
 */
export const TRANSLATED_FIELDS = ['name', 'definition', 'action', 'owner'] as const;
export type TranslatedField = (typeof TRANSLATED_FIELDS)[number];

export type TreeTranslation = Record<string, Partial<Record<TranslatedField, string>>>;

type Doc = { format: string; settings?: Record<string, unknown>; nodes: Record<string, unknown>[] };

/** The tree document with its words translated; throws naming every node and field the table does not cover exactly. */
export function translateTree(doc: Doc, table: TreeTranslation): Doc {
  const problems: string[] = [];
  const ids = new Set(doc.nodes.map((n) => String(n.id)));
  for (const id of Object.keys(table))
    if (!ids.has(id)) problems.push(`the table translates node "${id}", which the tree does not have`);
  const nodes = doc.nodes.map((n) => {
    const id = String(n.id);
    const words = table[id] ?? {};
    const out: Record<string, unknown> = { ...n };
    for (const field of TRANSLATED_FIELDS) {
      const has = typeof n[field] === 'string' && n[field] !== '';
      const given = Object.prototype.hasOwnProperty.call(words, field);
      if (has && !given) problems.push(`node "${id}": no translation of its ${field} "${String(n[field])}"`);
      else if (!has && given) problems.push(`node "${id}": a translation of ${field}, which the node does not have`);
      else if (has && (typeof words[field] !== 'string' || words[field]!.trim() === ''))
        problems.push(`node "${id}": its ${field} translation is empty`);
      else if (has) out[field] = words[field];
    }
    for (const field of Object.keys(words)) {
      if (!(TRANSLATED_FIELDS as readonly string[]).includes(field))
        problems.push(`node "${id}": "${field}" is not a word a person reads (${TRANSLATED_FIELDS.join(', ')})`);
    }
    return out;
  });
  if (problems.length) throw new Error(`The tree's translation does not fit the tree:\n- ${problems.join('\n- ')}`);
  return { ...doc, nodes };
}

/** A tree document as the sample's files are written: settings on one line, one line per node. */
export function treeFileText(doc: Doc): string {
  const lines = [`  "format": ${JSON.stringify(doc.format)},`];
  if (doc.settings) lines.push(`  "settings": ${JSON.stringify(doc.settings)},`);
  lines.push('  "nodes": [', doc.nodes.map((n) => `    ${JSON.stringify(n)}`).join(',\n'), '  ]');
  return `{\n${lines.join('\n')}\n}\n`;
}
