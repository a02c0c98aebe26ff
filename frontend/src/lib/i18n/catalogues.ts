// All catalogues, typed from the English one: a language missing an area or a key fails the build.
import de from "./de";
import en from "./en";
import fr from "./fr";
import type enModeration from "./en/moderation";
import type enStaff from "./en/staff";
import type { Translation } from "./types";

export const LANGUAGES = ["en", "fr", "de"] as const;
export type Lang = (typeof LANGUAGES)[number];

/** The staff console's areas: not in the entry chunk but added by ./staff when a staff page
 * loads, so that public visitors never download them. */
type OnDemand = { staff: typeof enStaff; moderation: typeof enModeration };
type English = typeof en & OnDemand;
export type Area = keyof English;
type Translated<T> = { [A in keyof T]: Translation<T[A]> };
export type Catalogue = Translated<typeof en> & Partial<Translated<OnDemand>>;

/** Every key t() knows: "<area>.<key>", e.g. "home.title". */
export type MessageKey = { [A in Area]: `${A}.${keyof English[A] & string}` }[Area];

export const catalogues: Record<Lang, Catalogue> = { en, fr, de };

/** Each language's name in itself, for the language switcher. */
export const LANGUAGE_NAMES: Record<Lang, string> = { en: "English", fr: "Français", de: "Deutsch" };
