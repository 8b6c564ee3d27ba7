/** The journal's own rules (src/server/journal.ts), on the in-memory workbook. */
import { MemoryWorkbook } from '../../src/local/memory-workbook';
import type { Workbook } from '../../src/ports/workbook';
import { IncompleteRollback, Journal, outsideTransaction, transaction } from '../../src/server/journal';

function book(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  wb.addSheet('Data', [
    ['id', 'v'],
    ['a', 1],
    ['b', 2],
  ]);
  wb.documentStore().set('k', 'old');
  return wb;
}

const state = (wb: MemoryWorkbook) => ({
  sheets: wb.sheetNames().map((n) => [n, wb.grid(n)]),
  doc: wb
    .documentStore()
    .keys()
    .map((k) => [k, wb.documentStore().get(k)]),
  triggers: wb.triggers(),
});

describe('transaction', () => {
  it('keeps the writes of an operation that returns, undoes all of them, newest first, when it throws', () => {
    const wb = book();
    const before = state(wb);
    expect(() =>
      transaction(wb, (tx) => {
        tx.writeValues('Data', 2, 2, [[10]]);
        tx.ensureSheet('Own', ['x']);
        tx.replaceRows('Own', [['1'], ['2']]);
        tx.documentStore().set('k', 'new');
        tx.documentStore().delete('k');
        tx.writeValues('Data', 2, 2, [[20], [30], [40]]);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(state(wb)).toEqual(before);
    transaction(wb, (tx) => tx.writeValues('Data', 2, 2, [[10]]));
    expect(wb.value('Data', 2, 2)).toBe(10);
  });

  it('inside a transaction, a part that throws undoes only its own writes; the whole goes on', () => {
    const wb = book();
    transaction(wb, (tx) => {
      tx.writeValues('Data', 2, 2, [[10]]);
      expect(() =>
        transaction(tx, (inner) => {
          expect(inner).toBe(tx);
          inner.writeValues('Data', 3, 2, [[99]]);
          inner.removeTrigger('t');
          throw new Error('part');
        }),
      ).toThrow('part');
      expect(wb.value('Data', 3, 2)).toBe(2);
    });
    expect(wb.value('Data', 2, 2)).toBe(10);
    expect(wb.value('Data', 3, 2)).toBe(2);
  });

  it('removes triggers only once everything else is written; a removal that fails undoes the writes', () => {
    const wb = book();
    const t1 = wb.installTrigger('kpiLampScheduledRun', { every: 'hour' });
    const order: string[] = [];
    const spy: Workbook = new Proxy(wb, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver);
        if (prop === 'removeTrigger') return (id: string) => (order.push(`remove ${id}`), v.call(target, id));
        if (prop === 'writeValues') return (...a: unknown[]) => (order.push('write'), v.apply(target, a));
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    transaction(spy, (tx) => {
      tx.removeTrigger(t1.id);
      expect(tx.triggers()).toEqual([]); // already gone, as the transaction sees it
      expect(wb.triggers()).toHaveLength(1); // not yet
      tx.writeValues('Data', 2, 2, [[10]]);
    });
    expect(order).toEqual(['write', `remove ${t1.id}`]);
    expect(wb.triggers()).toEqual([]);

    const t2 = wb.installTrigger('kpiLampScheduledRun', { every: 'hour' });
    const refusing = new Proxy(wb, {
      get(target, prop, receiver) {
        if (prop === 'removeTrigger')
          return () => {
            throw new Error('cannot remove');
          };
        const v = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    expect(() =>
      transaction(refusing, (tx) => {
        tx.writeValues('Data', 2, 2, [[20]]);
        tx.removeTrigger(t2.id);
      }),
    ).toThrow('cannot remove');
    expect(wb.value('Data', 2, 2)).toBe(10);
    expect(wb.triggers().map((t) => t.id)).toEqual([t2.id]);
  });

  it('an undo that fails is said: IncompleteRollback names the cause and what could not be put back', () => {
    const wb = book();
    const broken = new Proxy(wb, {
      get(target, prop, receiver) {
        if (prop === 'imageBefore')
          return () => ({
            restore: () => {
              throw new Error('sheet protected');
            },
          });
        const v = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    let caught: unknown;
    try {
      transaction(broken, (tx) => {
        tx.writeValues('Data', 2, 2, [[10]]);
        throw new Error('boom');
      });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(IncompleteRollback);
    expect((caught as Error).message).toBe('boom (and 1 of its changes could not be undone: sheet protected)');
  });

  it('the lease is written outside: outsideTransaction gives the workbook itself', () => {
    const wb = book();
    transaction(wb, (tx) => {
      expect(tx).toBeInstanceOf(Journal);
      expect(outsideTransaction(tx)).toBe(wb);
    });
  });
});
