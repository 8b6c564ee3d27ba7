/**
 * Everything a workbook holds, as plain data to compare: its sheets in
 * their order (every cell as stored — values, dates, formulas, number
 * formats — the grid's size and frozen rows where the platform has them),
 * conditional-format rules, the document's, file's and every user's stores,
 * and the triggers. For an Apps Script book it is read from the double's
 * own model, under GasWorkbook; for an in-memory one, from the workbook.
 *
 * Trigger ids are the platform's to choose: a trigger put back after a
 * failed replacement has a new one. So triggers are named by their place
 * in a canonical order (owner, document, handler, schedule), and every id
 * quoted in a stored value is renamed the same way: two books are the same
 * when they hold the same triggers and their records name the same ones.
 */
import { isoInZone } from '../../src/core/time/iso-in-zone';
import type { MemoryWorkbook } from '../../src/local/memory-workbook';
import type { Book } from './books';

type Entries = [string, string][];

export interface WholeBook {
  sheets: { name: string; cells: unknown[][]; rules: unknown[]; grid?: [number, number]; frozen?: number }[];
  stores: Record<string, Entries>;
  triggers: string[];
}

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

/** Rows without their trailing blank cells, the grid without its trailing blank rows. */
function trimmed<T>(rows: T[][], blank: (c: T) => boolean): T[][] {
  const out = rows.map((r) => {
    let w = r.length;
    while (w > 0 && blank(r[w - 1])) w--;
    return r.slice(0, w);
  });
  while (out.length > 0 && out[out.length - 1].length === 0) out.pop();
  return out;
}

const sorted = (m: Iterable<[string, string]>, ignore: (k: string) => boolean): Entries =>
  [...m].filter(([k]) => !ignore(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** Renames trigger ids to their place in a canonical order, in the trigger list and in every stored value. */
function canonical(book: WholeBook, triggers: { id: string; key: string }[]): WholeBook {
  const order = [...triggers].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const names = new Map(order.map((t, i) => [t.id, `T${i + 1}`]));
  const rename = (v: string) =>
    v.replace(/"([^"]+)"/g, (whole, id: string) => (names.has(id) ? `"${names.get(id)}"` : whole));
  const stores: Record<string, Entries> = {};
  for (const [k, entries] of Object.entries(book.stores)) stores[k] = entries.map(([key, v]) => [key, rename(v)]);
  return { ...book, stores, triggers: order.map((t) => `${names.get(t.id)} ${t.key}`) };
}

/** The whole workbook; store keys for which `ignore` is true are left out. */
export function wholeBook(book: Book, ignore: (key: string) => boolean = () => false): WholeBook {
  if (book.kind === 'memory') {
    const wb = book.wb as MemoryWorkbook;
    const sheets = wb.sheetNames().map((name) => ({
      name,
      cells: trimmed((wb.grid(name) ?? []) as unknown[][], (c) => c === null || c === undefined),
      rules: wb.formatRules(name),
    }));
    const triggers = wb.triggers().map((t) => ({ id: t.id, key: `${t.handler} ${JSON.stringify(t.schedule)}` }));
    const store = (s: { keys(): string[]; get(k: string): string | null }) =>
      sorted(
        s.keys().map((k) => [k, s.get(k) as string] as [string, string]),
        ignore,
      );
    return canonical(
      {
        sheets,
        stores: { document: store(wb.documentStore()), user: store(wb.userStore()), file: store(wb.fileStore()) },
        triggers: [],
      },
      triggers,
    );
  }
  const d = book.double!;
  const ss = d.spreadsheets.get(d.defaultId)!;
  const cell = (c: { value: unknown; format: string; formula?: string }) => ({
    value: isDate(c.value) ? `date ${isoInZone(c.value, ss.timeZone)}` : c.value,
    format: c.format,
    ...(c.formula ? { formula: c.formula } : {}),
  });
  const sheets = [...ss.sheets.values()].map((m) => ({
    name: m.name,
    cells: trimmed(
      m.cells.map((r) => r.map(cell)),
      (c) => c.value === '' && c.format === '' && !('formula' in c),
    ),
    rules: m.rules.map((r) => {
      const rule = r as {
        getBooleanCondition(): { getCriteriaValues(): unknown[]; getBackground(): string } | null;
        getRanges(): { getA1Notation(): string }[];
      };
      const cond = rule.getBooleanCondition();
      return {
        formula: cond?.getCriteriaValues()[0] ?? null,
        background: cond?.getBackground() ?? null,
        ranges: rule.getRanges().map((x) => x.getA1Notation()),
      };
    }),
    grid: [m.maxRows, m.maxColumns] as [number, number],
    frozen: m.frozenRows,
  }));
  const stores: Record<string, Entries> = {
    document: sorted(ss.documentProps, ignore),
    file: sorted(
      ss.metadata.map((m) => [`${m.key} (${m.visibility})`, m.value] as [string, string]),
      (k) => ignore(k.replace(/ \(.*\)$/, '')),
    ),
  };
  // A user's store appears in the double when first asked for: an empty one is no store.
  for (const [user, props] of d.userProps) if (props.size > 0) stores[`user ${user}`] = sorted(props, ignore);
  const triggers = d.triggers.map((t) => ({
    id: t.uid,
    key: `${t.user} ${t.document} ${t.handler} ${JSON.stringify(t.schedule)}`,
  }));
  return canonical({ sheets, stores, triggers: [] }, triggers);
}
