// The problems of a refused comment template, one per row and column, from the 422's errors:
// the server names them "row 4, Type of comment" (a cell the template rules refuse) or
// "row 4: body" (a comment rule; the field is told by its template column).
import type { FieldError } from "../../lib/api";

export interface ImportProblem {
  /** The line of the file (the header is row 1); null for a problem with the whole file. */
  row: number | null;
  column: string;
  message: string;
}

const COLUMNS: Record<string, string> = {
  clause_id: "Clause",
  paragraph_ref: "Paragraph/Figure/Table",
  comment_type: "Type of comment",
  body: "Comment",
  proposed_change: "Proposed change",
  publication: "Publication",
};

/** Each field error as a row, a column and a message, in the order the server gave them. */
export function importProblems(errors: readonly FieldError[]): ImportProblem[] {
  return errors.map(({ field, message }) => {
    const m = /^row (\d+)(?:(?:, |: )(.*))?$/.exec(field);
    if (!m) return { row: null, column: field === "file" ? "" : field, message };
    const column = m[2] ?? "";
    return { row: Number(m[1]), column: COLUMNS[column] ?? column, message };
  });
}
