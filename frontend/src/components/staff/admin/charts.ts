// The arithmetic of the summary's charts: rows sorted for reading, days of a window, and the
// shade of a heat-map cell.

/** One bar: what it counts and how many. */
export interface Bar {
  key: string;
  label: string;
  value: number;
}

/** The counts of a record as bars, largest first (then by label), labelled by label(). */
export function bars(counts: Record<string, number>, label: (key: string) => string = (k) => k): Bar[] {
  return Object.entries(counts)
    .map(([key, value]) => ({ key, label: label(key), value }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
}

/** Every UTC day ("2027-03-01") from the day of start to the day of end, both included; at most max days. */
export function windowDays(startIso: string, endIso: string, max = 400): string[] {
  const out: string[] = [];
  const end = Date.parse(endIso.slice(0, 10));
  for (let ms = Date.parse(startIso.slice(0, 10)); ms <= end && out.length < max; ms += 86_400_000) {
    out.push(new Date(ms).toISOString().slice(0, 10));
  }
  return out;
}

/** The counts by day over a window, with zeros for the quiet days and any day outside the window kept. */
export function dailySeries(byDay: Record<string, number>, startIso: string, endIso: string): Bar[] {
  const days = new Set([...windowDays(startIso, endIso), ...Object.keys(byDay)]);
  return [...days].sort().map((key) => ({ key, label: key, value: byDay[key] ?? 0 }));
}

/** The shade (0 to 4) of a count in a heat map whose busiest cell holds max: 0 only for none. */
export function shade(count: number, max: number): 0 | 1 | 2 | 3 | 4 {
  if (count <= 0 || max <= 0) return 0;
  return Math.max(1, Math.ceil((count / max) * 4)) as 1 | 2 | 3 | 4;
}
