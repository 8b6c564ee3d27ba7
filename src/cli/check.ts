/** `kpi-lamp check <workbook> [--tree F] [--json]`: the verdicts of the contract's check@1. */
import { checkReport, verdicts } from '../core/tree/verdicts';
import { localText } from '../i18n/local-messages';
import type { Lang } from '../i18n/messages';
import { treeData } from '../server/tree-store';
import { type CommandSpec, EXIT_OK, openWorkbook } from './command';
import { terminalText } from '../core/text/terminal-text';
import { MAX_CELL_WIDTH, table } from './text-table';
import { requireBindings, resolveTree } from './tree-source';
import { duckDbCheck, ENGINE_OPTION, engineOf } from './engine';

type CheckNode = ReturnType<typeof checkReport>['nodes'][number];

const fixed = (v: number | null, digits: number) => (v === null ? '—' : v.toFixed(digits));
const pValue = (p: number | null) => (p === null ? '—' : p < 0.001 ? p.toExponential(1) : p.toFixed(3));

function kindWord(lang: Lang, kind: string | null): string {
  if (kind === null) return localText(lang, 'check.none');
  if (kind === 'none') return localText(lang, 'check.kind.none');
  return localText(lang, `term.${kind}` as 'term.leading');
}

/** S M A R T letters, each shown when that flag holds ("·" when not, "?" when unknown). */
function smartText(s: CheckNode['smart']): string {
  const flag = (v: boolean | null, letter: string) => (v === null ? '?' : v ? letter : '·');
  return [
    flag(s.specific, 'S'),
    flag(s.measurable, 'M'),
    flag(s.achievable, 'A'),
    flag(s.related, 'R'),
    flag(s.time_bound, 'T'),
  ].join('');
}

export function checkText(lang: Lang, report: ReturnType<typeof checkReport>): string {
  const lines = [localText(lang, 'check.title', { name: terminalText(report.kgi.name, MAX_CELL_WIDTH) }), ''];
  const rows = table(
    [
      'check.col.node',
      'check.col.declared',
      'check.col.inferred',
      'check.col.lag',
      'check.col.r',
      'check.col.pairs',
      'check.col.p',
      'check.col.smart',
      'check.col.warnings',
    ].map((k) => localText(lang, k as 'check.col.node')),
    report.nodes.map((n) => [
      n.name,
      kindWord(lang, n.declared_kind),
      kindWord(lang, n.inferred_kind),
      n.best_lag === null ? '—' : (n.best_lag > 0 ? '+' : '') + n.best_lag,
      fixed(n.r, 3),
      n.pairs === null ? '—' : String(n.pairs),
      pValue(n.p_value),
      smartText(n.smart),
      n.warnings.map((w) => localText(lang, `warning.${w}` as 'warning.no_floor')).join(lang === 'ja' ? '、' : '; '),
    ]),
    ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'left', 'left'],
  );
  for (const line of rows) lines.push(line);
  lines.push('', localText(lang, 'check.note'));
  return lines.join('\n');
}

export const checkCommand: CommandSpec = {
  name: 'check',
  summary: 'cli.cmd.check.summary',
  usage: 'cli.cmd.check.usage',
  args: ['workbook'],
  options: [{ name: 'tree', value: 'F', help: 'cli.opt.tree' }, { name: 'json', help: 'cli.opt.json' }, ENGINE_OPTION],
  async run({ lang, locale, io, args, options }) {
    const treeFile = typeof options.tree === 'string' ? options.tree : undefined;
    let report: ReturnType<typeof checkReport>;
    if (engineOf(options) === 'duckdb')
      report = await duckDbCheck({ lang, locale, io }, args[0], treeFile, ['verdicts']);
    else {
      const { workbook } = await openWorkbook(args[0], locale);
      const tree = resolveTree(lang, workbook, treeFile);
      requireBindings(lang, workbook, tree, ['verdicts']);
      report = checkReport(tree, treeData(workbook, tree), verdicts(tree, treeData(workbook, tree)));
    }
    io.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${checkText(lang, report)}\n`);
    return EXIT_OK;
  },
};
