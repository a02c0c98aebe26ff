// @ts-check
// Reading the CSV exports the tests download.
import { parse } from 'csv-parse/sync';

/**
 * The records of a CSV export as objects keyed by the heading line's column names (a leading
 * byte-order mark is dropped).
 * @param {string} text
 * @returns {Record<string, string>[]}
 */
export function csvRecords(text) {
  return parse(text, { columns: true, bom: true, skip_empty_lines: true });
}
