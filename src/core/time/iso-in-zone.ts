/**
 * ISO text of an instant in a time zone: "2026-03-31" at midnight there,
 * "2026-03-31T09:30:00" otherwise. Pure JavaScript (Intl), so converting a
 * column of dates costs no Apps Script service call per cell.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isoInZone(d: Date, timeZone: string): string {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(d)) parts[p.type] = p.value;
  const date = `${parts.year.padStart(4, '0')}-${parts.month}-${parts.day}`;
  const time = `${parts.hour}:${parts.minute}:${parts.second}`;
  return time === '00:00:00' ? date : `${date}T${time}`;
}

/**
 * The instant an ISO date ("2026-03-31") or date-time ("2026-03-31T09:30:00")
 * names in a time zone: the inverse of isoInZone. Null for text that is not
 * one. (Used to write a date back as a date cell.)
 */
export function dateInZone(iso: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?$/.exec(iso);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59
  )
    return null;
  // The zone's offset at that wall time: guess, then correct once (exact except inside a DST gap).
  const offsetAt = (t: number) => {
    const p: Record<string, string> = {};
    for (const part of formatter(timeZone).formatToParts(new Date(t))) p[part.type] = part.value;
    return (
      Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) -
      t
    );
  };
  let t = wall - offsetAt(wall);
  t = wall - offsetAt(t);
  return new Date(t);
}
