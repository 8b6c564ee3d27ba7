import { dateInZone, isoInZone } from './iso-in-zone';

describe('isoInZone', () => {
  it('gives the calendar date in the spreadsheet time zone, not UTC', () => {
    // 2026-03-31T15:00Z is already April 1st in Tokyo.
    const d = new Date(Date.UTC(2026, 2, 31, 15, 0, 0));
    expect(isoInZone(d, 'Asia/Tokyo')).toBe('2026-04-01');
    expect(isoInZone(d, 'UTC')).toBe('2026-03-31T15:00:00');
    expect(isoInZone(d, 'America/New_York')).toBe('2026-03-31T11:00:00');
  });
});

describe('dateInZone', () => {
  it('is the inverse of isoInZone, in zones with and without daylight saving', () => {
    for (const tz of ['Asia/Tokyo', 'America/New_York', 'Europe/London', 'UTC']) {
      for (const iso of ['2026-03-31', '2026-11-01T09:30:00', '2026-07-15T23:59:59', '2024-02-29']) {
        expect({ tz, iso, back: isoInZone(dateInZone(iso, tz)!, tz) }).toEqual({ tz, iso, back: iso });
      }
    }
    expect(dateInZone('2026-04-01', 'Asia/Tokyo')!.toISOString()).toBe('2026-03-31T15:00:00.000Z');
  });
  it('refuses what is not an ISO date', () => {
    expect(dateInZone('2026-02-30', 'UTC')).toBeNull();
    expect(dateInZone('2026-11', 'UTC')).toBeNull();
    expect(dateInZone('tomorrow', 'UTC')).toBeNull();
  });
});
