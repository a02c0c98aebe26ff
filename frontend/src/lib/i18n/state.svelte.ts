// The current language, as Svelte state so that every text re-renders when it changes.
import { LANGUAGES, type Lang } from "./catalogues";

const STORAGE_KEY = "consult.lang";

function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** The saved choice, else the first of the browser's languages we have, else English. */
export function initialLanguage(saved: string | null, preferred: readonly string[]): Lang {
  if (isLang(saved)) return saved;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split("-")[0];
    if (isLang(base)) return base;
  }
  return "en";
}

function readSaved(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null; // storage disabled: follow the browser
  }
}

export const locale = $state<{ lang: Lang }>({
  lang: initialLanguage(readSaved(), globalThis.navigator?.languages ?? []),
});

/** Keeps <html lang> in step with the current language. */
export function syncDocumentLanguage(): void {
  if (typeof document !== "undefined") document.documentElement.lang = locale.lang;
}

/** Switches the language and remembers the choice. */
export function setLanguage(lang: Lang): void {
  locale.lang = lang;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
  syncDocumentLanguage();
}
