import { describe, expect, it } from "vitest";
import { clearDraft, draftKey, emptyDraft, followClause, hasContent, loadDraft, saveDraft } from "./draft";
import { importProblems } from "./importProblems";
import { quoteAt } from "./quote";

const text = "Devices shall not ship with a password that is the same across devices. Where a password is used, it\nshall be unique per device or set by the user before first use.";

describe("quoteAt", () => {
  it("takes the selection with up to 32 characters of context on each side", () => {
    const start = text.indexOf("Where a password");
    const end = text.indexOf("per device") + "per device".length;
    expect(quoteAt(text, start, end)).toEqual({
      exact: "Where a password is used, it\nshall be unique per device",
      prefix: text.slice(start - 32, start),
      suffix: text.slice(end, end + 32),
    });
  });
  it("leaves out surrounding whitespace, accepts a backwards selection and clips the context at the edges", () => {
    expect(quoteAt(text, 8, 0)).toEqual({ exact: "Devices", prefix: "", suffix: text.slice(7, 39) });
    const q = quoteAt(text, text.length, text.length - 11);
    expect(q?.exact).toBe("first use.");
    expect(q?.suffix).toBe("");
  });
  it("is null for an empty or blank selection", () => {
    expect(quoteAt(text, 5, 5)).toBeNull();
    expect(quoteAt("a   b", 1, 4)).toBeNull();
  });
});

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

describe("drafts", () => {
  it("are kept per consultation and clause, with their key, and forgotten on clear", () => {
    const storage = new MemoryStorage();
    const key = draftKey("c1", "k1");
    expect(key).not.toBe(draftKey("c1", null));
    const draft = { ...emptyDraft("k1", "fr"), body: "Too strict", quote: { clause_id: "k1", exact: "shall", prefix: "", suffix: " be" } };
    expect(hasContent(draft)).toBe(true);
    expect(hasContent(emptyDraft("k1", "fr"))).toBe(false);
    saveDraft(storage, key, draft);
    expect(loadDraft(storage, key)).toEqual(draft);
    expect(loadDraft(storage, draftKey("c1", null))).toBeNull();
    clearDraft(storage, key);
    expect(loadDraft(storage, key)).toBeNull();
  });
  it("follow the clause chosen in the form: what was written moves to its key", () => {
    const storage = new MemoryStorage();
    const draft = { ...emptyDraft("k1", "en"), body: "Too strict" };
    saveDraft(storage, draftKey("c1", "k1"), draft);
    const moved = { ...draft, clause_id: "k2" };
    expect(followClause(storage, "c1", draftKey("c1", "k1"), moved)).toEqual({ draft: moved, key: draftKey("c1", "k2"), restored: false });
    expect(loadDraft(storage, draftKey("c1", "k1"))).toBeNull();
    expect(loadDraft(storage, draftKey("c1", "k2"))).toEqual(moved);
    const general = { ...moved, clause_id: "" };
    expect(followClause(storage, "c1", draftKey("c1", "k2"), general).key).toBe(draftKey("c1", null));
  });
  it("give an empty form the draft kept for the clause chosen", () => {
    const storage = new MemoryStorage();
    const kept = { ...emptyDraft("k2", "en"), body: "Kept for clause 2" };
    saveDraft(storage, draftKey("c1", "k2"), kept);
    const empty = { ...emptyDraft("k1", "en"), clause_id: "k2" };
    expect(followClause(storage, "c1", draftKey("c1", "k1"), empty)).toEqual({ draft: kept, key: draftKey("c1", "k2"), restored: true });
    const nothing = { ...emptyDraft("k1", "en"), clause_id: "k3" };
    expect(followClause(storage, "c1", draftKey("c1", "k1"), nothing)).toEqual({ draft: nothing, key: draftKey("c1", "k3"), restored: false });
  });
  it("refuse what they cannot read and drop unknown choices", () => {
    const storage = new MemoryStorage();
    storage.setItem("broken", "{not json");
    expect(loadDraft(storage, "broken")).toBeNull();
    storage.setItem("nokey", JSON.stringify({ body: "x" }));
    expect(loadDraft(storage, "nokey")).toBeNull();
    storage.setItem("odd", JSON.stringify({ idempotency_key: "k", comment_type: "rant", publication: "loud", body: 3 }));
    expect(loadDraft(storage, "odd")).toMatchObject({ comment_type: "", publication: "", body: "", quote: null });
  });
  it("get a new Idempotency-Key each", () => {
    expect(emptyDraft("", "en").idempotency_key).not.toBe(emptyDraft("", "en").idempotency_key);
  });
});

describe("importProblems", () => {
  it("reads the row and column of each problem", () => {
    expect(
      importProblems([
        { field: "row 3, Type of comment", message: "must be general, technical or editorial" },
        { field: "row 4: body", message: "must not be empty" },
        { field: "row 5", message: "unknown clause" },
        { field: "file", message: "fill at least one row below the header" },
      ]),
    ).toEqual([
      { row: 3, column: "Type of comment", message: "must be general, technical or editorial" },
      { row: 4, column: "Comment", message: "must not be empty" },
      { row: 5, column: "", message: "unknown clause" },
      { row: null, column: "", message: "fill at least one row below the header" },
    ]);
  });
});
