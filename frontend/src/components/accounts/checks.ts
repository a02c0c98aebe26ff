// The account forms' own checks, made before anything is sent so their messages are in the
// reader's language, and the mapping of the server's field errors onto the forms.
import { formErrors, type FormErrors } from "../../lib/forms";
import { t } from "../../lib/i18n";

/** The bounds of a new password (README, "Passwords"); the server also refuses common ones. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/** A form's values by field id. */
export type Values = Record<string, string>;

/** One rule of a form: the field it checks and the message when the value fails it. */
export interface Rule {
  field: string;
  problem: (value: string) => string | null;
}

/** Fails an empty (or blank) value. */
export function required(field: string, message: string): Rule {
  return { field, problem: (v) => (v.trim() === "" ? message : null) };
}

/** Fails an empty value or one that cannot be an email address. */
export function email(field: string): Rule {
  return {
    field,
    problem: (v) => {
      if (v.trim() === "") return t("accounts.error.email_missing");
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) ? null : t("accounts.error.email_invalid");
    },
  };
}

/** Fails a new password outside the length bounds (counted in characters, as the server does). */
export function newPassword(field: string): Rule {
  return {
    field,
    problem: (v) => {
      const length = [...v].length;
      if (length === 0) return t("accounts.error.password_missing");
      if (length < PASSWORD_MIN) return t("accounts.error.password_short", { count: PASSWORD_MIN });
      if (length > PASSWORD_MAX) return t("accounts.error.password_long", { count: PASSWORD_MAX });
      return null;
    },
  };
}

/** The errors of values under rules, in the rules' order (one per field), or null when all pass. */
export function check(values: Values, rules: Rule[]): FormErrors | null {
  const fields: Record<string, string> = {};
  const summary: FormErrors["summary"] = [];
  for (const rule of rules) {
    if (rule.field in fields) continue;
    const message = rule.problem(values[rule.field] ?? "");
    if (message) {
      fields[rule.field] = message;
      summary.push({ field: rule.field, message });
    }
  }
  return summary.length > 0 ? { summary, fields } : null;
}

/**
 * A failed call on a form: like formErrors (labels are keyed by the form's input ids, fieldIds
 * maps API field names to other ids), but each summary line about a field starts with the
 * field's label, since the server's messages ("is required") name no field.
 */
export function serverErrors(err: unknown, labels: Record<string, string>, fieldIds: Record<string, string> = {}): FormErrors {
  const errors = formErrors(err, Object.keys(labels), fieldIds);
  return {
    fields: errors.fields,
    summary: errors.summary.map((item) =>
      item.field && labels[item.field] ? { ...item, message: `${labels[item.field]}: ${item.message}` } : item,
    ),
  };
}

/**
 * Where to go after signing in: next when it is a path of this site (one leading slash, no
 * scheme, no host, no backslash), else the home page.
 */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return "/";
  try {
    const url = new URL(next, "http://app.invalid");
    if (url.origin !== "http://app.invalid") return "/";
    return url.pathname + url.search + url.hash;
  } catch {
    return "/";
  }
}

/** The profile fields a form edits, by their API names. */
export interface ProfileValues {
  display_name: string;
  organisation: string;
  stakeholder_type: string;
  country: string;
  transparency_register_id: string;
  language: string;
}

/** The rules of the profile fields. */
export function profileRules(): Rule[] {
  return [
    required("display_name", t("accounts.error.display_name_missing")),
    required("stakeholder_type", t("accounts.error.stakeholder_type_missing")),
    required("country", t("accounts.error.country_missing")),
  ];
}

/** The ids of the profile inputs that are not the API's field names. */
export const profileFieldIds: Record<string, string> = { language: "profile_language" };

/** The labels of the profile fields by input id, for the error summary. */
export function profileLabels(): Record<string, string> {
  return {
    display_name: t("accounts.field.display_name"),
    organisation: t("accounts.field.organisation"),
    stakeholder_type: t("accounts.field.stakeholder_type_short"),
    country: t("accounts.field.country"),
    transparency_register_id: t("accounts.field.transparency_register_id"),
    profile_language: t("accounts.field.language"),
  };
}
