import { describe, expect, it } from "vitest";
import { countryName, formatDate, formatDateTime, translate } from "./index";
import { initialLanguage } from "./state.svelte";

describe("translate", () => {
  it("fills placeholders", () => {
    expect(translate("en", "common.nav.signed_in_as", { name: "Ada" })).toBe("Signed in as Ada");
  });

  it.each([
    ["en", 1, "1 consultation open for comments"],
    ["en", 2, "2 consultations open for comments"],
    ["en", 0, "0 consultations open for comments"],
    ["fr", 0, "0 consultation ouverte aux commentaires"],
    ["fr", 1, "1 consultation ouverte aux commentaires"],
    ["fr", 2, "2 consultations ouvertes aux commentaires"],
    ["de", 1, "1 Konsultation offen für Kommentare"],
    ["de", 5, "5 Konsultationen offen für Kommentare"],
  ] as const)("%s plural of %d", (lang, count, text) => {
    expect(translate(lang, "home.count.open", { count })).toBe(text);
  });

  it("formats numbers in the plural for the language", () => {
    expect(translate("de", "home.count.open", { count: 1200 })).toBe("1.200 Konsultationen offen für Kommentare");
  });
});

describe("dates in Brussels with the zone named", () => {
  it.each([
    ["en", "2027-03-01T11:00:00Z", "1 March 2027, 12:00 CET"],
    ["en", "2027-07-01T10:00:00Z", "1 July 2027, 12:00 CEST"],
    ["en", "2027-03-28T00:30:00Z", "28 March 2027, 01:30 CET"],
    ["en", "2027-03-28T01:30:00Z", "28 March 2027, 03:30 CEST"],
    ["de", "2027-03-01T11:00:00Z", "1. März 2027, 12:00 MEZ"],
    ["de", "2027-07-01T10:00:00Z", "1. Juli 2027, 12:00 MESZ"],
  ] as const)("%s %s", (lang, iso, text) => {
    expect(formatDateTime(iso, lang)).toBe(text);
  });

  it("names the zone in French too", () => {
    expect(formatDateTime("2027-03-01T11:00:00Z", "fr")).toMatch(/^1 mars 2027, 12:00 \S+/);
  });

  it("shows the Brussels date, not the UTC one", () => {
    expect(formatDate("2027-03-01T23:30:00Z", "en")).toBe("2 March 2027");
  });
});

describe("language choice", () => {
  it.each([
    ["de", ["fr-FR"], "de"],
    [null, ["fr-BE", "en"], "fr"],
    [null, ["nl-BE", "de-AT"], "de"],
    [null, ["nl"], "en"],
    ["xx", [], "en"],
  ] as const)("saved %s, browser %j: %s", (saved, preferred, lang) => {
    expect(initialLanguage(saved, preferred)).toBe(lang);
  });
});

describe("countries", () => {
  it("names a country in each language", () => {
    expect(countryName("DE", "en")).toBe("Germany");
    expect(countryName("DE", "fr")).toBe("Allemagne");
    expect(countryName("DE", "de")).toBe("Deutschland");
  });
});
