import { afterEach, describe, expect, it, vi } from "vitest";
import { loadSession, session } from "./session.svelte";

const user = { id: "u1", email: "a@example.org", role: "stakeholder" };

afterEach(() => {
  vi.unstubAllGlobals();
  session.user = null;
  session.ready = false;
});

describe("loadSession", () => {
  it("asks nothing of the server without the session's CSRF cookie: nobody is signed in", async () => {
    const fetch = vi.fn();
    vi.stubGlobal("fetch", fetch);
    vi.stubGlobal("document", { cookie: "other=1" });
    await loadSession();
    expect(fetch).not.toHaveBeenCalled();
    expect(session.user).toBeNull();
    expect(session.ready).toBe(true);
  });

  it("asks GET /me when the browser holds a session", async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify(user), { headers: { "Content-Type": "application/json" } }));
    vi.stubGlobal("fetch", fetch);
    vi.stubGlobal("document", { cookie: "consult_csrf=tok" });
    await loadSession();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(String((fetch.mock.calls[0] as unknown[])[0])).toMatch(/\/api\/v1\/me$/);
    expect(session.user?.id).toBe("u1");
    expect(session.ready).toBe(true);
  });
});
