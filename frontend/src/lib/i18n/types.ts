// The shapes of the message catalogues. English is the reference: every other language is typed
// from it, so a missing or extra key is a type error.

/** The forms of a message that depends on a number, chosen by Intl.PluralRules. */
export interface PluralForms {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

export type Message = string | PluralForms;

/** One area's messages (common, home, …): flat keys, which may contain dots. */
export type AreaMessages = Record<string, Message>;

/** What a translation of the English area T must hold: its keys exactly, plural forms where T has them. */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : PluralForms };
