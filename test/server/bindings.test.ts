/** The binding check over the workbook port (what the sidebar and the run call) agrees with the command line's header-only read. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCsvFolder } from '../../src/local/load-workbook';
import { validateTree } from '../../src/core/tree/validate';
import { missingBindings, workbookBindings } from '../../src/server/bindings';

const SAMPLE = join(__dirname, '..', '..', 'sample', 'workbook');
const starter = validateTree(
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'sample', 'starter-tree.json'), 'utf8')),
);

describe('workbookBindings', () => {
  it('finds nothing missing in the sample, and what a hand edit broke', () => {
    if (!starter.ok) throw new Error('starter invalid');
    const wb = loadCsvFolder(SAMPLE);
    expect(workbookBindings(wb, starter.tree, ['verdicts', 'lamps', 'backtest'])).toEqual([]);
    wb.writeValues('Accounts', 1, wb.headerRow('Accounts')!.indexOf('last_nps') + 1, [['Last NPS ']]);
    const viaPort = workbookBindings(wb, starter.tree, ['lamps']);
    expect(viaPort).toEqual([
      {
        what: 'column',
        sheet: 'Accounts',
        column: 'last_nps',
        by: { node: 'nps', field: 'accounts_column' },
        hint: 'Last NPS',
      },
    ]);
    expect(
      missingBindings(starter.tree, { names: wb.sheetNames(), header: (s) => wb.headerRow(s) }, ['lamps']),
    ).toEqual(viaPort);
    expect(wb.headerRow('Accounts')).toEqual(wb.readSheet('Accounts')!.header);
    expect(wb.headerRow('Nope')).toBeNull();
  });
});
