import { beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "../../../lib/api";
import { loadAdministration } from "../../../lib/i18n/administration";
import { previewProblems } from "./draftProblems";

const invalid = (errors: { field: string; message: string }[]) =>
  new ApiError({ status: 422, code: "validation_failed", title: "Unprocessable", detail: "the draft cannot be turned into clauses", errors });

describe("previewProblems", () => {
  beforeAll(loadAdministration);

  it("says which line a problem is on, and names the other fields", () => {
    const err = invalid([
      { field: "version_label", message: "is required" },
      { field: "markdown:line 5", message: "clause number 1 is used twice, at lines 1 and 5" },
      { field: "markdown", message: "the draft has no headings" },
    ]);
    expect(previewProblems(err, { version_label: "Version" })).toEqual([
      "Version: is required",
      "Line 5: clause number 1 is used twice, at lines 1 and 5",
      "the draft has no headings",
    ]);
  });

  it("falls back to the problem's detail when it names no field", () => {
    const err = new ApiError({ status: 409, code: "conflict", title: "Conflict", detail: "this scheme already has a document with version label 1.0" });
    expect(previewProblems(err, {})).toEqual(["this scheme already has a document with version label 1.0"]);
  });
});
