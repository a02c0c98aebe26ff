import { describe, expect, it } from "vitest";
import { previewDraft, type PreviewClause } from "./draft";

const numbers = (list: PreviewClause[]): string[] => list.flatMap((c) => [c.number, ...numbers(c.children)]);

describe("previewDraft", () => {
  it("takes a leading level-one heading as the title and numbers by position", () => {
    const p = previewDraft("# EUCC draft\n\nIntro.\n\n## Scope\n\nText\n\n### Products\n\n## Terms\n");
    expect(p.title).toBe("EUCC draft");
    expect(numbers(p.clauses)).toEqual(["1", "1.1", "2"]);
    expect(p.clauses[0]!.children[0]!.heading).toBe("Products");
    expect(p.count).toBe(3);
    expect(p.problems).toEqual([]);
  });

  it("keeps numbers written in headings and nests them by number", () => {
    const p = previewDraft("## 3 Scope\n## 3.4 Incidents\n## 3.4.1 Notification\n## Annex A: Mapping\n## A.1 Forms\n## 4. Terms\n");
    expect(numbers(p.clauses)).toEqual(["3", "3.4", "3.4.1", "Annex A", "A.1", "4"]);
    expect(p.clauses[0]!.children[0]!.children[0]!.heading).toBe("Notification");
    expect(p.clauses[1]!.heading).toBe("Mapping");
  });

  it("numbers under an explicit parent and falls back to the heading when the number is taken", () => {
    const p = previewDraft("## Foreword\n## 1 Scope\n### Details\n");
    expect(numbers(p.clauses)).toEqual(["Foreword", "1", "1.1"]);
  });

  it("ignores headings in fenced code, quotes and list items; reads setext headings", () => {
    const p = previewDraft("Scope\n=====\n\n```\n## not a heading\n```\n\n> ## quoted\n\n- item\n\n  ## in item\n\nTerms\n-----\n");
    // The level-one "Scope" above a deeper heading is the title, as on the server.
    expect(p.title).toBe("Scope");
    expect(p.clauses.map((c) => c.heading)).toEqual(["Terms"]);
  });

  it("skips YAML front matter", () => {
    const p = previewDraft("---\nscheme: eucc\n---\n## 1 Scope\n");
    expect(numbers(p.clauses)).toEqual(["1"]);
  });

  it.each([
    ["", "empty"],
    ["   \n\n", "empty"],
    ["Just text, no headings.\n", "no_headings"],
  ])("refuses %j as %s", (md, code) => {
    expect(previewDraft(md).problems.map((p) => p.code)).toEqual([code]);
  });

  it("reports a number used twice with both lines", () => {
    const p = previewDraft("## 1 Scope\n\n## 1 Again\n");
    expect(p.problems).toEqual([{ code: "duplicate_number", line: 3, number: "1", firstLine: 1 }]);
  });
});
