import { describe, expect, it } from "vitest";
import { catalogues, LANGUAGES } from "./catalogues";
import type { Message } from "./types";
import "./staff"; // the staff console's areas, loaded on demand in the app

function shape(catalogue: object): string[] {
  return Object.entries(catalogue).flatMap(([area, messages]) =>
    Object.entries(messages as Record<string, Message>).map(([key, message]) =>
      typeof message === "string" ? `${area}.${key}` : `${area}.${key} (plural)`,
    ),
  );
}

describe("catalogues", () => {
  const english = shape(catalogues.en).sort();

  it.each(LANGUAGES.filter((l) => l !== "en"))("%s has exactly the English keys", (lang) => {
    expect(shape(catalogues[lang]).sort()).toEqual(english);
  });

  it.each(LANGUAGES)("%s has no empty message", (lang) => {
    for (const messages of Object.values(catalogues[lang])) {
      for (const message of Object.values(messages as Record<string, Message>)) {
        const texts = typeof message === "string" ? [message] : Object.values(message);
        for (const text of texts) expect(text.trim()).not.toBe("");
      }
    }
  });

  it.each(LANGUAGES)("%s keeps the English placeholders", (lang) => {
    const placeholders = (m: Message) =>
      [...new Set((typeof m === "string" ? m : m.other).match(/\{\w+\}/g) ?? [])].sort();
    for (const [area, messages] of Object.entries(catalogues.en)) {
      for (const [key, message] of Object.entries(messages as Record<string, Message>)) {
        const translated = (catalogues[lang] as Record<string, Record<string, Message>>)[area]?.[key];
        expect(translated, `${lang} ${area}.${key}`).toBeDefined();
        expect(placeholders(translated as Message), `${lang} ${area}.${key}`).toEqual(placeholders(message));
      }
    }
  });
});
