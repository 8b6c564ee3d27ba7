/**
 * `kpi-lamp sql <workbook | tree.json> --dialect bigquery|duckdb
 * [--accounts-table T] [--snapshots-table T] [--horizon N]`: the tree
 * compiled to SQL, printed for people who run it themselves (the BigQuery
 * console, a scheduled query, dbt), each query with its parameters in
 * comments (server/warehouse-lamps.ts warehouseScript). Values are never
 * written into the SQL text: they are the parameters.
 *
 * The tables: the flags, else the tree's settings (accounts_table,
 * snapshots_table, with bigquery_project before a dataset.table), else
 * placeholders in angle brackets, said in a comment. The columns: the
 * workbook's headers (a Parquet file's types for DuckDB), or, from a tree
 * file, the columns the tree binds; without a real schema every column is
 * read as text, which src/sql/cells.ts converts as the CSV reader does.
 */
import { extname } from 'node:path';
import type { Tree } from '../core/tree/types';
import { parseTablePath } from '../core/tree/bigquery-names';
import { localText } from '../i18n/local-messages';
import { tableIssueKey } from '../i18n/tree-issue-text';
import { workbookKind } from '../local/load-workbook';
import { MemoryWorkbook } from '../local/memory-workbook';
import type { SourceColumn, SourceTable } from '../ports/warehouse';
import { warehouseScript } from '../server/warehouse-lamps';
import { DIALECTS, type DialectName } from '../sql/api';
import { CliError, type CommandSpec, EXIT_OK, openWorkbook } from './command';
import { isTreeSheet, openDuckFolder, type Where } from './engine';
import { horizonOf } from './lamps';
import { resolveTree, treeFromFile } from './tree-source';

type Which = 'accounts' | 'snapshots';

/** The dialect the options name; missing or unknown is a usage error naming the allowed ones. */
function dialectOf(options: Record<string, string | true>): DialectName {
  const v = options.dialect;
  if (v === undefined) throw new CliError('cli.error.no_dialect');
  const d = DIALECTS.find((x) => x === v);
  if (!d) throw new CliError('cli.error.bad_dialect', { value: String(v) });
  return d;
}

/** A DuckDB view or table name: one to three dot-separated parts, none empty or holding a quote, backtick or control character. */
function duckdbPath(text: string): string[] | null {
  const parts = text.trim().split('.');
  return parts.length <= 3 &&
    parts.every((p) => /^[^\s`'"\\\u0000-\u001f\u007f]+(?: [^\s`'"\\\u0000-\u001f\u007f]+)*$/u.test(p))
    ? parts
    : null;
}

/** A BigQuery `project.dataset.table` by Google's naming rules (the tree settings' one rule), as its parts. */
function bigqueryPath(text: string): string[] | null {
  const p = parseTablePath(text.trim());
  return p.ok ? [p.project, p.dataset, p.table] : null;
}

/**
 * A table's path from a flag: BigQuery's project.dataset.table, or a DuckDB
 * name. A bad BigQuery path is refused with the tree settings' own text for
 * the part that is wrong (tree.issue.bad_table_name.*), naming the option.
 */
function flagPath(value: string, option: string, dialect: DialectName): string[] {
  if (dialect === 'bigquery') {
    const p = parseTablePath(value.trim());
    if (p.ok) return [p.project, p.dataset, p.table];
    throw new CliError(tableIssueKey(p.part), { field: option, found: JSON.stringify(value) });
  }
  const parts = duckdbPath(value);
  if (!parts) throw new CliError('cli.error.bad_duckdb_table', { option, value });
  return parts;
}

/** Where a table is: the flag, the tree's settings, else a placeholder (`placeholder` true). */
function pathOf(
  tree: Tree,
  which: Which,
  dialect: DialectName,
  options: Record<string, string | true>,
): { path: string[]; placeholder: boolean } {
  const flag = options[`${which}-table`];
  if (typeof flag === 'string') return { path: flagPath(flag, `--${which}-table`, dialect), placeholder: false };
  const s = tree.settings;
  const set = which === 'accounts' ? s.accounts_table : s.snapshots_table;
  const parts = set === undefined ? null : bigqueryPath(set);
  if (parts) return { path: parts, placeholder: false };
  const name = `<${which} table>`;
  return { path: dialect === 'bigquery' ? ['<project>', '<dataset>', name] : [name], placeholder: true };
}

/** The columns a tree binds (its settings' and its nodes'), read as text: what a tree file gives without a schema. */
function boundColumns(tree: Tree, which: Which): SourceColumn[] {
  const names: string[] = [...Object.values(tree.settings.columns)];
  for (const n of tree.nodes) {
    if (n.accounts_column) names.push(n.accounts_column);
    if (which === 'snapshots' && n.history_column) names.push(n.history_column);
  }
  const seen = new Set<string>();
  const out: SourceColumn[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (name === '' || seen.has(name)) continue;
    seen.add(name);
    out.push({ name, type: 'text' });
  }
  return out;
}

/** The tree and, from a workbook, its sheets' columns (null: no such sheet); from a tree file, none (undefined). */
async function treeAndColumns(
  { lang, locale, io }: Where,
  path: string,
  dialect: DialectName,
): Promise<{ tree: Tree; timeZone: string | undefined; columns?: Record<Which, SourceColumn[] | null> }> {
  if (extname(path).toLowerCase() === '.json') return { tree: treeFromFile(lang, path), timeZone: undefined };
  const text = (cols: SourceColumn[]) =>
    dialect === 'bigquery' ? cols.map((c) => ({ name: c.name, type: 'text' as const })) : cols;
  if (workbookKind(path) === 'xlsx') {
    const { workbook } = await openWorkbook(path, locale);
    const tree = resolveTree(lang, workbook, undefined);
    const cols = (sheet: string) =>
      workbook
        .headerRow(sheet)
        ?.flatMap((h, i, all) => (h === '' || all.indexOf(h) < i ? [] : [{ name: h, type: 'text' as const }])) ?? null;
    return {
      tree,
      timeZone: workbook.timeZone(),
      columns: { accounts: cols(tree.settings.accounts_sheet), snapshots: cols(tree.settings.snapshots_sheet) },
    };
  }
  const folder = await openDuckFolder({ lang, locale, io }, path);
  try {
    const small = folder.smallBook(isTreeSheet);
    const tree = resolveTree(lang, small, undefined);
    // The header alone (a CSV file's first record, a Parquet file's DESCRIBE): no file is read whole, no view made.
    const cols = async (sheet: string) => {
      const c = await folder.columns(sheet);
      return c ? text(c) : null;
    };
    return {
      tree,
      timeZone: small.timeZone(),
      columns: {
        accounts: await cols(tree.settings.accounts_sheet),
        snapshots: await cols(tree.settings.snapshots_sheet),
      },
    };
  } finally {
    folder.close();
  }
}

export const sqlCommand: CommandSpec = {
  name: 'sql',
  summary: 'cli.cmd.sql.summary',
  usage: 'cli.cmd.sql.usage',
  args: ['workbook'],
  options: [
    { name: 'dialect', value: 'bigquery|duckdb', help: 'cli.opt.dialect' },
    { name: 'accounts-table', value: 'T', help: 'cli.opt.accounts_table' },
    { name: 'snapshots-table', value: 'T', help: 'cli.opt.snapshots_table' },
    { name: 'horizon', value: 'N', help: 'cli.opt.horizon' },
  ],
  async run({ lang, locale, io, args, options }) {
    const dialect = dialectOf(options);
    const horizon = horizonOf(options);
    const { tree, timeZone, columns } = await treeAndColumns({ lang, locale, io }, args[0], dialect);
    const table = (which: Which, sheet: string): { table: SourceTable | null; placeholder: boolean } => {
      const cols = columns ? columns[which] : boundColumns(tree, which);
      const where = pathOf(tree, which, dialect, options);
      // A workbook without the sheet: a table the flags or the settings name is still compiled, with the tree's columns.
      const named = cols ?? (where.placeholder ? null : boundColumns(tree, which));
      if (named === null) return { table: null, placeholder: false };
      return { table: { label: sheet, path: where.path, columns: named }, placeholder: where.placeholder };
    };
    const a = table('accounts', tree.settings.accounts_sheet);
    const s = table('snapshots', tree.settings.snapshots_sheet);
    const accounts = a.table ?? {
      label: tree.settings.accounts_sheet,
      path: pathOf(tree, 'accounts', dialect, {}).path,
      columns: boundColumns(tree, 'accounts'),
    };
    const placeholder = a.placeholder || s.placeholder || a.table === null;
    const script = warehouseScript(
      tree,
      { accounts, snapshots: s.table },
      // The command line's workbooks are read in the workbook's zone (a MemoryWorkbook's default for a tree file).
      { dialect, horizon, timeZone: timeZone ?? new MemoryWorkbook({ locale }).timeZone() },
    );
    const note = placeholder ? `-- ${localText(lang, 'cli.sql.placeholder_note')}\n` : '';
    io.stdout.write(note + script);
    return EXIT_OK;
  },
};
