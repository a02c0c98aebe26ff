import type { AreaMessages } from "../types";

/** Writing a comment, and the caller's own comments. */
export default {
  "new.title": "Comment on the draft",
  "mine.title": "My comments",
} satisfies AreaMessages;
