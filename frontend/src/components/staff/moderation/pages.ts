// Finding some items of a cursor-paged list (the moderation queue) without fetching each one.
import type { ID, Page } from "../../../lib/api";

/**
 * Walks a cursor-paged list from its first page until every wanted id is found or the list ends,
 * and returns the items found by id (an id missing from the answer is not in the list).
 */
export async function findInPages<T extends { id: ID }>(
  wanted: Iterable<ID>,
  page: (cursor?: string) => Promise<Page<T>>,
): Promise<Map<ID, T>> {
  const missing = new Set(wanted);
  const found = new Map<ID, T>();
  let cursor: string | undefined;
  while (missing.size > 0) {
    const { items, next_cursor } = await page(cursor);
    for (const item of items) if (missing.delete(item.id)) found.set(item.id, item);
    if (!next_cursor) break;
    cursor = next_cursor;
  }
  return found;
}
