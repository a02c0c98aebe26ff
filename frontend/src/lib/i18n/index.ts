// Translation and formatting: t() with {name} placeholders and plural forms, numbers, dates in
// Brussels time with the zone named, enum labels and country names.
import { catalogues, type Lang, type MessageKey } from "./catalogues";
import { locale } from "./state.svelte";
import type { Message } from "./types";

export { LANGUAGES, LANGUAGE_NAMES, type Lang, type MessageKey } from "./catalogues";
export { locale, setLanguage, syncDocumentLanguage } from "./state.svelte";

/** Every date and time is shown in the consultation's zone. */
export const TIME_ZONE = "Europe/Brussels";

/** The Intl locale of a language (English in its European form). */
export function intlLocale(lang: Lang = locale.lang): string {
  return lang === "en" ? "en-GB" : lang;
}

export type Params = Record<string, string | number>;

function lookup(lang: Lang, key: string): Message | undefined {
  const dot = key.indexOf(".");
  const area = catalogues[lang][key.slice(0, dot) as keyof (typeof catalogues)[Lang]] as
    | Record<string, Message>
    | undefined;
  return area?.[key.slice(dot + 1)];
}

/** Formats a number in the current language. */
export function formatNumber(n: number, lang: Lang = locale.lang): string {
  return new Intl.NumberFormat(intlLocale(lang)).format(n);
}

/**
 * The message of key in the current language (English when missing), with {name} placeholders
 * filled from params. A plural message picks its form by params.count through Intl.PluralRules;
 * numbers in params are formatted for the language.
 */
export function translate(lang: Lang, key: MessageKey, params: Params = {}): string {
  const message = lookup(lang, key) ?? lookup("en", key) ?? key;
  let text: string;
  if (typeof message === "string") {
    text = message;
  } else {
    const count = Number(params["count"] ?? 0);
    const form = new Intl.PluralRules(intlLocale(lang)).select(count);
    text = message[form] ?? message.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? formatNumber(value, lang) : value;
  });
}

/** The message of key in the current language; reactive in components. */
export function t(key: MessageKey, params?: Params): string {
  return translate(locale.lang, key, params);
}

type Enum = "consultation_status" | "stakeholder_type" | "comment_type" | "publication" | "comment_status" | "resolution";

/** The label of an API enumeration value, e.g. enumLabel("resolution", "noted"); the value itself when unknown. */
export function enumLabel(kind: Enum, value: string): string {
  const key = `enums.${kind}.${value}` as MessageKey;
  return lookup(locale.lang, key) || lookup("en", key) ? t(key) : value;
}

/**
 * A date and time in Brussels with the zone named, e.g. "1 March 2027, 12:00 CET" (English),
 * "1 mars 2027, 12:00 UTC+1" (French), "1. März 2027, 12:00 MEZ" (German).
 */
export function formatDateTime(iso: string | Date, lang: Lang = locale.lang): string {
  const date = typeof iso === "string" ? new Date(iso) : iso;
  const loc = intlLocale(lang);
  const day = new Intl.DateTimeFormat(loc, { timeZone: TIME_ZONE, day: "numeric", month: "long", year: "numeric" });
  const time = new Intl.DateTimeFormat(loc, {
    timeZone: TIME_ZONE,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  });
  return `${day.format(date)}, ${time.format(date)}`;
}

/** A date alone in Brussels, e.g. "1 March 2027". */
export function formatDate(iso: string | Date, lang: Lang = locale.lang): string {
  const date = typeof iso === "string" ? new Date(iso) : iso;
  return new Intl.DateTimeFormat(intlLocale(lang), {
    timeZone: TIME_ZONE,
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(date);
}

/** The name of an ISO 3166-1 alpha-2 country code in the current language. */
export function countryName(code: string, lang: Lang = locale.lang): string {
  try {
    return new Intl.DisplayNames([intlLocale(lang)], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}
