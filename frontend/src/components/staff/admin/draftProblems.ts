// The server's objections to a draft as sentences for a person: a problem of a line says which
// line, a problem of another field names the field.
import { ApiError, type FieldError } from "../../../lib/api";
import { errorMessage } from "../../../lib/forms";
import { t } from "../../../lib/i18n";

/** Whether a field error is about the draft itself: one of its lines, or the uploaded file. */
export const isDraftField = (field: string): boolean => field.startsWith("markdown") || field === "file";

/** A field error of the draft as a sentence: "Line 5: …" when it names a line. */
export function draftMessage(e: FieldError): string {
  const m = /^markdown:line (\d+)$/.exec(e.field);
  return m ? t("administration.import.line_error", { line: Number(m[1]), message: e.message }) : e.message;
}

/** Every problem of a failed dry run; labels names the form's other fields (title, version_label). */
export function previewProblems(err: unknown, labels: Record<string, string>): string[] {
  if (!(err instanceof ApiError) || err.errors.length === 0) return [errorMessage(err)];
  return err.errors.map((e) => (isDraftField(e.field) ? draftMessage(e) : `${labels[e.field] ?? e.field}: ${e.message}`));
}
