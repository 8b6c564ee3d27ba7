/**
 * The node editor of the KPI tree builder: the node's fields (column pickers
 * filled from the sheets' headers, thresholds typed as 0.8, 80% or ８０％ and
 * shown back normalised), its SMART flags and, for a KPI with history, the
 * lead/lag verdict with each warning explained in one sentence and a button
 * that opens the correlogram in a wide dialog. Every change goes straight
 * into the draft (the panel marks it unsaved).
 */
import type { MessageKey, MessageParams } from '../i18n/messages';
import type { TreeClientKey } from '../i18n/tree-ui-messages';
import type { TreeColumns, VerdictView } from '../server/tree-api';
import { el, percentHint, readNumber, showLag, showNumber, showP, showR, warningList } from './tree-dom';
import { verdictDetail } from './report-card';
import { evidenceText } from '../i18n/evidence-messages';
import type { Lang } from '../i18n/messages';
import type { DraftNode } from './draft-tree';

export interface EditorHost {
  tt(key: TreeClientKey | MessageKey, params?: MessageParams): string;
  lang(): Lang;
  nodes(): DraftNode[];
  columns(): TreeColumns;
  /** The plans of the Accounts plan column (offered for by_plan; any text is allowed). */
  plans(): string[];
  verdict(id: string): VerdictView | undefined;
  /** True when the node is in the saved tree (its verdict and correlogram are about it). */
  saved(id: string): boolean;
  dirty(): boolean;
  /** True when the verdicts shown are those of the unsaved draft (judged on request). */
  draftJudged(): boolean;
  /** Asks the server to judge the unsaved draft, writing nothing. */
  judgeDraft(): void;
  changed(): void;
  renamed(from: string, to: string): void;
  structureChanged(): void;
  close(): void;
  openCorrelogram(id: string): void;
  /** What the draft would do for a lamp node, with a threshold being typed (null: as the draft stands). */
  preview(id: string, typed: { key: 'warn' | 'alert'; value: number | undefined } | null): void;
  /** The KGI's name, the verdict sentences name it. */
  kgi(): string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function mountEditor(box: HTMLElement, host: EditorHost) {
  const { tt } = host;
  let current: DraftNode | null = null;
  let verdictHolder: HTMLElement | null = null;
  let seq = 0;

  const set = (n: DraftNode, key: string, value: unknown) => {
    if (value === undefined || value === '') delete n[key];
    else n[key] = value;
  };

  function field(label: string, control: HTMLElement, extra: HTMLElement | null = null): HTMLElement {
    const id = `tf-${++seq}`;
    control.id = id;
    return el('div', { class: 'kl-field' }, el('label', { for: id }, label), control, extra);
  }

  function text(n: DraftNode, key: string, label: string, multiline = false): HTMLElement {
    const input = (multiline ? el('textarea', { rows: '2' }) : el('input', { type: 'text' })) as HTMLInputElement;
    input.value = typeof n[key] === 'string' ? (n[key] as string) : '';
    input.setAttribute('data-field', key);
    input.addEventListener('input', () => {
      if (key === 'name' && input.value.trim() === '') return;
      set(n, key, input.value.trim() === '' ? undefined : input.value);
      host.changed();
    });
    return field(label, input);
  }

  function choice(
    n: DraftNode,
    key: string,
    label: string,
    options: [string, string][],
    allowNone = true,
  ): HTMLElement {
    const select = el('select', { 'data-field': key }) as HTMLSelectElement;
    if (allowNone) select.append(el('option', { value: '' }, tt('tree.ui.none_option')));
    for (const [value, shown] of options) select.append(el('option', { value }, shown));
    select.value = typeof n[key] === 'string' ? (n[key] as string) : '';
    select.addEventListener('change', () => {
      set(n, key, select.value || undefined);
      host.changed();
      if (key === 'type') show(n);
    });
    return field(label, select);
  }

  /** A column picker: the sheet's headers; a bound column the sheet lacks stays, marked. */
  function column(n: DraftNode, key: string, label: string, groups: [string, string[]][]): HTMLElement {
    const select = el('select', { 'data-field': key }) as HTMLSelectElement;
    select.append(el('option', { value: '' }, tt('tree.ui.none_option')));
    const all = new Set<string>();
    for (const [name, headers] of groups) {
      const fresh = headers.filter((h) => !all.has(h));
      fresh.forEach((h) => all.add(h));
      if (fresh.length)
        select.append(el('optgroup', { label: name }, ...fresh.map((h) => el('option', { value: h }, h))));
    }
    const cur = typeof n[key] === 'string' ? (n[key] as string) : '';
    if (cur && !all.has(cur))
      select.append(el('option', { value: cur }, tt('tree.ui.column_missing', { column: cur })));
    select.value = cur;
    select.addEventListener('change', () => {
      set(n, key, select.value || undefined);
      host.changed();
    });
    return field(label, select);
  }

  /**
   * A number typed as 0.8, 80% or ８０％, shown back normalised with its
   * percentage; a bad entry is refused with a message and changes nothing.
   */
  function numberField(
    target: Record<string, unknown>,
    key: string,
    label: string,
    dataField: string,
    testid: string,
    assign: (v: number | undefined) => void,
    onSet: () => void,
  ): HTMLElement {
    const input = el('input', {
      type: 'text',
      inputmode: 'decimal',
      'data-field': dataField,
      placeholder: tt('tree.ui.number_hint'),
      autocomplete: 'off',
    }) as HTMLInputElement;
    const note = el('span', { class: 'kl-field-note gray', 'data-testid': `note-${testid}` });
    const err = el('span', { class: 'kl-field-note error', 'data-testid': `error-${testid}`, role: 'alert' });
    const shown = () => {
      const v = target[key];
      input.value = typeof v === 'number' ? showNumber(v) : '';
      note.textContent = typeof v === 'number' ? percentHint(v) : '';
    };
    shown();
    input.addEventListener('change', () => {
      const v = readNumber(input.value);
      if (v === null) {
        err.textContent = tt('tree.ui.number_bad', { value: input.value });
        input.setAttribute('aria-invalid', 'true');
        return;
      }
      err.textContent = '';
      input.removeAttribute('aria-invalid');
      assign(v);
      shown();
      onSet();
    });
    return field(label, input, el('span', {}, note, err));
  }

  function number(n: DraftNode, key: string, label: string): HTMLElement {
    const f = numberField(
      n,
      key,
      label,
      key,
      key,
      (v) => set(n, key, v),
      () => host.changed(),
    );
    if (key === 'warn' || key === 'alert') {
      // While a threshold is typed: what it would light, before anything is saved (the panel waits for a pause).
      const input = f.querySelector('input') as HTMLInputElement;
      input.addEventListener('input', () => {
        const v = readNumber(input.value);
        if (v !== null) host.preview(n.id, { key, value: v });
      });
    }
    return f;
  }

  /** A threshold input of a by_plan entry: 0.8, 80% or ８０％, read like the node's own. */
  function thresholdInput(
    target: Record<string, unknown>,
    key: 'warn' | 'alert',
    label: string,
    testid: string,
    onSet: () => void,
  ): HTMLElement {
    const assign = (v: number | undefined) => {
      if (v === undefined) delete target[key];
      else target[key] = v;
    };
    return numberField(target, key, label, `by_plan.${key}`, testid, assign, onSet);
  }

  /**
   * by_plan: one row per plan (its name, warn, alert, Remove) and a row to
   * add one. A plan name that is empty or already there is refused.
   */
  function byPlanBlock(n: DraftNode): HTMLElement {
    const box = el('fieldset', { class: 'kl-by-plan', 'data-testid': 'by-plan' });
    const listId = `tf-plans-${++seq}`;
    const entries = (): [string, Record<string, unknown>][] =>
      n.by_plan && typeof n.by_plan === 'object'
        ? Object.entries(n.by_plan as Record<string, Record<string, unknown>>)
        : [];
    const write = (list: [string, Record<string, unknown>][]) => {
      if (list.length) n.by_plan = Object.fromEntries(list);
      else delete n.by_plan;
    };
    const taken = (name: string, except: string | null) => entries().some(([p]) => p.trim() === name && p !== except);
    const planCheck = (v: string, except: string | null): string | null =>
      v === '' ? tt('tree.ui.by_plan.empty') : taken(v, except) ? tt('tree.ui.by_plan.duplicate', { plan: v }) : null;

    function render(focusTestid?: string): void {
      const rows = entries().map(([plan, th], i) => {
        const name = el('input', {
          type: 'text',
          'data-field': 'by_plan.plan',
          list: listId,
          autocomplete: 'off',
        }) as HTMLInputElement;
        name.value = plan;
        const err = el('span', { class: 'kl-field-note error', role: 'alert', 'data-testid': `by-plan-error-${i}` });
        name.addEventListener('change', () => {
          const v = name.value.trim();
          if (v === plan) return;
          const bad = planCheck(v, plan);
          if (bad) {
            err.textContent = bad;
            name.setAttribute('aria-invalid', 'true');
            return;
          }
          write(entries().map(([p, t]) => [p === plan ? v : p, t]));
          host.changed();
          render();
        });
        const remove = el(
          'button',
          { type: 'button', 'data-testid': `by-plan-remove-${i}` },
          tt('tree.ui.by_plan.remove', { plan }),
        );
        remove.addEventListener('click', () => {
          write(entries().filter(([p]) => p !== plan));
          host.changed();
          render('by-plan-new');
        });
        return el(
          'div',
          { class: 'kl-plan-row', 'data-testid': `by-plan-row-${i}`, 'data-plan': plan },
          field(tt('tree.ui.by_plan.plan'), name, err),
          thresholdInput(th, 'warn', tt('term.warn'), `by-plan-warn-${i}`, () => host.changed()),
          thresholdInput(th, 'alert', tt('term.alert'), `by-plan-alert-${i}`, () => host.changed()),
          el('div', { class: 'kl-tree-buttons' }, remove),
        );
      });
      // The row that adds a plan.
      const fresh: Record<string, unknown> = {};
      const newName = el('input', {
        type: 'text',
        'data-testid': 'by-plan-new',
        list: listId,
        autocomplete: 'off',
      }) as HTMLInputElement;
      const newErr = el('span', { class: 'kl-field-note error', role: 'alert', 'data-testid': 'by-plan-new-error' });
      const add = el('button', { type: 'button', 'data-testid': 'by-plan-add' }, tt('tree.ui.by_plan.add'));
      const newWarn = thresholdInput(fresh, 'warn', tt('term.warn'), 'by-plan-new-warn', () => undefined);
      const newAlert = thresholdInput(fresh, 'alert', tt('term.alert'), 'by-plan-new-alert', () => undefined);
      add.addEventListener('click', () => {
        // Take what is typed even when the field has not been left yet.
        for (const holder of [newWarn, newAlert]) holder.querySelector('input')!.dispatchEvent(new Event('change'));
        if (newWarn.querySelector('[aria-invalid="true"]') || newAlert.querySelector('[aria-invalid="true"]')) return;
        const v = newName.value.trim();
        const bad = planCheck(v, null);
        if (bad) {
          newErr.textContent = bad;
          newName.setAttribute('aria-invalid', 'true');
          newName.focus();
          return;
        }
        write([...entries(), [v, { ...fresh }]]);
        host.changed();
        render('by-plan-new');
      });
      newName.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter') {
          ev.preventDefault();
          add.click();
        }
      });
      const plans = el('datalist', { id: listId }, ...host.plans().map((p) => el('option', { value: p })));
      box.replaceChildren(
        el('legend', {}, tt('tree.ui.by_plan')),
        el('p', { class: 'gray kl-tree-small' }, tt('tree.ui.by_plan.help')),
        plans,
        ...rows,
        el(
          'div',
          { class: 'kl-plan-row kl-plan-new' },
          field(tt('tree.ui.by_plan.new_plan'), newName, newErr),
          newWarn,
          newAlert,
          el('div', { class: 'kl-tree-buttons' }, add),
        ),
      );
      if (focusTestid) box.querySelector<HTMLElement>(`[data-testid="${focusTestid}"]`)?.focus();
    }
    render();
    return box;
  }

  function date(n: DraftNode, key: string, label: string): HTMLElement {
    const input = el('input', { type: 'text', 'data-field': key, placeholder: 'yyyy-mm-dd' }) as HTMLInputElement;
    const err = el('span', { class: 'kl-field-note error', role: 'alert' });
    input.value = typeof n[key] === 'string' ? (n[key] as string) : '';
    input.addEventListener('change', () => {
      const v = input.value.trim();
      if (v !== '' && !DATE.test(v)) {
        err.textContent = tt('tree.ui.date_bad', { value: v });
        input.setAttribute('aria-invalid', 'true');
        return;
      }
      err.textContent = '';
      input.removeAttribute('aria-invalid');
      set(n, key, v || undefined);
      host.changed();
    });
    return field(label, input, err);
  }

  function idField(n: DraftNode): HTMLElement {
    const input = el('input', { type: 'text', 'data-field': 'id', autocomplete: 'off' }) as HTMLInputElement;
    const err = el('span', { class: 'kl-field-note error', role: 'alert' });
    input.value = n.id;
    input.addEventListener('change', () => {
      const v = input.value.trim();
      if (v === n.id) return;
      if (!v || host.nodes().some((x) => x.id === v)) {
        err.textContent = tt('tree.ui.id_bad', { value: v });
        return;
      }
      err.textContent = '';
      const from = n.id;
      n.id = v;
      host.renamed(from, v);
      host.structureChanged();
    });
    return field(tt('tree.ui.field.id'), input, err);
  }

  function parentField(n: DraftNode): HTMLElement {
    // Not itself, nor anything below it (a cycle).
    const below = new Set<string>([n.id]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const x of host.nodes())
        if (x.parent !== null && below.has(x.parent) && !below.has(x.id)) below.add(x.id), (grew = true);
    }
    const select = el('select', { 'data-field': 'parent' }) as HTMLSelectElement;
    // Each node by its name; its id (a code) only where two nodes share a name.
    const names = new Map<string, number>();
    for (const x of host.nodes()) names.set(x.name, (names.get(x.name) ?? 0) + 1);
    for (const x of host.nodes())
      if (!below.has(x.id))
        select.append(
          el('option', { value: x.id }, (names.get(x.name) ?? 0) > 1 || !x.name ? `${x.name} (${x.id})` : x.name),
        );
    select.value = n.parent ?? '';
    select.addEventListener('change', () => {
      n.parent = select.value;
      // Moved: it goes last among its new siblings.
      const list = host.nodes();
      list.splice(list.indexOf(n), 1);
      list.push(n);
      host.structureChanged();
    });
    return field(tt('tree.ui.field.parent'), select);
  }

  function verdictBlock(n: DraftNode): HTMLElement | null {
    if (n.type !== 'kpi' && n.type !== 'composite') return null;
    const v = host.verdict(n.id);
    const parts: (HTMLElement | null)[] = [el('h3', { class: 'kl-h3' }, tt('tree.ui.verdict'))];
    if (host.dirty() && host.draftJudged())
      parts.push(el('p', { class: 'gray kl-tree-small', 'data-testid': 'verdict-draft' }, tt('tree.ui.verdict.draft')));
    else if (host.dirty()) {
      const judge = el('button', { type: 'button', 'data-testid': 'judge-draft' }, tt('tree.ui.verdict.judge'));
      judge.addEventListener('click', () => host.judgeDraft());
      parts.push(el('p', { class: 'gray kl-tree-small' }, tt('tree.ui.verdict.unsaved')), judge);
    }
    if (!v) {
      parts.push(el('p', { class: 'gray' }, tt('tree.ui.badge.none')));
      return el('div', { class: 'kl-verdict', 'data-testid': 'verdict' }, ...parts);
    }
    const kind = (k: string | null) =>
      k === null || k === 'none' ? tt('tree.ui.kind.none') : tt(`term.${k}` as MessageKey);
    parts.push(
      verdictDetail(
        host.lang(),
        { ...v, inferred_kind: v.inferred_kind as 'none', lags: v.considered.changes },
        host.kgi(),
      ),
    );
    parts.push(
      el(
        'p',
        { class: 'kl-verdict-kind' },
        el('span', { class: `kl-badge kl-badge-${v.badge}`, 'aria-hidden': 'true' }),
        ' ',
        el('span', { 'data-testid': 'verdict-inferred' }, tt('tree.ui.inferred', { kind: kind(v.inferred_kind) })),
        ' · ',
        tt('tree.ui.declared', { kind: kind(v.declared_kind) }),
      ),
      el(
        'dl',
        { class: 'kl-stats', 'data-testid': 'verdict-stats' },
        el('dt', {}, tt('tree.ui.stat.best_lag')),
        el('dd', { 'data-testid': 'verdict-lag' }, showLag(v.best_lag)),
        el('dt', {}, tt('tree.ui.stat.r')),
        el('dd', { 'data-testid': 'verdict-r' }, showR(v.r)),
        el('dt', {}, tt('tree.ui.stat.pairs')),
        el('dd', {}, v.pairs === null ? '—' : String(v.pairs)),
        el('dt', {}, tt('tree.ui.stat.p')),
        el('dd', {}, showP(v.p_value)),
        // Never a raw p without the number of lags it was tested among (Bonferroni).
        el('dt', {}, evidenceText(host.lang(), 'ui.stat.lags', { alpha: v.significance })),
        el('dd', { 'data-testid': 'verdict-lags' }, String(v.considered.changes)),
        el('dt', {}, tt('tree.ui.stat.months')),
        el('dd', {}, String(v.months)),
      ),
    );
    const flags: [keyof VerdictView['smart'], string][] = [
      ['specific', 'S'],
      ['measurable', 'M'],
      ['achievable', 'A'],
      ['related', 'R'],
      ['time_bound', 'T'],
    ];
    parts.push(
      el(
        'ul',
        { class: 'kl-smart', 'data-testid': 'verdict-smart', 'aria-label': tt('term.smart') },
        ...flags.map(([k, letter]) => {
          const on = v.smart[k];
          const mark = on === null ? '?' : on ? '✓' : '✗';
          const label = `${tt(`term.smart.${k}` as MessageKey)}: ${on === null ? tt('tree.ui.smart.unknown') : mark}`;
          return el(
            'li',
            {
              class: `kl-smart-${on === null ? 'unknown' : on ? 'yes' : 'no'}`,
              title: label,
              'aria-label': label,
              'data-smart': k,
            },
            el('b', {}, letter),
            ` ${mark}`,
          );
        }),
      ),
    );
    if (v.warnings.length) {
      parts.push(warningList(v.warnings, 'verdict-warnings', tt));
    }
    if (v.correlogram.length && host.saved(n.id)) {
      const b = el('button', { type: 'button', 'data-testid': 'open-correlogram' }, tt('tree.ui.show_correlogram'));
      b.addEventListener('click', () => host.openCorrelogram(n.id));
      parts.push(el('div', { class: 'kl-tree-buttons' }, b));
    }
    return el('div', { class: 'kl-verdict', 'data-testid': 'verdict' }, ...parts);
  }

  function show(n: DraftNode | null): void {
    current = n;
    if (!n) {
      box.replaceChildren();
      return;
    }
    const c = host.columns();
    const isRoot = n.parent === null;
    const judged = n.type === 'kpi' || n.type === 'composite';
    const parent = host.nodes().find((x) => x.id === n.parent);
    const underComposite = parent?.type === 'composite';
    const f: (HTMLElement | null)[] = [
      text(n, 'name', tt('tree.ui.field.name')),
      idField(n),
      isRoot
        ? null
        : choice(
            n,
            'type',
            tt('tree.ui.field.type'),
            (['csf', 'kpi', 'composite'] as const).map((x) => [x, tt(`term.${x}` as MessageKey)]),
            false,
          ),
      isRoot ? null : parentField(n),
      text(n, 'definition', tt('tree.ui.field.definition'), true),
    ];
    if (judged)
      f.push(
        choice(
          n,
          'kind',
          tt('tree.ui.field.kind'),
          (['leading', 'lagging', 'coincident'] as const).map((x) => [x, tt(`term.${x}` as MessageKey)]),
        ),
      );
    if (n.type === 'kpi')
      f.push(column(n, 'accounts_column', tt('tree.ui.field.accounts_column'), [['Accounts', c.accounts]]));
    if (n.type === 'kpi' || isRoot)
      f.push(
        column(n, 'history_column', tt('tree.ui.field.history_column'), [
          ['History', c.history],
          ['Snapshots', c.snapshots],
        ]),
      );
    if (n.type === 'composite')
      f.push(
        choice(
          n,
          'method',
          tt('tree.ui.field.method'),
          (['product', 'weighted_mean'] as const).map((x) => [x, tt(`tree.ui.method.${x}`)]),
        ),
      );
    if (judged || isRoot) {
      f.push(
        choice(
          n,
          'direction',
          tt('tree.ui.field.direction'),
          (['higher_is_better', 'lower_is_better'] as const).map((x) => [x, tt(`tree.ui.direction.${x}`)]),
        ),
      );
      f.push(number(n, 'target', tt('term.target')));
    }
    if (judged) f.push(number(n, 'warn', tt('term.warn')), number(n, 'alert', tt('term.alert')), byPlanBlock(n));
    if (judged && underComposite)
      f.push(number(n, 'floor', tt('term.floor')), number(n, 'weight', tt('tree.ui.field.weight')));
    if (judged)
      f.push(
        text(n, 'action', tt('term.action')),
        text(n, 'owner', tt('term.owner')),
        date(n, 'review_date', tt('term.review_date')),
      );
    if (isRoot) f.push(date(n, 'deadline', tt('tree.ui.field.deadline')));
    const close = el('button', { type: 'button', 'data-testid': 'editor-close' }, tt('tree.ui.close_editor'));
    close.addEventListener('click', () => host.close());
    const form = el('form', {
      class: 'kl-editor',
      'data-testid': 'tree-editor',
      'aria-label': tt('tree.ui.editor', { name: n.name }),
    });
    form.addEventListener('submit', (ev) => ev.preventDefault());
    form.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape') host.close();
    });
    verdictHolder = el('div', {}, verdictBlock(n) ?? el('span', {}));
    const preview = judged
      ? el('div', { class: 'kl-preview', 'data-testid': 'threshold-preview', role: 'status', 'aria-live': 'polite' })
      : null;
    form.append(
      el('h3', { class: 'kl-h3' }, tt('tree.ui.editor', { name: n.name })),
      ...f.filter((x): x is HTMLElement => x !== null),
      preview ?? el('span', {}),
      verdictHolder,
      el('div', { class: 'kl-tree-buttons' }, close),
    );
    box.replaceChildren(form);
    if (judged) host.preview(n.id, null);
  }

  return {
    show,
    /** Redraws only the verdict part (after an edit, or once the draft is judged), keeping the focus in the form. */
    refreshVerdict() {
      if (current && verdictHolder) verdictHolder.replaceChildren(verdictBlock(current) ?? el('span', {}));
    },
    focusFirst() {
      box.querySelector<HTMLElement>('input, select, textarea')?.focus();
    },
    get current() {
      return current;
    },
  };
}
