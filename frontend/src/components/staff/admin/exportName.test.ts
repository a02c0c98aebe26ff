import { describe, expect, it } from "vitest";
import { exportFileName, slugify } from "./exportName";

describe("export file names", () => {
  it.each([
    ["Cloud services – EUCS", "cloud-services-eucs"],
    ["Schéma européen: IoT (v1.0)", "schema-europeen-iot-v1-0"],
    ["   ", "untitled"],
    ["a".repeat(80), "a".repeat(60)],
  ])("slugifies %j", (title, want) => {
    expect(slugify(title)).toBe(want);
  });

  it("names consultation, Brussels date, scope and format", () => {
    // 23:30 UTC on 31 December is already 1 January in Brussels.
    expect(exportFileName("Consumer IoT", "all", "xlsx", new Date("2027-12-31T23:30:00Z"))).toBe("consultation-consumer-iot-2028-01-01-all.xlsx");
  });
});
