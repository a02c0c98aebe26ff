import { describe, expect, it } from "vitest";
import { createMatcher, routeComponent } from "./router";
import { routes } from "../routes";

const match = createMatcher(
  [
    { pattern: "/", component: "home" },
    { pattern: "/consultations/:id", component: "consultation" },
    { pattern: "/consultations/:id/comments", component: "comments" },
    { pattern: "/comments/:id", component: "comment" },
  ],
  "not-found",
);
const at = (path: string) => match(new URL(path, "https://consult.example"));

describe("router", () => {
  it.each([
    ["/", "home", {}],
    ["/consultations/abc", "consultation", { id: "abc" }],
    ["/consultations/abc/", "consultation", { id: "abc" }],
    ["/consultations/abc/comments", "comments", { id: "abc" }],
    ["/comments/a%20b", "comment", { id: "a b" }],
    ["/consultations", "not-found", {}],
    ["/consultations/abc/other", "not-found", {}],
    ["/nowhere", "not-found", {}],
  ])("%s is %s", async (path, component, params) => {
    const m = at(path);
    expect(await routeComponent(m.route)).toBe(component);
    expect(m.params).toEqual(params);
  });

  it("fetches a page that loads on demand", async () => {
    const lazy = createMatcher([{ pattern: "/staff", load: async () => ({ default: "staff" }) }], "not-found");
    expect(await routeComponent(lazy(new URL("https://consult.example/staff")).route)).toBe("staff");
  });

  it("passes the query and the fragment", () => {
    const m = at("/consultations/x?clause=c9#token=abc");
    expect(m.query.get("clause")).toBe("c9");
    expect(m.hash).toBe("token=abc");
  });

  it("registers every page of the issue", () => {
    expect(routes.map((r) => r.pattern)).toEqual([
      "/",
      "/consultations/:id",
      "/consultations/:id/comments",
      "/consultations/:id/comment",
      "/comments/:id",
      "/register",
      "/verify-email",
      "/sign-in",
      "/password-reset",
      "/profile",
      "/me/comments",
      "/staff",
      "/staff/moderation",
      "/staff/consultations/:id/dispositions",
    ]);
  });

  it("loads every staff page on demand, so public visitors never download it", () => {
    const staff = routes.filter((r) => r.pattern.startsWith("/staff"));
    expect(staff.length).toBeGreaterThan(0);
    for (const r of staff) expect("load" in r, r.pattern).toBe(true);
  });
});
