import { describe, expect, it } from "vitest";
import { isTypingTarget, moveIndex, shortcutOf } from "./shortcuts";

function key(k: string, target: EventTarget | null = null, mods: Partial<KeyboardEvent> = {}) {
  return { key: k, ctrlKey: false, metaKey: false, altKey: false, target, ...mods };
}

function el(tag: string, attrs: Record<string, unknown> = {}): EventTarget {
  return { tagName: tag.toUpperCase(), isContentEditable: false, ...attrs } as unknown as EventTarget;
}

describe("shortcutOf", () => {
  it.each([
    ["j", "next"],
    ["k", "previous"],
    ["p", "publish"],
    ["r", "reject"],
    ["o", "open"],
    ["?", "help"],
  ])("%s is %s", (k, action) => {
    expect(shortcutOf(key(k, el("div")))).toBe(action);
  });

  it("ignores other keys and modifiers", () => {
    expect(shortcutOf(key("x"))).toBeNull();
    expect(shortcutOf(key("p", null, { ctrlKey: true }))).toBeNull();
    expect(shortcutOf(key("r", null, { metaKey: true }))).toBeNull();
  });

  it("never fires while typing", () => {
    expect(shortcutOf(key("p", el("textarea")))).toBeNull();
    expect(shortcutOf(key("j", el("input", { type: "text" })))).toBeNull();
    expect(shortcutOf(key("j", el("select")))).toBeNull();
    expect(shortcutOf(key("j", el("div", { isContentEditable: true })))).toBeNull();
  });

  it("fires on a focused checkbox or button", () => {
    expect(shortcutOf(key("j", el("input", { type: "checkbox" })))).toBe("next");
    expect(shortcutOf(key("p", el("button")))).toBe("publish");
  });
});

describe("isTypingTarget", () => {
  it("is false for nothing", () => {
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe("moveIndex", () => {
  it.each([
    [-1, 1, 3, 0],
    [-1, -1, 3, 2],
    [0, 1, 3, 1],
    [2, 1, 3, 2],
    [0, -1, 3, 0],
    [0, 1, 0, -1],
  ] as const)("from %i by %i in %i is %i", (from, step, len, want) => {
    expect(moveIndex(from, step, len)).toBe(want);
  });
});
