// The clauses of a document as one list in reading order.
import type { Clause } from "../../lib/api";

/** Every clause of the tree, parents before their children. */
export function flattenClauses(clauses: readonly Clause[]): Clause[] {
  return clauses.flatMap((c) => [c, ...flattenClauses(c.children ?? [])]);
}
