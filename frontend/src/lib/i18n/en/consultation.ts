import type { AreaMessages } from "../types";

/** The consultation page: the draft clause by clause, and its differences from an earlier version. */
export default {
  title: "Consultation",
  "draft.title": "The draft",
  "diff.title": "Changes from the previous version",
} satisfies AreaMessages;
