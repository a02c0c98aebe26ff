// Dates and times entered in Europe/Brussels, turned into UTC for the API and back, with the
// daylight-saving rules of the browser's Intl (no library). A wall-clock time that does not
// exist (the hour skipped in spring) moves forward by the gap; one that happens twice (the hour
// repeated in autumn) is taken at its first, summer-time, occurrence.
import { TIME_ZONE } from "../../../lib/i18n";

/** A Brussels date ("2027-03-01") and time ("12:00"), as date and time inputs give them. */
export interface BrusselsTime {
  date: string;
  time: string;
}

const parts = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** The Brussels wall clock of an instant, as a UTC millisecond count of the same figures. */
function wallClock(ms: number): number {
  const p: Record<string, number> = {};
  for (const { type, value } of parts.formatToParts(new Date(ms))) if (type !== "literal") p[type] = Number(value);
  return Date.UTC(p["year"]!, p["month"]! - 1, p["day"]!, p["hour"]!, p["minute"]!, p["second"]!);
}

/** Brussels' offset from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
function offsetAt(ms: number): number {
  return wallClock(ms) - Math.floor(ms / 1000) * 1000;
}

/** The UTC instant (RFC 3339, "2027-03-01T11:00:00Z") of a Brussels date and time; null when either is malformed. */
export function brusselsToUtc({ date, time }: BrusselsTime): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [y, mo, da, h, mi] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, da, h, mi);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== da || h > 23 || mi > 59) return null;
  // Two rounds: the offset before the guess, then the offset at the instant that gives.
  const before = offsetAt(wall - 3 * 3_600_000);
  let ms = wall - before;
  const after = offsetAt(ms);
  if (after !== before) {
    const other = wall - after;
    // Repeated hour: both readings give the wall clock; keep the earlier (summer time).
    // Skipped hour: neither does; the later offset moves the time forward by the gap.
    ms = wallClock(other) === wall && wallClock(ms) === wall ? Math.min(ms, other) : wallClock(other) === wall ? other : ms;
  }
  return new Date(ms).toISOString().replace(".000Z", "Z");
}

/** The Brussels date and time of a UTC instant, for date and time inputs. */
export function utcToBrussels(iso: string): BrusselsTime {
  const wall = new Date(wallClock(Date.parse(iso))).toISOString();
  return { date: wall.slice(0, 10), time: wall.slice(11, 16) };
}
