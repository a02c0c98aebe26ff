// What the queue says about a comment after a decision: done, refused, or overtaken by another
// moderator's decision (409), with the words to show.

/** The result of a decision on one comment, as the queue shows it beside the comment. */
export interface Outcome {
  kind: "success" | "error" | "conflict";
  text: string;
}

/** How many of a bulk or cluster action's outcomes succeeded and how many did not. */
export function tally(results: readonly { status: number }[]): { done: number; failed: number } {
  const done = results.filter((r) => r.status >= 200 && r.status < 300).length;
  return { done, failed: results.length - done };
}
