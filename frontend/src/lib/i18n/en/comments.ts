import type { AreaMessages } from "../types";

/** Published comments and one comment (with its receipt). */
export default {
  "list.title": "Published comments",
  "one.title": "Comment",
} satisfies AreaMessages;
