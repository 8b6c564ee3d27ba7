/**
 * The KPI tree's settings form, in the tree panel (collapsible): sheet
 * pickers from the workbook's sheets, column bindings as text with the
 * sheets' headers offered, the evidence mode and the alert budget, and the
 * lead/lag numbers, each checked against the contract's range, and the
 * optional BigQuery tables (issue 15), checked by Google's naming rules
 * (core/tree/bigquery-names.ts) with the same words as the saved tree's
 * issues. An empty field means the default. Edits go into the draft's
 * settings; a value refused here is not put in the draft.
 */
import { isProjectId, parseTablePath } from '../core/tree/bigquery-names';
import { DEFAULT_SETTINGS } from '../core/tree/types';
import type { EvidenceKey } from '../i18n/evidence-messages';
import type { MessageKey, MessageParams } from '../i18n/messages';
import type { TreeClientKey } from '../i18n/tree-ui-messages';
import type { TreeColumns } from '../server/tree-api';
import { el, percentHint, readNumber, showNumber } from './tree-dom';

export interface SettingsHost {
  tt(key: TreeClientKey | MessageKey, params?: MessageParams): string;
  ev(key: EvidenceKey | MessageKey, params?: MessageParams): string;
  /** The workbook's sheets. */
  sheets(): string[];
  /** The headers of the bound sheets, offered for the column bindings. */
  columns(): TreeColumns;
  /** A setting changed (the draft is unsaved now). */
  changed(): void;
}

/** The form's fields for the draft's settings `s` (changed in place). */
/** The error note under a setting's input (read by screen readers as it changes; found by tests by its key). */
function errorNote(key: string): HTMLElement {
  return el('span', { class: 'kl-field-note error', role: 'alert', 'data-testid': `setting-error-${key}` });
}

/**
 * Shows a setting's problem in its note and marks the input invalid, or,
 * with no problem (''), clears both. True when there is a problem.
 */
function showProblem(input: HTMLInputElement, note: HTMLElement, problem: string): boolean {
  note.textContent = problem;
  if (problem) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
  return problem !== '';
}

export function settingsForm(s: Record<string, unknown>, host: SettingsHost): HTMLElement[] {
  const tt = host.tt;
  const ev = host.ev;
  let n = 0;
  const field = (label: string, control: HTMLElement, extra: HTMLElement | null = null) => {
    const id = `ts-${++n}`;
    control.id = id;
    return el('div', { class: 'kl-field' }, el('label', { for: id }, label), control, extra);
  };
  const put = (target: Record<string, unknown>, key: string, value: unknown) => {
    if (value === undefined || value === '') delete target[key];
    else target[key] = value;
  };

  const sheetNames = host.sheets();
  const sheet = (key: 'accounts_sheet' | 'snapshots_sheet' | 'history_sheet') => {
    const select = el('select', { 'data-setting': key }) as HTMLSelectElement;
    const cur = typeof s[key] === 'string' ? (s[key] as string) : DEFAULT_SETTINGS[key];
    for (const name of sheetNames) select.append(el('option', { value: name }, name));
    if (!sheetNames.includes(cur))
      select.append(el('option', { value: cur }, tt('tree.ui.settings.sheet_missing', { sheet: cur })));
    select.value = cur;
    select.addEventListener('change', () => {
      put(s, key, select.value);
      host.changed();
    });
    return field(tt(`tree.ui.settings.${key}`), select);
  };

  const c = host.columns();
  const headerList = el(
    'datalist',
    { id: 'ts-headers' },
    ...[...new Set([...c.accounts, ...c.snapshots, ...c.history])].map((h) => el('option', { value: h })),
  );
  const columnKeys = Object.keys(DEFAULT_SETTINGS.columns) as (keyof typeof DEFAULT_SETTINGS.columns)[];
  const column = (key: (typeof columnKeys)[number]) => {
    const cols = (s.columns && typeof s.columns === 'object' ? s.columns : {}) as Record<string, unknown>;
    const input = el('input', {
      type: 'text',
      'data-setting': `columns.${key}`,
      list: 'ts-headers',
      autocomplete: 'off',
      placeholder: DEFAULT_SETTINGS.columns[key],
    }) as HTMLInputElement;
    input.value = typeof cols[key] === 'string' ? (cols[key] as string) : '';
    input.addEventListener('change', () => {
      const next = { ...((s.columns && typeof s.columns === 'object' ? s.columns : {}) as Record<string, unknown>) };
      put(next, key, input.value.trim());
      if (Object.keys(next).length) s.columns = next;
      else delete s.columns;
      host.changed();
    });
    return field(
      tt(`tree.ui.settings.column.${key}`),
      input,
      el(
        'span',
        { class: 'kl-field-note gray' },
        tt('tree.ui.settings.default', { value: DEFAULT_SETTINGS.columns[key] }),
      ),
    );
  };

  const ranges: Record<'significance' | 'max_lag' | 'horizon_months', (v: number) => boolean> = {
    significance: (v) => v > 0 && v < 1,
    max_lag: (v) => Number.isInteger(v) && v >= 0 && v <= 24,
    horizon_months: (v) => Number.isInteger(v) && v >= 1 && v <= 24,
  };
  const numberSetting = (key: keyof typeof ranges) => {
    const input = el('input', {
      type: 'text',
      inputmode: 'decimal',
      'data-setting': key,
      autocomplete: 'off',
      placeholder: showNumber(DEFAULT_SETTINGS[key]),
    }) as HTMLInputElement;
    const err = errorNote(key);
    input.value = typeof s[key] === 'number' ? showNumber(s[key] as number) : '';
    input.addEventListener('change', () => {
      const v = readNumber(input.value);
      if (v === null || (v !== undefined && !ranges[key](v))) {
        const range = tt(`tree.ui.settings.range.${key}`);
        showProblem(input, err, tt('tree.ui.settings.bad_range', { value: input.value, range }));
        return;
      }
      showProblem(input, err, '');
      put(s, key, v);
      input.value = v === undefined ? '' : showNumber(v);
      host.changed();
    });
    return field(
      tt(`tree.ui.settings.${key}`),
      input,
      el(
        'span',
        {},
        el(
          'span',
          { class: 'kl-field-note gray' },
          tt('tree.ui.settings.default', { value: showNumber(DEFAULT_SETTINGS[key]) }),
        ),
        err,
      ),
    );
  };

  // Evidence: gate or show (absent means show: a tree written before the setting keeps lighting what it lit).
  const evidenceSelect = el('select', { 'data-setting': 'evidence' }) as HTMLSelectElement;
  for (const mode of ['gate', 'show'] as const)
    evidenceSelect.append(el('option', { value: mode }, ev(`ui.settings.evidence.${mode}`)));
  evidenceSelect.value = s.evidence === 'gate' ? 'gate' : 'show';
  evidenceSelect.addEventListener('change', () => {
    s.evidence = evidenceSelect.value;
    host.changed();
  });
  const budgetInput = el('input', {
    type: 'text',
    inputmode: 'decimal',
    'data-setting': 'alert_budget',
    autocomplete: 'off',
    placeholder: showNumber(DEFAULT_SETTINGS.alert_budget),
  }) as HTMLInputElement;
  const budgetErr = el('span', {
    class: 'kl-field-note error',
    role: 'alert',
    'data-testid': 'setting-error-alert_budget',
  });
  const budgetNote = el('span', { class: 'kl-field-note gray' });
  const showBudget = () => {
    budgetInput.value = typeof s.alert_budget === 'number' ? showNumber(s.alert_budget) : '';
    budgetNote.textContent = tt('tree.ui.settings.default', {
      value: `${showNumber(DEFAULT_SETTINGS.alert_budget)} (${percentHint(typeof s.alert_budget === 'number' ? s.alert_budget : DEFAULT_SETTINGS.alert_budget)})`,
    });
  };
  showBudget();
  budgetInput.addEventListener('change', () => {
    const v = readNumber(budgetInput.value);
    if (v === null || (v !== undefined && !(v >= 0 && v <= 1))) {
      budgetErr.textContent = ev('ui.settings.alert_budget.bad', { value: budgetInput.value });
      budgetInput.setAttribute('aria-invalid', 'true');
      return;
    }
    budgetErr.textContent = '';
    budgetInput.removeAttribute('aria-invalid');
    put(s, 'alert_budget', v);
    showBudget();
    host.changed();
  });

  // BigQuery (optional): the billing project and the two tables. Each is checked as it is typed; the
  // Snapshots table also says when the Accounts table is empty (the tree would not save).
  type BqKey = 'bigquery_project' | 'accounts_table' | 'snapshots_table';
  const bqErrors = {} as Record<BqKey, HTMLElement>;
  const bqInputs = {} as Record<BqKey, HTMLInputElement>;
  const bqCheck = (key: BqKey, value: string): string => {
    if (!value) return '';
    const say = { field: tt(`tree.ui.settings.${key}`), found: JSON.stringify(value) };
    if (key === 'bigquery_project') return isProjectId(value) ? '' : tt('tree.issue.bad_project_id', say);
    const path = parseTablePath(value);
    return path.ok ? '' : tt(`tree.issue.bad_table_name.${path.part}`, say);
  };
  const bqAlone = () => {
    // A Snapshots table without an Accounts table: named on the Snapshots field, unless its own name is wrong, in
    // the words the tree's own rule refuses it with when saved (validate.ts table_without_accounts).
    const err = bqErrors.snapshots_table;
    if (bqInputs.snapshots_table.getAttribute('aria-invalid') === 'true') return;
    const alone = typeof s.snapshots_table === 'string' && typeof s.accounts_table !== 'string';
    err.textContent = alone
      ? tt('tree.issue.table_without_accounts', {
          field: tt('tree.ui.settings.snapshots_table'),
          found: JSON.stringify(s.snapshots_table),
        })
      : '';
  };
  const bqField = (key: BqKey, hint: string, placeholder: string) => {
    const input = el('input', {
      type: 'text',
      'data-setting': key,
      autocomplete: 'off',
      spellcheck: 'false',
      placeholder,
    }) as HTMLInputElement;
    const err = errorNote(key);
    bqInputs[key] = input;
    bqErrors[key] = err;
    input.value = typeof s[key] === 'string' ? (s[key] as string) : '';
    input.addEventListener('change', () => {
      const value = input.value.trim();
      if (showProblem(input, err, bqCheck(key, value))) return;
      input.value = value;
      put(s, key, value);
      bqAlone();
      host.changed();
    });
    return field(
      tt(`tree.ui.settings.${key}`),
      input,
      el('span', {}, el('span', { class: 'kl-field-note gray' }, hint), err),
    );
  };
  const bigquery = el(
    'fieldset',
    { class: 'kl-by-plan', 'data-testid': 'settings-bigquery' },
    el('legend', {}, tt('tree.ui.settings.bigquery')),
    el('p', { class: 'gray kl-tree-small' }, tt('tree.ui.settings.bigquery.help')),
    bqField('accounts_table', tt('tree.ui.settings.table.hint'), 'my-project.cs.accounts'),
    bqField('snapshots_table', tt('tree.ui.settings.table.hint'), 'my-project.cs.snapshots'),
    bqField('bigquery_project', tt('tree.ui.settings.bigquery_project.hint'), 'my-project'),
  );
  bqAlone();

  return [
    el('summary', {}, tt('tree.ui.settings')),
    field(ev('ui.settings.evidence'), evidenceSelect),
    field(ev('ui.settings.alert_budget'), budgetInput, el('span', {}, budgetNote, budgetErr)),
    el('p', { class: 'gray kl-tree-small' }, tt('tree.ui.settings.help')),
    sheet('accounts_sheet'),
    sheet('snapshots_sheet'),
    sheet('history_sheet'),
    el(
      'fieldset',
      { class: 'kl-by-plan' },
      el('legend', {}, tt('tree.ui.settings.columns')),
      headerList,
      ...columnKeys.map(column),
    ),
    numberSetting('significance'),
    numberSetting('max_lag'),
    numberSetting('horizon_months'),
    bigquery,
  ];
}
