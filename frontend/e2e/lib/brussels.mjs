// @ts-check
// Instants as the staff console's date and time fields take them: Europe/Brussels wall-clock time,
// to the minute.

/** A minute in milliseconds. */
export const MINUTE = 60_000;

/**
 * The Brussels date (YYYY-MM-DD) and time (HH:MM) of an instant, as a date and a time input take
 * them.
 * @param {number} ms the instant (milliseconds since the epoch); seconds are dropped
 * @returns {{date: string, time: string}}
 */
export function brusselsFields(ms) {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Brussels',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const part = Object.fromEntries(format.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return { date: `${part.year}-${part.month}-${part.day}`, time: `${part.hour}:${part.minute}` };
}

/**
 * The instant as the API writes it: UTC to the second, no fraction (2027-03-28T01:00:00Z).
 * @param {number} ms
 */
export function apiInstant(ms) {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}
