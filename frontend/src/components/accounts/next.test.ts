import { describe, expect, it } from "vitest";
import { rememberNext, rememberedNext, withNext } from "./next";

function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, v),
  };
}

describe("withNext", () => {
  it.each([
    ["/consultations/c1/comment?clause=k2", "/register?next=%2Fconsultations%2Fc1%2Fcomment%3Fclause%3Dk2"],
    [null, "/register"],
    ["/", "/register"],
    ["https://evil.example/", "/register"],
    ["//evil.example/x", "/register"],
  ])("next %s gives %s", (next, want) => {
    expect(withNext("/register", next)).toBe(want);
  });
});

describe("rememberNext", () => {
  it("keeps a page of this site and gives it back", () => {
    const s = memoryStorage();
    rememberNext(s, "/consultations/c1/comment?clause=k2");
    expect(rememberedNext(s)).toBe("/consultations/c1/comment?clause=k2");
  });

  it("forgets it when the next registration has no page to go back to", () => {
    const s = memoryStorage();
    rememberNext(s, "/me/comments");
    rememberNext(s, null);
    expect(rememberedNext(s)).toBeNull();
  });

  it("never keeps another site", () => {
    const s = memoryStorage();
    rememberNext(s, "https://evil.example/");
    expect(rememberedNext(s)).toBeNull();
  });
});
