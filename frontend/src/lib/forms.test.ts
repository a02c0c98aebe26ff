import { describe, expect, it } from "vitest";
import { ApiError } from "./api";
import { errorMessage, formErrors } from "./forms";

const invalid = new ApiError({
  status: 422,
  code: "validation_failed",
  title: "Validation failed",
  detail: "The request has 2 problems",
  errors: [
    { field: "body", message: "must not be empty" },
    { field: "quote.exact", message: "must occur in the clause" },
    { field: "language", message: "unknown" },
  ],
});

describe("formErrors", () => {
  it("puts field errors on the form's fields, the others in the summary with their name", () => {
    const errors = formErrors(invalid, ["body", "publication"], { "quote.exact": "quote" });
    expect(errors.fields).toEqual({ body: "must not be empty", quote: "must occur in the clause" });
    expect(errors.summary).toEqual([
      { field: "body", message: "must not be empty" },
      { field: "quote", message: "must occur in the clause" },
      { field: null, message: "language: unknown" },
    ]);
  });

  it("shows the detail of an error without fields", () => {
    const closed = new ApiError({ status: 409, code: "consultation_not_open", title: "Conflict", detail: "The window has closed" });
    expect(formErrors(closed, ["body"]).summary).toEqual([{ field: null, message: "The window has closed" }]);
  });
});

describe("errorMessage", () => {
  it.each([
    [new ApiError({ status: 0, code: "network_error", title: "Network error" }), "The server cannot be reached. Check your connection and try again."],
    [new ApiError({ status: 429, code: "rate_limited", title: "Too many", retryAfter: 30 }), "Too many attempts. Try again in 30 seconds."],
    [new ApiError({ status: 404, code: "not_found", title: "Not found", detail: "No such consultation" }), "No such consultation"],
    [new Error("boom"), "Something went wrong. Please try again."],
  ])("%s", (err, text) => {
    expect(errorMessage(err)).toBe(text);
  });
});
