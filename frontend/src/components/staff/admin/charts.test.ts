import { describe, expect, it } from "vitest";
import { bars, dailySeries, shade, windowDays } from "./charts";

describe("charts", () => {
  it("sorts bars by count, then label", () => {
    expect(bars({ b: 1, a: 1, c: 5 }, (k) => k.toUpperCase())).toEqual([
      { key: "c", label: "C", value: 5 },
      { key: "a", label: "A", value: 1 },
      { key: "b", label: "B", value: 1 },
    ]);
  });

  it("lists the days of a window across a month end", () => {
    expect(windowDays("2027-02-27T23:00:00Z", "2027-03-02T10:00:00Z")).toEqual(["2027-02-27", "2027-02-28", "2027-03-01", "2027-03-02"]);
    expect(windowDays("2027-01-01T00:00:00Z", "2028-12-31T00:00:00Z", 10)).toHaveLength(10);
  });

  it("fills quiet days with zero and keeps days outside the window", () => {
    expect(dailySeries({ "2027-03-02": 3, "2027-03-09": 1 }, "2027-03-01T08:00:00Z", "2027-03-03T08:00:00Z").map((b) => [b.key, b.value])).toEqual([
      ["2027-03-01", 0],
      ["2027-03-02", 3],
      ["2027-03-03", 0],
      ["2027-03-09", 1],
    ]);
  });

  it.each([
    [0, 10, 0],
    [1, 10, 1],
    [3, 10, 2],
    [10, 10, 4],
    [5, 0, 0],
  ])("shades %i of %i as %i", (count, max, want) => {
    expect(shade(count, max)).toBe(want);
  });
});
