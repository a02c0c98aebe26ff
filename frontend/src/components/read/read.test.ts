import { describe, expect, it } from "vitest";
import type { Clause, DocumentSummary } from "../../lib/api";
import {
  apiFilters,
  chunk,
  filteredPath,
  filtersFromQuery,
  flattenClauses,
  heatBands,
  heatLevel,
  previousDocument,
  timeLeft,
} from "./read";

const clause = (number: string, children: Clause[] = []): Clause => ({ id: number, number, heading: "", body: "", children });

describe("flattenClauses", () => {
  it("lists each clause before its children, with its depth", () => {
    const flat = flattenClauses([clause("1", [clause("1.1", [clause("1.1.1")]), clause("1.2")]), clause("2")]);
    expect(flat.map((f) => `${f.clause.number}@${f.depth}`)).toEqual(["1@0", "1.1@1", "1.1.1@2", "1.2@1", "2@0"]);
  });
  it("handles a flat list of many clauses", () => {
    const many = Array.from({ length: 1000 }, (_, i) => clause(String(i + 1)));
    expect(flattenClauses(many)).toHaveLength(1000);
  });
});

describe("previousDocument", () => {
  const doc = (id: string, created_at: string): DocumentSummary => ({ id, scheme_id: "s", title: id, version_label: id, created_at });
  const docs = [doc("v2", "2026-03-01T00:00:00Z"), doc("v1", "2026-01-01T00:00:00Z"), doc("v3", "2026-05-01T00:00:00Z")];
  it.each([
    ["v3", "v2"],
    ["v2", "v1"],
    ["v1", null],
    ["unknown", null],
  ])("before %s comes %s", (id, want) => {
    expect(previousDocument(docs, id)?.id ?? null).toBe(want);
  });
});

describe("heat map", () => {
  it.each([
    [0, 10, 0],
    [1, 10, 1],
    [3, 10, 2],
    [5, 10, 2],
    [6, 10, 3],
    [10, 10, 4],
    [1, 1, 4],
    [0, 0, 0],
  ])("%i of at most %i is level %i", (count, max, level) => {
    expect(heatLevel(count, max)).toBe(level);
  });
  it("gives a legend of non-empty bands that cover 0..max", () => {
    expect(heatBands(10)).toEqual([
      { level: 0, from: 0, to: 0 },
      { level: 1, from: 1, to: 2 },
      { level: 2, from: 3, to: 5 },
      { level: 3, from: 6, to: 7 },
      { level: 4, from: 8, to: 10 },
    ]);
    expect(heatBands(1)).toEqual([
      { level: 0, from: 0, to: 0 },
      { level: 4, from: 1, to: 1 },
    ]);
    expect(heatBands(2)).toEqual([
      { level: 0, from: 0, to: 0 },
      { level: 2, from: 1, to: 1 },
      { level: 4, from: 2, to: 2 },
    ]);
    expect(heatBands(0)).toEqual([{ level: 0, from: 0, to: 0 }]);
  });
});

describe("timeLeft", () => {
  const m = 60_000;
  it.each([
    [0, { days: 0, hours: 0, minutes: 0 }],
    [-5 * m, { days: 0, hours: 0, minutes: 0 }],
    [10_000, { days: 0, hours: 0, minutes: 1 }],
    [59 * m, { days: 0, hours: 0, minutes: 59 }],
    [(3 * 60 + 7) * m, { days: 0, hours: 3, minutes: 7 }],
    [(3 * 1440 + 4 * 60 + 30) * m, { days: 3, hours: 4, minutes: 0 }],
  ])("%i ms", (ms, want) => {
    expect(timeLeft(ms)).toEqual(want);
  });
});

describe("comment filters", () => {
  it("reads the URL and keeps only what the API accepts", () => {
    const values = filtersFromQuery(new URLSearchParams("clause_id=c1&comment_type=bogus&country=de&q=+keys+&stakeholder_type=ngo"));
    expect(values).toEqual({ clause_id: "c1", comment_type: "bogus", stakeholder_type: "ngo", country: "de", q: "keys" });
    expect(apiFilters(values, "cur", 20)).toEqual({ limit: 20, clause_id: "c1", stakeholder_type: "ngo", q: "keys", cursor: "cur" });
  });
  it("builds a bookmarkable path without the empty filters", () => {
    expect(filteredPath("abc", { q: "update keys", country: "", comment_type: "technical" })).toBe(
      "/consultations/abc/comments?comment_type=technical&q=update+keys",
    );
    expect(filteredPath("abc", {})).toBe("/consultations/abc/comments");
  });
});

describe("chunk", () => {
  it.each([
    [[1, 2, 3, 4, 5], 2, [[1, 2], [3, 4], [5]]],
    [[1, 2], 5, [[1, 2]]],
    [[], 3, []],
  ])("%j by %i", (items, size, want) => {
    expect(chunk(items, size)).toEqual(want);
  });
});
