import { describe, expect, it } from "vitest";
import { brusselsToUtc, utcToBrussels } from "./brussels";

describe("brusselsToUtc", () => {
  it.each([
    ["2027-01-15", "12:00", "2027-01-15T11:00:00Z"], // winter, CET
    ["2027-07-01", "09:30", "2027-07-01T07:30:00Z"], // summer, CEST
    ["2027-03-28", "01:59", "2027-03-28T00:59:00Z"], // just before the spring change
    ["2027-03-28", "03:00", "2027-03-28T01:00:00Z"], // just after it
    ["2027-03-28", "02:30", "2027-03-28T01:30:00Z"], // the skipped hour moves forward (03:30 CEST)
    ["2027-10-31", "02:30", "2027-10-31T00:30:00Z"], // the repeated hour: first, summer-time reading
    ["2027-10-31", "03:00", "2027-10-31T02:00:00Z"], // after the autumn change
    ["2027-12-31", "23:59", "2027-12-31T22:59:00Z"], // across the year in UTC
    ["2028-01-01", "00:30", "2027-12-31T23:30:00Z"],
  ])("%s %s Brussels is %s", (date, time, utc) => {
    expect(brusselsToUtc({ date, time })).toBe(utc);
  });

  it.each([
    ["2027-02-30", "12:00"],
    ["2027-01-01", "24:00"],
    ["", "12:00"],
    ["2027-01-01", ""],
  ])("refuses %s %s", (date, time) => {
    expect(brusselsToUtc({ date, time })).toBeNull();
  });
});

describe("utcToBrussels", () => {
  it.each([
    ["2027-01-15T11:00:00Z", "2027-01-15", "12:00"],
    ["2027-07-01T07:30:00Z", "2027-07-01", "09:30"],
    ["2027-10-31T00:30:00Z", "2027-10-31", "02:30"],
    ["2027-10-31T01:30:00Z", "2027-10-31", "02:30"],
    ["2027-12-31T23:30:00Z", "2028-01-01", "00:30"],
  ])("%s is %s %s in Brussels", (iso, date, time) => {
    expect(utcToBrussels(iso)).toEqual({ date, time });
  });

  it("round-trips every hour of a year", () => {
    for (let ms = Date.UTC(2027, 0, 1); ms < Date.UTC(2028, 0, 1); ms += 3_600_000) {
      const iso = new Date(ms).toISOString().replace(".000Z", "Z");
      const back = brusselsToUtc(utcToBrussels(iso));
      // The second 02:xx of autumn reads back as the first.
      if (iso.startsWith("2027-10-31T01:")) expect(back).toBe("2027-10-31T00:00:00Z");
      else expect(back).toBe(iso);
    }
  });
});
