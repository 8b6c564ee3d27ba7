/**
 * `kpi-lamp export-tree <workbook>` prints the workbook's tree as
 * kpi-lamp/tree@1 JSON; `kpi-lamp import-tree <workbook> <tree.json>`
 * validates a tree and, only if it is valid, writes it into a CSV-folder
 * workbook (its "KPI Lamp Tree" and "KPI Lamp Settings" sheets), both files
 * or neither (see local/save-csv.ts).
 */
import { readFileSync } from 'node:fs';
import { SETTINGS_SHEET, TREE_SHEET } from '../core/tree/sheet-rows';
import { parseTreeJson, treeToJson } from '../core/tree/validate';
import { localText } from '../i18n/local-messages';
import { SaveError, saveSheetsAsCsv } from '../local/save-csv';
import { saveTree } from '../server/tree-store';
import { type CommandSpec, EXIT_OK, openWorkbook } from './command';
import { terminalText } from '../core/text/terminal-text';
import { InputError, invalidTree, resolveTree } from './tree-source';

export const exportTreeCommand: CommandSpec = {
  name: 'export-tree',
  summary: 'cli.cmd.export-tree.summary',
  usage: 'cli.cmd.export-tree.usage',
  args: ['workbook'],
  options: [],
  async run({ lang, locale, io, args }) {
    const { workbook } = await openWorkbook(args[0], locale);
    io.stdout.write(`${treeToJson(resolveTree(lang, workbook, undefined))}\n`);
    return EXIT_OK;
  },
};

export const importTreeCommand: CommandSpec = {
  name: 'import-tree',
  summary: 'cli.cmd.import-tree.summary',
  usage: 'cli.cmd.import-tree.usage',
  args: ['workbook', 'tree'],
  options: [],
  async run({ lang, locale, io, args }) {
    const [path, treeFile] = args;
    const { workbook, kind } = await openWorkbook(path, locale);
    if (kind !== 'csv-folder') throw new InputError('cli.error.import_csv_only', {}, lang);
    let text: string;
    try {
      text = readFileSync(treeFile, 'utf8').replace(/^\uFEFF/, '');
    } catch (e) {
      throw new InputError('cli.error.tree_file', { path: treeFile, reason: (e as Error).message }, lang);
    }
    const parsed = parseTreeJson(text);
    const saved = parsed.ok ? saveTree(workbook, JSON.parse(text)) : parsed;
    if (!saved.ok) throw invalidTree(lang, saved.issues);
    try {
      saveSheetsAsCsv(workbook, path, [TREE_SHEET, SETTINGS_SHEET]);
    } catch (e) {
      if (e instanceof SaveError) throw new InputError(e.key, e.params, lang);
      throw e;
    }
    io.stdout.write(
      `${localText(lang, 'cli.import-tree.done', { count: saved.tree.nodes.length, path: terminalText(path) })}\n`,
    );
    return EXIT_OK;
  },
};
