// All catalogues, typed from the English one: a language missing an area or a key fails the build.
import de from "./de";
import en from "./en";
import fr from "./fr";
import type { Translation } from "./types";

export const LANGUAGES = ["en", "fr", "de"] as const;
export type Lang = (typeof LANGUAGES)[number];

type English = typeof en;
export type Area = keyof English;
export type Catalogue = { [A in Area]: Translation<English[A]> };

/** Every key t() knows: "<area>.<key>", e.g. "home.title". */
export type MessageKey = { [A in Area]: `${A}.${keyof English[A] & string}` }[Area];

export const catalogues: Record<Lang, Catalogue> = { en, fr, de };

/** Each language's name in itself, for the language switcher. */
export const LANGUAGE_NAMES: Record<Lang, string> = { en: "English", fr: "Français", de: "Deutsch" };
