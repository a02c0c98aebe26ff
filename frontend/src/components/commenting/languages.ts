// The languages a comment may be written in: the 24 official languages of the EU, named in the
// language of the page.
import { intlLocale, locale } from "../../lib/i18n";

export const COMMENT_LANGUAGES: readonly string[] =
  "bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv".split(" ");

/** The name of a language code in the page's language (the code itself when unknown). */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([intlLocale(locale.lang)], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The languages as options of a select, sorted by name. */
export function languageOptions(): { value: string; label: string }[] {
  const collator = new Intl.Collator(locale.lang);
  return COMMENT_LANGUAGES.map((value) => ({ value, label: languageName(value) })).sort((a, b) =>
    collator.compare(a.label, b.label),
  );
}
