// Pure helpers of the reading pages (the consultation and its published comments): the clause
// tree in reading order, the previous version of a draft, the heat map's shading, the time left
// before a consultation closes, and the comment filters kept in the URL.
import {
  COMMENT_TYPES,
  STAKEHOLDER_TYPES,
  type Clause,
  type CommentFilters,
  type CommentType,
  type DocumentSummary,
  type StakeholderType,
} from "../../lib/api";

/** A clause with its depth in the tree (0 for a top-level clause). */
export interface FlatClause {
  clause: Clause;
  depth: number;
}

/** The clause tree in reading order (each clause before its children), with each one's depth. */
export function flattenClauses(tree: Clause[]): FlatClause[] {
  const out: FlatClause[] = [];
  const stack: FlatClause[] = tree.map((clause) => ({ clause, depth: 0 })).reverse();
  while (stack.length > 0) {
    const item = stack.pop() as FlatClause;
    out.push(item);
    const children = item.clause.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ clause: children[i] as Clause, depth: item.depth + 1 });
  }
  return out;
}

/** The version of the scheme's draft created just before documentId, or null when it is the first. */
export function previousDocument(documents: DocumentSummary[], documentId: string): DocumentSummary | null {
  const sorted = [...documents].sort(
    (a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const at = sorted.findIndex((d) => d.id === documentId);
  return at > 0 ? (sorted[at - 1] ?? null) : null;
}

/** How many shades of the heat map there are besides "no comments". */
export const HEAT_LEVELS = 4;

/** The shade (0 to HEAT_LEVELS) of a clause with count comments when the busiest clause has max. */
export function heatLevel(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(HEAT_LEVELS, Math.ceil((HEAT_LEVELS * count) / max));
}

/** One shade of the legend: the counts from..to (inclusive) that it stands for. */
export interface HeatBand {
  level: number;
  from: number;
  to: number;
}

/** The legend of the heat map when the busiest clause has max comments: no empty bands. */
export function heatBands(max: number): HeatBand[] {
  const bands: HeatBand[] = [{ level: 0, from: 0, to: 0 }];
  let from = 1;
  for (let level = 1; level <= HEAT_LEVELS && from <= max; level++) {
    let to = from;
    while (to + 1 <= max && heatLevel(to + 1, max) === level) to++;
    if (heatLevel(from, max) === level) {
      bands.push({ level, from, to });
      from = to + 1;
    }
  }
  return bands;
}

/** The time left, in the two largest units that matter: days and hours, else hours and minutes. */
export interface TimeLeft {
  days: number;
  hours: number;
  minutes: number;
}

/** Splits ms (floored to the minute, at least one minute while positive) into days, hours, minutes. */
export function timeLeft(ms: number): TimeLeft {
  if (ms <= 0) return { days: 0, hours: 0, minutes: 0 };
  const total = Math.max(1, Math.floor(ms / 60_000));
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = days > 0 ? 0 : total % 60;
  return { days, hours, minutes };
}

/** The filter fields of the published comments page, as the URL and the form hold them. */
export const FILTER_KEYS = ["clause_id", "comment_type", "stakeholder_type", "country", "q"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type FilterValues = Record<FilterKey, string>;

/** The filters in a URL query ("" for each one not given). */
export function filtersFromQuery(query: URLSearchParams): FilterValues {
  const values = {} as FilterValues;
  for (const key of FILTER_KEYS) values[key] = (query.get(key) ?? "").trim();
  return values;
}

/** The API's query for these filter values and cursor; values the API would refuse are dropped. */
export function apiFilters(values: FilterValues, cursor: string | null, limit: number): CommentFilters {
  const f: CommentFilters = { limit };
  if (values.clause_id) f.clause_id = values.clause_id;
  if ((COMMENT_TYPES as readonly string[]).includes(values.comment_type)) f.comment_type = values.comment_type as CommentType;
  if ((STAKEHOLDER_TYPES as readonly string[]).includes(values.stakeholder_type))
    f.stakeholder_type = values.stakeholder_type as StakeholderType;
  if (/^[A-Z]{2}$/.test(values.country)) f.country = values.country;
  if (values.q) f.q = values.q.slice(0, 200);
  if (cursor) f.cursor = cursor;
  return f;
}

/** The path of the published comments page with these filters (empty ones left out, no cursor). */
export function filteredPath(consultationId: string, values: Partial<FilterValues>): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = (values[key] ?? "").trim();
    if (value) params.set(key, value);
  }
  const qs = params.toString();
  return `/consultations/${encodeURIComponent(consultationId)}/comments${qs ? `?${qs}` : ""}`;
}

/** items cut into consecutive groups of size (the last one may be shorter). */
export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
