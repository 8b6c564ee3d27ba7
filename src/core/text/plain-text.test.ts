import { plainText } from './plain-text';

describe('plainText', () => {
  it('neutralises text that a spreadsheet would read as a formula', () => {
    expect(plainText('=IMPORTXML("http://x","//a")')).toBe(`'=IMPORTXML("http://x","//a")`);
    expect(plainText('+1')).toBe("'+1");
    expect(plainText('-cmd')).toBe("'-cmd");
    expect(plainText('@SUM(A1)')).toBe("'@SUM(A1)");
  });
  it('leaves other text alone', () => {
    expect(plainText('株式会社サクラ')).toBe('株式会社サクラ');
    expect(plainText('Book a review = soon')).toBe('Book a review = soon');
    expect(plainText('')).toBe('');
  });
});
