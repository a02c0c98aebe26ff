import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError, getMe, login, submitComment } from "./api";

interface Call {
  url: string;
  init: RequestInit;
}

function problem(status: number, body: object, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/problem+json", ...headers },
  });
}

function ok(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** Installs a fake fetch answering the given responses in order, and records the calls. */
function fakeFetch(...answers: Response[]): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error(`unexpected call to ${url}`);
    return next;
  });
  return calls;
}

const header = (call: Call | undefined, name: string) => (call?.init.headers as Record<string, string>)[name];

beforeEach(() => {
  vi.stubGlobal("document", { cookie: "other=1; consult_csrf=tok%2Fen; x=y" });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("errors", () => {
  it("parses problem+json: status, code, title, detail, field errors", async () => {
    fakeFetch(
      problem(422, {
        type: "urn:consult:problem:validation_failed",
        title: "Validation failed",
        status: 422,
        code: "validation_failed",
        detail: "2 fields are wrong",
        errors: [
          { field: "body", message: "must not be empty" },
          { field: "publication", message: "must be one of …" },
          { nonsense: true },
        ],
      }),
    );
    const err = await submitComment("c1", { comment_type: "general", body: "", publication: "public_named" }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.status).toBe(422);
    expect(e.code).toBe("validation_failed");
    expect(e.title).toBe("Validation failed");
    expect(e.detail).toBe("2 fields are wrong");
    expect(e.errors).toEqual([
      { field: "body", message: "must not be empty" },
      { field: "publication", message: "must be one of …" },
    ]);
    expect(e.retryAfter).toBeNull();
  });

  it("reads Retry-After of a 429", async () => {
    fakeFetch(problem(429, { title: "Too many", status: 429, code: "rate_limited" }, { "Retry-After": "42" }));
    const e = (await login("a@example.org", "x").catch((e: unknown) => e)) as ApiError;
    expect(e.code).toBe("rate_limited");
    expect(e.retryAfter).toBe(42);
  });

  it("keeps the status of an answer that is not problem+json", async () => {
    fakeFetch(new Response("<html>", { status: 502, statusText: "Bad Gateway", headers: { "Content-Type": "text/html" } }));
    const e = (await getMe().catch((e: unknown) => e)) as ApiError;
    expect(e.status).toBe(502);
    expect(e.code).toBe("http_502");
    expect(e.title).toBe("Bad Gateway");
  });

  it("turns a network failure into status 0", async () => {
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    const e = (await getMe().catch((e: unknown) => e)) as ApiError;
    expect(e.status).toBe(0);
    expect(e.code).toBe("network_error");
  });
});

describe("CSRF", () => {
  it("sends the consult_csrf cookie as X-CSRF-Token on unsafe requests only", async () => {
    const calls = fakeFetch(ok({ id: "x" }, 201), ok({ id: "u" }));
    await submitComment("c1", { comment_type: "general", body: "b", publication: "confidential" }, "key-1");
    await getMe();
    expect(calls[0]?.url).toBe("/api/v1/consultations/c1/comments");
    expect(calls[0]?.init.method).toBe("POST");
    expect(header(calls[0], "X-CSRF-Token")).toBe("tok/en");
    expect(header(calls[0], "Idempotency-Key")).toBe("key-1");
    expect(header(calls[0], "Content-Type")).toBe("application/json");
    expect(calls[0]?.init.credentials).toBe("same-origin");
    expect(header(calls[1], "X-CSRF-Token")).toBeUndefined();
  });
});

describe("refresh", () => {
  it("refreshes once after a 401 and retries the call once", async () => {
    const calls = fakeFetch(
      problem(401, { title: "Unauthenticated", status: 401, code: "unauthenticated" }),
      ok({ access_token: "a" }),
      ok({ id: "u1" }),
    );
    const me = await getMe();
    expect(me.id).toBe("u1");
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      "GET /api/v1/me",
      "POST /api/v1/auth/refresh",
      "GET /api/v1/me",
    ]);
    expect(header(calls[1], "X-CSRF-Token")).toBe("tok/en");
  });

  it("gives up with the 401 when the refresh fails", async () => {
    const calls = fakeFetch(
      problem(401, { title: "Unauthenticated", status: 401, code: "unauthenticated" }),
      problem(401, { title: "Unauthenticated", status: 401, code: "unauthenticated" }),
    );
    const e = (await getMe().catch((e: unknown) => e)) as ApiError;
    expect(e.status).toBe(401);
    expect(calls).toHaveLength(2);
  });

  it("does not refresh without a session cookie", async () => {
    vi.stubGlobal("document", { cookie: "" });
    const calls = fakeFetch(problem(401, { title: "Unauthenticated", status: 401, code: "unauthenticated" }));
    const e = (await getMe().catch((e: unknown) => e)) as ApiError;
    expect(e.status).toBe(401);
    expect(calls).toHaveLength(1);
  });

  it("does not refresh after a failed sign-in", async () => {
    const calls = fakeFetch(problem(401, { title: "Unauthenticated", status: 401, code: "unauthenticated" }));
    const e = (await login("a@example.org", "wrong").catch((e: unknown) => e)) as ApiError;
    expect(e.code).toBe("unauthenticated");
    expect(calls).toHaveLength(1);
  });
});
