/**
 * The Lamps panel: Run now and the last run; at-risk accounts (sorted by
 * severity, ARR at risk or days to renewal; filtered by CSM and plan), each
 * lamp with its value, thresholds, reason, action, owner and 対応中; counts
 * and ARR at risk per KPI; time to resolution; the schedule; run settings;
 * clean removal.
 *
 * Every text from the workbook enters the DOM as text (textContent), never
 * as HTML. Colour is never the only signal: each state has a word and an icon.
 * The panel redraws itself when its data or the language changes, not on every
 * shell render, so that a memo being typed survives the shell's polling.
 */
import { isLit, type LampState } from '../core/lamps/evaluate';
import { lampsText, type LampsClientKey } from '../i18n/lamps-ui-messages';
import type { MessageKey, MessageParams } from '../i18n/messages';
import { runDoneText, runErrorText } from '../i18n/lamp-text';
import { bindingBanner } from './binding-banner';
import type { LampsView } from '../server/lamps-api';
import type { LampsPanel, PanelAccount, PanelLamp, PanelSort } from '../server/lamps-panel-data';
import type { RunResult } from '../server/run';
import type { PanelEnv, PanelHandle } from './panel';
import { server } from './api-client';
import { el } from './tree-dom';
import { evidenceText, type EvidenceKey } from '../i18n/evidence-messages';
import { budgetSummary, evidenceBadgeText, percent } from '../i18n/evidence-text';
import { evidenceBadge, reportCard } from './report-card';
import { historyBlock, recentBlock } from './history-blocks';
import { historyText } from '../i18n/history-ui-messages';
import { thresholdText, valueText } from '../i18n/value-text';

const PAGE = 25;
const ICON: Record<LampState, string> = { alert: '■', warn: '▲', unknown: '?', ok: '✓' };

export function mountLampsPanel(root: HTMLElement, env: PanelEnv): PanelHandle {
  const S = {
    view: null as LampsView | null,
    loading: false,
    error: null as string | null,
    message: null as string | null,
    query: { sort: 'severity' as PanelSort, csm: '', plan: '' },
    limit: PAGE,
    ack: null as string | null,
    busy: false,
    taken: null as string | null,
    removeOpen: false,
    drawn: '',
    seq: 0,
    /** When the run started from this panel ran (its result is the message; not repeated in the last-run line). */
    justRan: null as string | null,
    /** Report cards the person opened (kept open across redraws). */
    openCards: new Set<string>(),
  };
  root.addEventListener(
    'toggle',
    (e) => {
      const d = e.target as HTMLElement;
      const node = d.getAttribute?.('data-testid') === 'card' ? d.getAttribute('data-node') : null;
      if (!node) return;
      if ((d as HTMLDetailsElement).open) S.openCards.add(node);
      else S.openCards.delete(node);
    },
    true,
  );
  const tx = (key: LampsClientKey | MessageKey, params?: MessageParams) => lampsText(env.lang(), key, params);
  const ev = (key: EvidenceKey | MessageKey, params?: MessageParams) => evidenceText(env.lang(), key, params);
  const num = (v: number | null) =>
    v === null
      ? tx('lamps.none_value')
      : v.toLocaleString(env.lang() === 'ja' ? 'ja-JP' : 'en-US', { maximumFractionDigits: 3 });
  const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '');
  const stateWord = (s: LampState) => tx(`lamp.state.${s}` as MessageKey);

  function runText(r: RunResult): string {
    const error = r.error ? runErrorText(env.lang(), r.error) : '';
    return r.ok
      ? tx('lamps.last_run.ok', { at: when(r.at), by: r.by, summary: runDoneText(env.lang(), r) })
      : tx('lamps.last_run.error', { at: when(r.at), by: r.by, error });
  }

  async function load(markLooked = false, judgeAgain = false): Promise<void> {
    const seq = ++S.seq;
    S.loading = true;
    draw();
    try {
      const q = { sort: S.query.sort, csm: S.query.csm || null, plan: S.query.plan || null, limit: S.limit };
      const view = judgeAgain ? await server.judgeEvidenceAgain(q) : await server.getLampsPanel(q);
      if (seq !== S.seq) return;
      S.view = view;
      S.error = null;
      if (markLooked && view.panel) await server.markLooked();
    } catch (e) {
      if (seq === S.seq) S.error = e instanceof Error ? e.message : String(e);
    } finally {
      if (seq === S.seq) S.loading = false;
      draw();
    }
  }

  /** Runs a server call with the panel busy; shows its outcome; reloads the panel afterwards. */
  async function act(call: () => Promise<string | null>): Promise<void> {
    if (S.busy) return;
    S.busy = true;
    S.message = null;
    S.error = null;
    draw();
    try {
      S.message = await call();
    } catch (e) {
      S.error = e instanceof Error ? e.message : String(e);
    } finally {
      S.busy = false;
    }
    await load();
  }

  function button(label: string, testid: string, onClick: () => void, cls = ''): HTMLButtonElement {
    const b = el('button', { type: 'button', 'data-testid': testid, class: cls }, label);
    if (S.busy) b.disabled = true;
    b.addEventListener('click', onClick);
    return b;
  }

  function select(
    testid: string,
    label: string,
    value: string,
    options: [string, string][],
    onChange: (v: string) => void,
  ): HTMLElement {
    const s = el('select', { 'data-testid': testid });
    for (const [v, text] of options) {
      const o = el('option', { value: v }, text);
      if (v === value) o.selected = true;
      s.append(o);
    }
    s.addEventListener('change', () => onChange(s.value));
    return el('label', { class: 'kl-lp-field' }, el('span', { class: 'gray' }, label), s);
  }

  function lampItem(a: PanelAccount, l: PanelLamp): HTMLElement {
    const key = `${a.id}\u0000${l.node}`;
    const lit = isLit(l.state) && !l.gated;
    const status = l.ack ? tx('term.acknowledged') : lit ? tx('term.lit') : null;
    const li = el(
      'li',
      {
        class: `kl-lp-lamp kl-lp-${l.gated ? 'watch' : l.state}`,
        'data-testid': 'lamps-lamp',
        'data-node': l.node,
        'data-gated': String(l.gated),
      },
      el(
        'div',
        { class: 'kl-lp-lamp-head' },
        el(
          'span',
          { class: `kl-lp-badge kl-lp-${l.state}`, 'data-testid': 'lamps-lamp-state' },
          status === null
            ? `${ICON[l.state]} ${stateWord(l.state)}`
            : tx('lamps.lamp.state', { icon: ICON[l.state], state: stateWord(l.state), lit: status }),
        ),
        ' ',
        el('strong', {}, l.nodeName),
        l.isNew ? el('span', { class: 'kl-lp-new', 'data-testid': 'lamps-lamp-new' }, tx('lamps.lamp.new')) : null,
        l.gated ? el('span', { class: 'kl-watch-tag', 'data-testid': 'lamps-lamp-watch' }, ev('ui.lamp.watch')) : null,
      ),
      // Each number by the node's kind of value (a rate as a percentage), the value told apart from the threshold it reached.
      el(
        'div',
        { class: 'kl-lp-line' },
        tx('lamps.lamp.value', {
          value: valueText(l.value, l.kind, env.lang(), l.state === 'alert' ? l.alert : l.warn),
          warn: thresholdText(l.warn, l.kind, env.lang(), l.value),
          alert: thresholdText(l.alert, l.kind, env.lang(), l.value),
        }),
      ),
      el('div', { class: 'kl-lp-line', 'data-testid': 'lamps-lamp-reason' }, `${tx('lamps.lamp.reason')}: ${l.reason}`),
      el(
        'div',
        { class: 'kl-lp-line', 'data-testid': 'lamps-lamp-action' },
        `${tx('term.action')}: ${l.action ?? tx('lamps.no_action')}`,
      ),
      el(
        'div',
        { class: 'kl-lp-line gray' },
        `${tx('term.owner')}: ${l.owner ?? tx('lamps.none_value')}${l.since ? ' · ' + tx('lamps.lamp.since', { since: when(l.since) }) : ''}`,
      ),
    );
    if (l.ack) {
      li.append(
        el(
          'div',
          { class: 'kl-lp-ack', 'data-testid': 'lamps-lamp-ack' },
          el('div', {}, tx('lamps.lamp.ack', { by: l.ack.by, at: when(l.ack.at) })),
          l.ack.memo ? el('div', {}, tx('lamps.lamp.ack_memo', { memo: l.ack.memo })) : null,
          l.ack.until ? el('div', {}, tx('lamps.lamp.snoozed', { until: l.ack.until })) : null,
        ),
      );
    }
    if (lit && S.ack !== key)
      li.append(button(tx('lamps.ack.open'), 'lamps-ack-open', () => ((S.ack = key), draw(true)), 'kl-lp-small'));
    if (lit && S.ack === key) {
      const memo = el('textarea', { 'data-testid': 'lamps-ack-memo', rows: '2', maxlength: '1000' });
      const until = el('input', { type: 'date', 'data-testid': 'lamps-ack-until' });
      li.append(
        el(
          'div',
          { class: 'kl-lp-form' },
          el('label', { class: 'kl-lp-field' }, el('span', { class: 'gray' }, tx('lamps.ack.memo')), memo),
          el('label', { class: 'kl-lp-field' }, el('span', { class: 'gray' }, tx('lamps.ack.snooze')), until),
          el(
            'div',
            {},
            button(
              tx('lamps.ack.save'),
              'lamps-ack-save',
              () =>
                act(async () => {
                  await server.acknowledge(a.id, l.node, memo.value, until.value || null);
                  S.ack = null;
                  return tx('lamps.ack.done', { name: a.name ?? a.id, node: l.nodeName });
                }),
              'action',
            ),
            ' ',
            button(tx('lamps.ack.cancel'), 'lamps-ack-cancel', () => ((S.ack = null), draw(true))),
          ),
        ),
      );
    }
    return li;
  }

  function accountItem(a: PanelAccount): HTMLElement {
    const pick = el(
      'button',
      {
        type: 'button',
        class: 'kl-lp-account-name',
        'data-testid': 'lamps-account-select',
        title: tx('lamps.account.select', { name: a.name ?? a.id }),
      },
      el('span', { class: `kl-lp-badge kl-lp-${a.severity}` }, `${ICON[a.severity]} ${stateWord(a.severity)}`),
      ' ',
      el('span', { 'data-testid': 'lamps-account-name' }, a.name ?? a.id),
      ' ',
      el('span', { class: 'gray' }, a.id),
    );
    pick.addEventListener('click', () => {
      server.selectAccount(a.id).then(
        () => env.clearError(),
        (e) => env.showError(e),
      );
    });
    const renewal =
      a.daysToRenewal === null
        ? null
        : a.daysToRenewal >= 0
          ? tx('lamps.account.renewal', { days: a.daysToRenewal })
          : tx('lamps.account.renewal_past', { days: -a.daysToRenewal });
    return el(
      'li',
      { class: 'kl-lp-account', 'data-testid': 'lamps-account', 'data-account': a.id },
      pick,
      el(
        'div',
        { class: 'kl-lp-line gray' },
        [
          tx('lamps.account.meta', { csm: a.csm ?? '—', plan: a.plan ?? '—' }),
          tx('lamps.account.arr', { arr: num(a.arr) }),
          renewal,
        ]
          .filter(Boolean)
          .join(' · '),
      ),
      el('ul', { class: 'kl-lp-lamps' }, ...a.lamps.map((l) => lampItem(a, l))),
    );
  }

  function scheduleBlock(v: LampsView): HTMLElement {
    const sv = v.schedule;
    const s = sv.schedule;
    const lines: HTMLElement[] = [];
    if (!s)
      lines.push(el('p', { class: 'secondary', 'data-testid': 'lamps-schedule-status' }, tx('lamps.schedule.none')));
    else {
      const what =
        s.schedule.every === 'day'
          ? tx('lamps.schedule.daily', { hour: s.schedule.hour, tz: s.timeZone })
          : tx('lamps.schedule.hourly');
      const owner = sv.mine
        ? tx('lamps.schedule.owner_me', { owner: s.owner })
        : tx('lamps.schedule.owner', { owner: s.owner });
      lines.push(el('p', { 'data-testid': 'lamps-schedule-status' }, `${what} · ${owner}`));
    }
    const every = el('select', { 'data-testid': 'lamps-schedule-every' });
    for (const e of ['day', 'hour'] as const) {
      const o = el('option', { value: e }, tx(`lamps.schedule.every.${e}`));
      if ((s?.schedule.every ?? 'day') === e) o.selected = true;
      every.append(o);
    }
    const hour = el('select', { 'data-testid': 'lamps-schedule-hour' });
    const current = s && s.schedule.every === 'day' ? s.schedule.hour : 7;
    for (let h = 0; h < 24; h++) {
      const o = el('option', { value: String(h) }, `${h}:00`);
      if (h === current) o.selected = true;
      hour.append(o);
    }
    const install = (replace: boolean) =>
      act(async () => {
        const out = await server.installSchedule(
          every.value as 'day' | 'hour',
          every.value === 'day' ? Number(hour.value) : null,
          replace,
        );
        if (!out.ok) {
          S.taken = out.owner;
          return null;
        }
        S.taken = null;
        return tx('lamps.schedule.installed');
      });
    const block = el(
      'div',
      { class: 'block kl-lp-section', 'data-testid': 'lamps-schedule' },
      el('h2', { class: 'kl-h' }, tx('lamps.schedule')),
      ...lines,
      el('label', { class: 'kl-lp-field' }, el('span', { class: 'gray' }, tx('lamps.schedule.every')), every),
      el(
        'label',
        { class: 'kl-lp-field' },
        el('span', { class: 'gray' }, tx('lamps.schedule.hour', { tz: sv.timeZone })),
        hour,
      ),
      el(
        'div',
        {},
        button(
          tx(s && sv.mine ? 'lamps.schedule.update' : 'lamps.schedule.install'),
          'lamps-schedule-install',
          () => install(false),
          'action',
        ),
        ' ',
        s
          ? button(tx('lamps.schedule.remove'), 'lamps-schedule-remove', () =>
              act(async () => (await server.removeSchedule(), tx('lamps.schedule.removed'))),
            )
          : null,
      ),
    );
    if (s && !sv.mine) block.append(el('p', { class: 'secondary' }, tx('lamps.schedule.not_mine_remove')));
    if (S.taken)
      block.append(
        el(
          'p',
          { class: 'error', role: 'alert', 'data-testid': 'lamps-schedule-taken' },
          tx('lamps.schedule.taken', { owner: S.taken }),
        ),
        button(tx('lamps.schedule.replace'), 'lamps-schedule-replace', () => install(true), 'create'),
      );
    return block;
  }

  function settingsBlock(v: LampsView): HTMLElement {
    const persistence = el('input', {
      type: 'number',
      min: '1',
      max: '30',
      step: '1',
      value: String(v.settings.persistence),
      'data-testid': 'lamps-set-persistence',
    });
    const digest = el('input', { type: 'checkbox', 'data-testid': 'lamps-set-digest' });
    digest.checked = v.settings.digest;
    const log = el('input', {
      type: 'number',
      min: '100',
      max: '100000',
      step: '100',
      value: String(v.settings.logMaxRows),
      'data-testid': 'lamps-set-log',
    });
    return el(
      'div',
      { class: 'block kl-lp-section' },
      el('h2', { class: 'kl-h' }, tx('lamps.settings')),
      el(
        'label',
        { class: 'kl-lp-field' },
        el('span', { class: 'gray' }, tx('lamps.settings.persistence')),
        persistence,
      ),
      el('label', { class: 'kl-lp-check' }, digest, ' ', tx('lamps.settings.digest')),
      el('label', { class: 'kl-lp-field' }, el('span', { class: 'gray' }, tx('lamps.settings.log')), log),
      button(tx('lamps.settings.save'), 'lamps-set-save', () =>
        act(async () => {
          await server.setRunSettings({
            persistence: Number(persistence.value),
            digest: digest.checked,
            logMaxRows: Number(log.value),
          });
          return tx('lamps.settings.saved');
        }),
      ),
    );
  }

  function removeBlock(): HTMLElement {
    const block = el('div', { class: 'block kl-lp-section' });
    if (!S.removeOpen) {
      block.append(button(tx('lamps.remove'), 'lamps-remove-open', () => ((S.removeOpen = true), draw(true))));
      return block;
    }
    const sheets = el('input', { type: 'checkbox', 'data-testid': 'lamps-remove-sheets' });
    block.append(
      el('h2', { class: 'kl-h' }, tx('lamps.remove')),
      el('p', { class: 'secondary' }, tx('lamps.remove.explain')),
      el('label', { class: 'kl-lp-check' }, sheets, ' ', tx('lamps.remove.sheets')),
      el(
        'div',
        {},
        button(
          tx('lamps.remove.confirm'),
          'lamps-remove-confirm',
          () =>
            act(async () => {
              const r = await server.removeEverything(sheets.checked);
              S.removeOpen = false;
              const what: string[] = [];
              if (r.column) what.push(tx('lamps.remove.what.column'));
              if (r.rules) what.push(tx('lamps.remove.what.rules'));
              if (r.schedule) what.push(tx('lamps.remove.what.schedule'));
              if (r.sheets.length) what.push(tx('lamps.remove.what.sheets', { sheets: r.sheets.join(', ') }));
              if (r.properties) what.push(tx('lamps.remove.what.properties', { count: r.properties }));
              return tx('lamps.remove.done', { what: what.length ? what.join(', ') : tx('lamps.remove.what.nothing') });
            }),
          'create',
        ),
        ' ',
        button(tx('lamps.remove.cancel'), 'lamps-remove-cancel', () => ((S.removeOpen = false), draw(true))),
      ),
    );
    return block;
  }

  /** The share of accounts lit against the budget, each node's share, and when the evidence was judged. */
  function budgetBlock(p: LampsPanel): HTMLElement {
    const b = p.budget;
    const pct = (x: number | null) => Math.max(0, Math.min(100, Math.round((x ?? 0) * 100)));
    return el(
      'div',
      { class: `block kl-lp-section kl-budget${b.over ? ' kl-budget-over' : ''}`, 'data-testid': 'lamps-budget' },
      el('h2', { class: 'kl-h' }, ev('ui.budget')),
      el('p', { class: 'kl-lp-line', 'data-testid': 'lamps-budget-summary' }, budgetSummary(env.lang(), b)),
      el(
        'div',
        { class: 'kl-meter', role: 'img', 'aria-label': budgetSummary(env.lang(), b) },
        el('span', { class: 'kl-meter-fill', style: `width: ${pct(b.lit_share)}%` }),
        el('span', { class: 'kl-meter-mark', style: `left: ${pct(b.alert_budget)}%` }),
      ),
      el(
        'ul',
        { class: 'kl-lp-plain', 'data-testid': 'lamps-budget-nodes' },
        ...p.cards.map((c) =>
          el(
            'li',
            { 'data-node': c.node, class: c.overBudget ? 'kl-budget-node-over' : '' },
            ev('ui.budget.node', { name: c.name, share: percent(c.today.share) }),
            c.gated ? el('span', { class: 'kl-watch-tag' }, ev('term.gated')) : null,
            c.overBudget ? el('span', { class: 'kl-over-tag' }, ` ${ev('budget.over')}`) : null,
          ),
        ),
      ),
      el(
        'p',
        { class: 'gray kl-lp-line', 'data-testid': 'lamps-evidence-at' },
        ev('ui.evidence_at', { at: when(p.evidence.at) }),
        ' ',
        button(ev('ui.evidence_again'), 'lamps-judge-again', () => load(false, true), 'kl-lp-small'),
      ),
    );
  }

  /** The accounts at risk (a run's result): filters, the list, more. */
  function listBlock(p: LampsPanel): HTMLElement[] {
    const all: [string, string][] = [['', tx('lamps.filter.all')]];
    const out: HTMLElement[] = [
      el(
        'div',
        { class: 'kl-lp-filters' },
        select(
          'lamps-sort',
          tx('lamps.sort'),
          S.query.sort,
          (['severity', 'arr', 'renewal'] as const).map((x) => [x, tx(`lamps.sort.${x}`)]),
          (x) => ((S.query.sort = x as PanelSort), (S.limit = PAGE), load()),
        ),
        select(
          'lamps-csm',
          tx('lamps.filter.csm'),
          S.query.csm,
          [...all, ...p.csms.map((c): [string, string] => [c, c])],
          (x) => ((S.query.csm = x), (S.limit = PAGE), load()),
        ),
        select(
          'lamps-plan',
          tx('lamps.filter.plan'),
          S.query.plan,
          [...all, ...p.plans.map((c): [string, string] => [c, c])],
          (x) => ((S.query.plan = x), (S.limit = PAGE), load()),
        ),
      ),
      // The count says "at risk" itself: no heading word before it (it read "At risk · 56 of 292 accounts at risk").
      el(
        'h2',
        { class: 'kl-h', 'data-testid': 'lamps-count' },
        ev('ui.count', { matching: p.matching, total: p.total }),
      ),
    ];
    if (p.accounts.length === 0)
      out.push(el('p', { class: 'secondary' }, tx(S.query.csm || S.query.plan ? 'lamps.none_filtered' : 'lamps.none')));
    out.push(el('ul', { class: 'kl-lp-list', 'data-testid': 'lamps-list' }, ...p.accounts.map(accountItem)));
    if (p.matching > p.accounts.length)
      out.push(
        button(
          ev('ui.more', { count: Math.min(PAGE, p.matching - p.accounts.length) }),
          'lamps-more',
          () => ((S.limit = p.accounts.length + PAGE), load()),
        ),
      );
    return out;
  }

  /** Every lamp node's report card. */
  function cardsBlock(p: LampsPanel): HTMLElement {
    const budget = { maxLit: p.budget.maxLit, accounts: p.budget.accounts };
    return el(
      'div',
      { class: 'block kl-lp-section', 'data-testid': 'lamps-cards' },
      el('h2', { class: 'kl-h' }, ev('ui.cards')),
      el('p', { class: 'gray kl-lp-line' }, ev('ui.cards.help')),
      ...p.cards.map((c) =>
        reportCard(env.lang(), c, p.kgi, {
          budget,
          open: S.openCards.has(c.node),
          onUseCutoff: (cutoff) => env.useCutoff(c.node, cutoff, c.direction),
        }),
      ),
    );
  }

  /** The lamps on watch, apart, with the evidence against them and the accounts they light. */
  function watchBlock(p: LampsPanel): HTMLElement {
    const block = el(
      'div',
      { class: 'block kl-lp-section', 'data-testid': 'lamps-watch' },
      el('h2', { class: 'kl-h' }, ev('ui.watch')),
    );
    if (p.watch.length === 0) {
      block.append(
        el(
          'p',
          { class: 'gray kl-lp-line' },
          ev(p.cards.some((c) => c.evidence === 'contradicted') ? 'ui.watch.show' : 'ui.watch.none'),
        ),
      );
      return block;
    }
    block.append(el('p', { class: 'gray kl-lp-line' }, ev('ui.watch.help')));
    for (const w of p.watch) {
      const card = p.cards.find((c) => c.node === w.node);
      block.append(
        el(
          'div',
          { class: 'kl-watch', 'data-testid': 'lamps-watch-node', 'data-node': w.node },
          el(
            'p',
            { class: 'kl-lp-line' },
            el('strong', {}, ev('ui.watch.node', { name: w.name, count: w.accounts })),
            ' ',
            card ? evidenceBadge(env.lang(), card.evidence, 'lamps-watch-evidence') : null,
          ),
          card
            ? el(
                'p',
                { class: 'kl-lp-line', 'data-testid': 'lamps-watch-why' },
                evidenceBadgeText(env.lang(), card, p.kgi),
              )
            : null,
          el(
            'details',
            {},
            el('summary', { class: 'gray' }, ev('ui.watch.accounts')),
            el(
              'ul',
              { class: 'kl-lp-plain', 'data-testid': 'lamps-watch-accounts' },
              ...w.sample.map((a) => el('li', {}, `${a.name ?? a.id} (${a.id}) — ${a.reason}`)),
            ),
            w.accounts > w.sample.length
              ? el('p', { class: 'gray kl-lp-line' }, ev('ui.watch.more', { count: w.accounts - w.sample.length }))
              : null,
          ),
        ),
      );
    }
    return block;
  }

  function draw(force = true): void {
    const key = `${env.lang()}`;
    if (!force && key === S.drawn) return;
    S.drawn = key;
    const v = S.view;
    const parts: (HTMLElement | null)[] = [];
    const run = button(
      S.busy ? tx('lamps.running') : tx('lamps.run_now'),
      'lamps-run',
      () =>
        act(async () => {
          const r = await server.runNow();
          if (!r.ok)
            throw new Error(tx('lamps.run.failed', { error: r.error ? runErrorText(env.lang(), r.error) : '' }));
          S.justRan = r.at;
          return runDoneText(env.lang(), r);
        }),
      'action',
    );
    parts.push(
      el(
        'div',
        { class: 'kl-lp-top' },
        run,
        ' ',
        button(tx('lamps.refresh'), 'lamps-refresh', () => load()),
      ),
    );
    parts.push(
      el(
        'div',
        {
          class: S.error ? 'error kl-lp-msg' : 'kl-lp-msg',
          role: S.error ? 'alert' : 'status',
          'data-testid': 'lamps-message',
        },
        S.error ?? S.message ?? (S.loading && !v ? tx('lamps.loading') : ''),
      ),
    );
    // What the tree binds and the workbook lacks: named first, as the run would stop on it.
    parts.push(bindingBanner(env.lang(), tx('lamps.bindings'), v?.panel?.missing));
    const last = v?.panel?.lastRun ?? v?.schedule.lastRun ?? null;
    // The run just made here is said once, in the message above: the last-run line then only says when and by whom.
    const lastText = !last
      ? tx('lamps.last_run.none')
      : last.ok && last.at === S.justRan && S.message
        ? historyText(env.lang(), 'run.last_short', { at: when(last.at), by: last.by })
        : runText(last);
    if (v)
      parts.push(
        el(
          'p',
          { class: last && !last.ok ? 'error kl-lp-line' : 'gray kl-lp-line', 'data-testid': 'lamps-last-run' },
          lastText,
        ),
      );
    if (v && !v.panel) parts.push(el('p', { class: 'secondary', 'data-testid': 'lamps-no-tree' }, v.treeProblem ?? ''));
    const p = v?.panel;
    if (p) {
      if (!p.ranYet)
        parts.push(el('p', { class: 'kl-lp-notice', role: 'note', 'data-testid': 'lamps-not-run' }, ev('ui.not_run')));
      parts.push(budgetBlock(p), historyBlock(env.lang(), p));
      if (p.ranYet) parts.push(...listBlock(p), recentBlock(env.lang(), p));
      parts.push(cardsBlock(p), watchBlock(p));
      parts.push(
        el(
          'div',
          { class: 'block kl-lp-section' },
          el('h2', { class: 'kl-h' }, tx('lamps.per_node')),
          el(
            'ul',
            { class: 'kl-lp-plain', 'data-testid': 'lamps-per-node' },
            ...p.perNode.map((n) =>
              el(
                'li',
                {},
                el('strong', {}, n.name),
                el('div', { class: 'gray' }, tx('lamps.per_node.row', { accounts: n.accounts, arr: num(n.arr) })),
              ),
            ),
          ),
          el('h2', { class: 'kl-h' }, tx('lamps.resolution')),
          el(
            'ul',
            { class: 'kl-lp-plain', 'data-testid': 'lamps-resolution' },
            ...p.resolution.map((r) =>
              el(
                'li',
                {},
                el('strong', {}, r.name),
                el(
                  'div',
                  { class: 'gray' },
                  r.onToOffDays === null
                    ? `${tx('lamps.resolution.off', { days: '—', count: 0 })}`
                    : tx('lamps.resolution.off', { days: num(Math.round(r.onToOffDays * 10) / 10), count: r.resolved }),
                ),
                el(
                  'div',
                  { class: 'gray' },
                  r.onToProgressDays === null
                    ? `${tx('lamps.resolution.progress', { days: '—', count: 0 })}`
                    : tx('lamps.resolution.progress', {
                        days: num(Math.round(r.onToProgressDays * 10) / 10),
                        count: r.acknowledged,
                      }),
                ),
              ),
            ),
          ),
        ),
      );
    }
    if (v) parts.push(scheduleBlock(v), settingsBlock(v), removeBlock());
    root.replaceChildren(...parts.filter((x): x is HTMLElement => x !== null));
  }

  return {
    shown() {
      load(true);
    },
    render() {
      draw(false);
    },
  };
}
