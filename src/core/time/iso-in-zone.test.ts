import { isoInZone } from './iso-in-zone';

describe('isoInZone', () => {
  it('gives the calendar date in the spreadsheet time zone, not UTC', () => {
    // 2026-03-31T15:00Z is already April 1st in Tokyo.
    const d = new Date(Date.UTC(2026, 2, 31, 15, 0, 0));
    expect(isoInZone(d, 'Asia/Tokyo')).toBe('2026-04-01');
    expect(isoInZone(d, 'UTC')).toBe('2026-03-31T15:00:00');
    expect(isoInZone(d, 'America/New_York')).toBe('2026-03-31T11:00:00');
  });
});
