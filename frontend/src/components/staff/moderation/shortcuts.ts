// The moderation queue's keyboard shortcuts: which key does what, and when a key press is the
// queue's to take (never while the moderator types in a field or holds a modifier).

/** What a shortcut does on the queue. */
export type Shortcut = "next" | "previous" | "publish" | "reject" | "open" | "help";

/** The shortcuts in the order the help lists them, with their keys. */
export const SHORTCUTS: readonly { key: string; action: Shortcut }[] = [
  { key: "j", action: "next" },
  { key: "k", action: "previous" },
  { key: "p", action: "publish" },
  { key: "r", action: "reject" },
  { key: "o", action: "open" },
  { key: "?", action: "help" },
];

/** Whether the element takes typed text (an input, a text area, a select or an editable region). */
export function isTypingTarget(el: EventTarget | null): boolean {
  if (!el || typeof (el as Element).tagName !== "string") return false;
  const element = el as HTMLElement;
  const tag = element.tagName.toLowerCase();
  if (tag === "textarea" || tag === "select") return true;
  if (tag === "input") {
    const type = ((element as HTMLInputElement).type || "text").toLowerCase();
    return !["checkbox", "radio", "button", "submit", "reset"].includes(type);
  }
  return element.isContentEditable === true;
}

/** The shortcut a key press asks for, or null when it is not one (or not the queue's to take). */
export function shortcutOf(event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "target">): Shortcut | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (isTypingTarget(event.target)) return null;
  return SHORTCUTS.find((s) => s.key === event.key)?.action ?? null;
}

/** The index after moving by step within a list of length items, staying inside it; -1 when empty. */
export function moveIndex(current: number, step: 1 | -1, length: number): number {
  if (length === 0) return -1;
  if (current < 0) return step === 1 ? 0 : length - 1;
  return Math.min(length - 1, Math.max(0, current + step));
}
