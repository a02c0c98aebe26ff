import { describe, expect, it } from "vitest";
import type { Page } from "../../../lib/api";
import { findInPages } from "./pages";

/** A list of ids a, b, c, … served two at a time, recording the cursors asked for. */
function list(ids: string[]) {
  const asked: (string | undefined)[] = [];
  const page = async (cursor?: string): Promise<Page<{ id: string }>> => {
    asked.push(cursor);
    const from = cursor ? ids.indexOf(cursor) : 0;
    const items = ids.slice(from, from + 2).map((id) => ({ id }));
    return { items, next_cursor: ids[from + 2] ?? null };
  };
  return { asked, page };
}

describe("findInPages", () => {
  it("stops at the page where the last wanted item is", async () => {
    const { asked, page } = list(["a", "b", "c", "d", "e", "f"]);
    const found = await findInPages(["c", "a"], page);
    expect([...found.keys()].sort()).toEqual(["a", "c"]);
    expect(asked).toEqual([undefined, "c"]);
  });

  it("walks to the end when an item is not in the list, and leaves it out", async () => {
    const { asked, page } = list(["a", "b", "c"]);
    const found = await findInPages(["b", "z"], page);
    expect([...found.keys()]).toEqual(["b"]);
    expect(asked).toEqual([undefined, "c"]);
  });

  it("asks for nothing when nothing is wanted", async () => {
    const { asked, page } = list(["a"]);
    expect((await findInPages([], page)).size).toBe(0);
    expect(asked).toEqual([]);
  });
});
