// Shared by the form field components.

/** One entry of a Select: its value, its label and, for names in other languages, their lang. */
export interface Option {
  value: string;
  label: string;
  lang?: string;
}

/** The aria-describedby of a field with this id, hint and error (undefined when it has neither). */
export function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}
