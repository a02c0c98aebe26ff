import { describe, expect, it } from "vitest";
import { ApiError } from "../../lib/api";
import { check, email, newPassword, required, safeNext, serverErrors } from "./checks";
import { tokenOf } from "./token";

describe("safeNext", () => {
  it.each([
    ["/profile", "/profile"],
    ["/consultations/1/comment?clause=2#x", "/consultations/1/comment?clause=2#x"],
    [null, "/"],
    ["", "/"],
    ["profile", "/"],
    ["https://evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example", "/"],
    ["/\t/evil.example", "/"],
    ["javascript:alert(1)", "/"],
  ])("%s → %s", (next, want) => {
    expect(safeNext(next)).toBe(want);
  });
});

describe("check", () => {
  const rules = [email("email"), newPassword("password"), required("display_name", "Enter your name")];

  it("passes good values", () => {
    expect(check({ email: "ana@example.org", password: "correct horse battery", display_name: "Ana" }, rules)).toBeNull();
  });

  it("lists each failing field once, in the rules' order, with a message", () => {
    const errors = check({ email: "not-an-address", password: "short", display_name: "  " }, rules);
    expect(errors?.summary.map((s) => s.field)).toEqual(["email", "password", "display_name"]);
    expect(errors?.fields["display_name"]).toBe("Enter your name");
    expect(errors?.fields["password"]).toMatch(/12/);
  });

  it("counts a password's length in characters, not UTF-16 units", () => {
    expect(check({ password: "😀".repeat(12) }, [newPassword("password")])).toBeNull();
    expect(check({ password: "x".repeat(129) }, [newPassword("password")])?.fields["password"]).toMatch(/128/);
  });
});

describe("serverErrors", () => {
  it("names the field in the summary and keeps the bare message on the field", () => {
    const err = new ApiError({
      status: 422,
      code: "validation_failed",
      title: "Validation failed",
      errors: [{ field: "password", message: "This password is too common" }],
    });
    const errors = serverErrors(err, { password: "Password" });
    expect(errors.summary).toEqual([{ field: "password", message: "Password: This password is too common" }]);
    expect(errors.fields).toEqual({ password: "This password is too common" });
  });
});

describe("tokenOf", () => {
  it.each([
    ["token=abc-_1", "abc-_1"],
    ["#token=abc", "abc"],
    ["", ""],
    ["other=1", ""],
  ])("%s → %s", (hash, want) => {
    expect(tokenOf(hash)).toBe(want);
  });
});
