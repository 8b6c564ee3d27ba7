/** `kpi-lamp lamps <workbook> [--tree F] [--json] [--horizon N] [--unknown] [--all]`. */
import { suggestedCutoff } from '../core/lamps/backtest';
import { isoInZone } from '../core/time/iso-in-zone';
import { lampReasonText, num } from '../i18n/lamp-text';
import { localText } from '../i18n/local-messages';
import type { Lang, MessageKey, MessageParams } from '../i18n/messages';
import { evidenceText, type EvidenceKey } from '../i18n/evidence-messages';
import {
  budgetNodeText,
  budgetSummary,
  cardText,
  cutoffAt,
  evidenceBadgeText,
  evidenceWord,
  percent,
  verdictChip,
  verdictFigures,
  verdictSentence,
} from '../i18n/evidence-text';
import { budgetCount } from '../core/lamps/budget';
import { root } from '../core/tree/structure';
import {
  computeLamps,
  lampsDocument,
  type LampsComputation,
  type Listing,
  MissingSheetError,
} from '../server/lamps-report';
import { type CommandSpec, CliError, EXIT_OK, openWorkbook } from './command';
import { duckDbLamps, ENGINE_OPTION, engineOf } from './engine';
import { table, tableLines } from './text-table';
import { jsonOutput, withNewlines, writePieces } from './output';
import { InputError, requireBindings, resolveTree } from './tree-source';
import { RUN_READS } from '../server/bindings';
import type { Tree } from '../core/tree/types';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const fix = (v: number | null, d = 2) => (v === null ? '—' : v.toFixed(d));

function stateWord(lang: Lang, state: string): string {
  return localText(lang, `lamp.state.${state}` as 'lamp.state.ok');
}

/** "At risk · Alert" for lit lamps, the state's word otherwise. */
function severityWord(lang: Lang, state: string): string {
  return state === 'alert' || state === 'warn'
    ? `${localText(lang, 'term.at_risk')} · ${stateWord(lang, state)}`
    : stateWord(lang, state);
}

/**
 * The readable report, line by line (written as it is made: 150,000 lit
 * accounts are 300,000 lines and more, never one array spread into a call).
 */
export function* lampsLines(
  lang: Lang,
  tree: Tree,
  c: LampsComputation,
  asOf: string,
  horizon: number,
): Generator<string> {
  const names = new Map(tree.nodes.map((n) => [n.id, n.name]));
  const kgi = root(tree).name;
  const ev = (key: EvidenceKey | MessageKey, params?: MessageParams) => evidenceText(lang, key, params);
  const budget = c.assessment.budget;
  yield* [
    localText(lang, 'lamps.title', { date: asOf, count: c.accounts, listed: c.listed.length }),
    budgetSummary(lang, budget),
    '',
  ];
  if (c.listed.length === 0) yield localText(lang, 'lamps.none_listed');
  else {
    const listed = c.listed;
    yield* tableLines(
      [
        'lamps.col.account',
        'lamps.col.owner',
        'lamps.col.plan',
        'lamps.col.arr',
        'lamps.col.renewal',
        'lamps.col.severity',
      ].map((k) => localText(lang, k as 'lamps.col.arr')),
      listed.length,
      (i) => {
        const a = listed[i];
        return [
          `${a.id} ${a.name ?? ''}`.trim(),
          a.owner ?? '',
          a.plan ?? '',
          a.arr === null ? '' : num(a.arr),
          a.renewal ?? '',
          severityWord(lang, a.severity),
        ];
      },
      ['left', 'left', 'left', 'right', 'left', 'left'],
    );
    yield '';
    for (const a of listed) {
      yield `${a.id} ${a.name ?? ''}`.trim();
      for (const l of a.lamps) {
        if (l.state === 'ok' || (l.gated && l.state === 'unknown')) continue;
        const node = names.get(l.node) ?? l.node;
        if (l.gated)
          yield ev('report.lit_line.watch', { state: stateWord(lang, l.state), node, reason: lampReasonText(lang, l) });
        else
          yield localText(lang, 'lamps.lit_line', {
            state: stateWord(lang, l.state),
            node,
            reason: lampReasonText(lang, l),
            action: l.action ?? localText(lang, 'lamps.no_action'),
          });
      }
    }
  }
  // On watch: the gated lamps, apart, with the evidence against them.
  yield* ['', ev('report.watch')];
  const watched = c.cards.filter((k) => k.gated);
  if (tree.settings.evidence === 'show') yield `  ${ev('report.watch.show')}`;
  else if (watched.length === 0) yield `  ${ev('report.watch.none')}`;
  for (const k of watched)
    yield* [
      `  ${ev('report.watch.node', { name: k.name, lit: k.today.lit })}`,
      `    ${evidenceBadgeText(lang, k, kgi)}`,
    ];

  // Every lamp node: evidence, verdict, today's share and the budget.
  const perNode = c.perNode;
  const maxLit = budgetCount(budget.alert_budget, budget.accounts);
  yield* ['', ev('report.nodes')];
  yield* table(
    [
      localText(lang, 'lamps.col.node'),
      ev('report.col.evidence'),
      ev('report.col.verdict'),
      ev('report.col.lit_today'),
      ev('report.col.share'),
      localText(lang, 'lamps.col.arr_at_risk'),
      ev('report.col.budget_cutoff'),
    ],
    c.cards.map((k, i) => [
      k.name,
      `${evidenceWord(lang, k.evidence)}${k.gated ? ` (${localText(lang, 'term.gated')})` : ''}`,
      verdictChip(lang, k.verdict, kgi).text,
      String(k.today.lit),
      percent(k.today.share),
      num(perNode[i].arr),
      k.overBudget ? (k.budgetCutoff === null ? '—' : cutoffAt(lang, k.budgetCutoff, k.direction)) : '',
    ]),
    ['left', 'left', 'left', 'right', 'right', 'right', 'left'],
  );
  for (const k of c.cards.filter((x) => x.overBudget)) {
    for (const line of budgetNodeText(
      lang,
      k.name,
      k.today.share,
      k.today.lit,
      k.budgetCutoff,
      k.direction,
      maxLit,
      budget.accounts,
    ))
      yield `  ${line}`;
  }

  // A report card per lamp node, at the tree's horizon.
  yield* ['', ev('report.cards')];
  for (const k of c.cards) {
    const card = cardText(lang, k, kgi);
    yield* ['', `  ${ev('report.card.title', { name: k.name, evidence: evidenceWord(lang, k.evidence) })}`];
    const figures = verdictFigures(lang, k.verdict);
    for (const line of [
      card.watch,
      card.today,
      ...card.history,
      card.evidence,
      card.smallSample,
      verdictSentence(lang, k.verdict, kgi),
      figures ? `(${figures})` : null,
      card.suggestion,
    ]) {
      if (line) yield `    ${line}`;
    }
  }
  yield* ['', `  ${evidenceText(lang, 'card.overlap')}`];

  yield* ['', localText(lang, 'lamps.backtest', { horizon })];
  yield* table(
    [
      'lamps.col.node',
      'lamps.col.considered',
      'lamps.col.lit',
      'lamps.col.churned',
      'lamps.col.lit_churned',
      'lamps.col.base_rate',
      'lamps.col.precision',
      'lamps.col.recall',
      'lamps.col.lift',
      'lamps.col.suggested',
    ].map((k) => localText(lang, k as 'lamps.col.node')),
    c.backtest.map((b) => {
      const s = suggestedCutoff(b);
      return [
        b.name,
        String(b.considered),
        String(b.lit),
        String(b.churned),
        String(b.lit_churned),
        pct(b.base_rate),
        pct(b.precision),
        pct(b.recall),
        b.lift === null
          ? '—'
          : `${fix(b.lift)}${b.lift_ci95 ? ` [${fix(b.lift_ci95[0])}, ${fix(b.lift_ci95[1])}]` : ''}`,
        s.kind === 'cutoff'
          ? localText(lang, 'lamps.suggested', {
              cutoff: num(s.point.cutoff),
              lift: fix(s.point.lift),
              recall: pct(s.point.recall),
            })
          : localText(lang, 'lamps.suggested_none'),
      ];
    }),
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left', 'left'],
  );
  yield* ['', localText(lang, 'lamps.backtest_note')];
}

/** --horizon's months (1 to 24), undefined when not given (the tree's horizon_months then). */
export function horizonOf(options: Record<string, string | true>): number | undefined {
  if (options.horizon === undefined) return undefined;
  const h = String(options.horizon);
  if (!/^\d+$/.test(h) || +h < 1 || +h > 24) throw new CliError('cli.error.bad_horizon', { value: h });
  return +h;
}

export const lampsCommand: CommandSpec = {
  name: 'lamps',
  summary: 'cli.cmd.lamps.summary',
  usage: 'cli.cmd.lamps.usage',
  args: ['workbook'],
  options: [
    { name: 'tree', value: 'F', help: 'cli.opt.tree' },
    { name: 'json', help: 'cli.opt.json' },
    { name: 'horizon', value: 'N', help: 'cli.opt.horizon' },
    { name: 'unknown', help: 'cli.opt.unknown' },
    { name: 'all', help: 'cli.opt.all' },
    ENGINE_OPTION,
  ],
  async run({ lang, locale, io, args, options }) {
    const horizon = horizonOf(options);
    const engine = engineOf(options);
    const treeFile = typeof options.tree === 'string' ? options.tree : undefined;
    const listing: Listing = options.all ? 'all' : options.unknown ? 'unknown' : 'at_risk';
    let tree: Tree;
    let c: LampsComputation;
    let timeZone: string;
    if (engine === 'duckdb') {
      // What the run reads (server/bindings.ts), checked over the files' headers as over the sheets'.
      ({ tree, c, timeZone } = await duckDbLamps({ lang, locale, io }, args[0], treeFile, RUN_READS, {
        horizon,
        listing,
      }));
    } else {
      const { workbook } = await openWorkbook(args[0], locale);
      tree = resolveTree(lang, workbook, treeFile);
      // What the run reads (server/bindings.ts): the lamps, the verdicts their evidence rests on, the backtest.
      requireBindings(lang, workbook, tree, RUN_READS);
      try {
        c = computeLamps(workbook, tree, { horizon, listing });
      } catch (e) {
        if (e instanceof MissingSheetError)
          throw new InputError('cli.error.no_accounts_sheet', { sheet: e.sheet }, lang);
        throw e;
      }
      timeZone = workbook.timeZone();
    }
    const asOf = isoInZone(new Date(), timeZone).slice(0, 10);
    const h = horizon ?? tree.settings.horizon_months;
    // Written as it is made, in chunks, however many accounts are listed (output.ts).
    if (options.json) await writePieces(io.stdout, jsonOutput(lampsDocument(c, { lang, asOf, horizon: h, listing })));
    else await writePieces(io.stdout, withNewlines(lampsLines(lang, tree, c, asOf, h)));
    return EXIT_OK;
  },
};
