// Turning a failed call into what a form shows: the error summary's lines (each linking to its
// field) and each field's inline message. The API names fields as in its JSON ("body",
// "quote.exact"); forms give their inputs those ids, or map them with fieldIds.
import { ApiError } from "./api";
import { t } from "./i18n";

export interface SummaryItem {
  /** The id of the input the line links to; null for an error about the whole form. */
  field: string | null;
  message: string;
}

export interface FormErrors {
  summary: SummaryItem[];
  fields: Record<string, string>;
}

export const noErrors: FormErrors = { summary: [], fields: {} };

/** The message of a failure for a person: the problem's detail, else a plain sentence. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return t("common.error.network");
    if (err.status === 429 && err.retryAfter) return t("common.error.retry_after", { count: err.retryAfter });
    return err.detail || err.title || t("common.error.generic");
  }
  return t("common.error.generic");
}

/**
 * Maps a failure onto a form: each API field error to the input whose id is fieldIds[field] (or
 * the field name itself when the form has it), the rest and the detail to the summary.
 */
export function formErrors(err: unknown, known: readonly string[], fieldIds: Record<string, string> = {}): FormErrors {
  const summary: SummaryItem[] = [];
  const fields: Record<string, string> = {};
  const apiFields = err instanceof ApiError ? err.errors : [];
  for (const { field, message } of apiFields) {
    const id = fieldIds[field] ?? (known.includes(field) ? field : null);
    if (id && !(id in fields)) fields[id] = message;
    summary.push({ field: id, message: id ? message : `${field}: ${message}` });
  }
  if (summary.length === 0) summary.push({ field: null, message: errorMessage(err) });
  return { summary, fields };
}
