import { a1, columnNumber, parseArea } from './a1';

describe('parseArea', () => {
  it.each([
    ['B2', { row1: 2, column1: 2, row2: 2, column2: 2 }],
    ['$B$2:C9', { row1: 2, column1: 2, row2: 9, column2: 3 }],
    ['C9:B2', { row1: 2, column1: 2, row2: 9, column2: 3 }],
    ['B:D', { row1: 1, column1: 2, row2: null, column2: 4 }],
    ['2:4', { row1: 2, column1: 1, row2: 4, column2: null }],
    ['AA10', { row1: 10, column1: 27, row2: 10, column2: 27 }],
  ])('%s', (text, area) => expect(parseArea(text)).toEqual(area));
  it('rejects what is not a reference', () => {
    for (const t of ['', 'B0', 'B2:', 'Sheet!A1', 'ABCD1']) expect(parseArea(t)).toBeNull();
  });
});

describe('columnNumber and a1', () => {
  it('read and write column letters the same way', () => {
    expect(['A', 'z', 'AA', 'AZ', 'ZZ', 'XFD'].map(columnNumber)).toEqual([1, 26, 27, 52, 702, 16384]);
    expect(a1(7, 16384)).toBe('XFD7');
  });
});
