import { render } from "svelte/server";
import { describe, expect, it } from "vitest";
import Checkbox from "./Checkbox.svelte";
import ErrorSummary from "./ErrorSummary.svelte";
import RadioGroup from "./RadioGroup.svelte";
import TextField from "./TextField.svelte";

describe("form fields", () => {
  it("ties a text field's label, hint and error to its input", () => {
    const { body } = render(TextField, {
      props: { id: "email", label: "Email address", hint: "We send a link", error: "Enter an email address", required: true },
    });
    expect(body).toContain('<label class="label" for="email">');
    expect(body).toContain('id="email-hint"');
    expect(body).toContain('id="email-error"');
    expect(body).toContain('aria-invalid="true"');
    expect(body).toContain('aria-describedby="email-hint email-error"');
    expect(body).not.toContain("(optional)");
  });

  it("marks an optional field and leaves a valid one unflagged", () => {
    const { body } = render(TextField, { props: { id: "organisation", label: "Organisation" } });
    expect(body).toContain("(optional)");
    expect(body).not.toContain("aria-invalid");
    expect(body).not.toContain("aria-describedby");
  });

  it("puts a choice in a fieldset with a legend, the first radio carrying the id", () => {
    const { body } = render(RadioGroup, {
      props: {
        id: "publication",
        legend: "Who may read your comment?",
        options: [
          { value: "public_named", label: "Public, named" },
          { value: "confidential", label: "Confidential", hint: "Only the agency" },
        ],
        error: "Choose one",
      },
    });
    expect(body).toMatch(/<fieldset[^>]*aria-describedby="publication-error"/);
    expect(body).toContain('<legend class="legend">Who may read your comment?</legend>');
    expect(body).toContain('id="publication"');
    expect(body).toContain('id="publication-confidential"');
    expect(body).toContain('id="publication-confidential-hint"');
  });

  it("labels a checkbox", () => {
    const { body } = render(Checkbox, { props: { id: "consent", label: "I agree" } });
    expect(body).toContain('type="checkbox"');
    expect(body).toContain('<label class="choice__label" for="consent">I agree</label>');
  });
});

describe("error summary", () => {
  it("is an alert that links each line to its field", () => {
    const { body } = render(ErrorSummary, {
      props: {
        items: [
          { field: "body", message: "Enter your comment" },
          { field: null, message: "The consultation is closed" },
        ],
      },
    });
    expect(body).toContain('role="alert"');
    expect(body).toContain("There is a problem");
    expect(body).toContain('<a href="#body">Enter your comment</a>');
    expect(body).toContain("The consultation is closed");
  });

  it("shows nothing without errors", () => {
    expect(render(ErrorSummary, { props: { items: [] } }).body).not.toContain("error-summary");
  });
});
