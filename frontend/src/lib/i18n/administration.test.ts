// The checks of catalogues.test.ts for the administration area, which is loaded on demand.
import { beforeAll, describe, expect, it } from "vitest";
import { loadAdministration } from "./administration";
import { catalogues, LANGUAGES } from "./catalogues";
import { translate } from "./index";
import type { Message } from "./types";

const placeholders = (m: Message) => [...new Set((typeof m === "string" ? m : m.other).match(/\{\w+\}/g) ?? [])].sort();

describe("administration catalogue", () => {
  beforeAll(loadAdministration);

  it("is empty until loaded, then complete", () => {
    expect(Object.keys(catalogues.en.administration).length).toBeGreaterThan(100);
    expect(translate("fr", "administration.users.title")).toBe("Utilisateurs");
  });

  it.each(LANGUAGES)("%s has exactly the English keys, none empty, placeholders kept", (lang) => {
    const en = catalogues.en.administration as Record<string, Message>;
    const other = catalogues[lang].administration as Record<string, Message>;
    expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
    for (const [key, message] of Object.entries(en)) {
      const translated = other[key]!;
      expect(typeof translated, key).toBe(typeof message);
      const texts = typeof translated === "string" ? [translated] : Object.values(translated);
      for (const text of texts) expect(text.trim(), `${lang} ${key}`).not.toBe("");
      expect(placeholders(translated), `${lang} ${key}`).toEqual(placeholders(message));
    }
  });
});
