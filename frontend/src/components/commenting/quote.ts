// Quoting a passage of a clause: the selected part of the clause's plain text, with a little of
// the text on either side so that the passage can be found again if it occurs more than once.
import type { Quote } from "../../lib/api";

/** How many characters of context a quote keeps on each side. */
export const QUOTE_CONTEXT = 32;

/**
 * The quote of text[start, end) (offsets as a textarea's selectionStart and selectionEnd), with
 * the selection's surrounding whitespace left out; null when nothing but whitespace is selected.
 */
export function quoteAt(text: string, start: number, end: number, context = QUOTE_CONTEXT): Quote | null {
  let from = Math.max(0, Math.min(start, end));
  let to = Math.min(text.length, Math.max(start, end));
  while (from < to && /\s/.test(text.charAt(from))) from++;
  while (to > from && /\s/.test(text.charAt(to - 1))) to--;
  if (from === to) return null;
  return {
    exact: text.slice(from, to),
    prefix: text.slice(Math.max(0, from - context), from),
    suffix: text.slice(to, to + context),
  };
}
