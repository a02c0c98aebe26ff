import type { AreaMessages } from "../types";

/** The home page: the list of consultations. */
export default {
  title: "Consultations",
  intro:
    "The agency consults the public on every draft cybersecurity certification scheme before adopting it. Read a draft, comment on it clause by clause while the consultation is open, and follow what is decided.",
  "section.open": "Open for comments",
  "section.upcoming": "Upcoming",
  "section.closed": "Closed",
  "count.open": { one: "{count} consultation open for comments", other: "{count} consultations open for comments" },
  "empty.open": "No consultation is open for comments at the moment.",
  "empty.upcoming": "No consultation is planned yet.",
  "empty.closed": "No consultation has closed yet.",
  "item.status": "Status:",
  "item.window": "Open from {opens} to {closes}",
  "item.scheme": "Scheme:",
  "item.closes_in": { one: "Closes in {count} day", other: "Closes in {count} days" },
  "load_error": "The consultations cannot be listed right now.",
} satisfies AreaMessages;
