// @ts-check
// Test data through the real API: staff accounts, a scheme with an open consultation, verified
// stakeholders, and browser sessions.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { outboxLink } from './outbox.mjs';
import { repoRoot, runConsult } from './server.mjs';

/** @typedef {import('./server.mjs').Server} Server */

/**
 * Signed-in account.
 * @typedef {object} Account
 * @property {string} email
 * @property {string} password
 * @property {string} token  a bearer access token (valid 15 minutes)
 * @property {Record<string, any>} user  the user as POST /auth/login returns it
 */

/** The draft the consultations of the tests comment on (its headings become numbered clauses). */
export const sampleDraft = path.join(repoRoot, 'internal', 'demo', 'drafts', 'iot-v1.0.md');

/**
 * Calls the API and returns its JSON answer (null for an empty one). Fails, naming the problem
 * the server sent, when the status is not the expected one.
 * @param {Server} server
 * @param {string} method
 * @param {string} apiPath under /api/v1, e.g. '/schemes'
 * @param {{token?: string, body?: unknown, expect?: number}} [options] expect: the status
 *   (default: any 2xx)
 * @returns {Promise<any>}
 */
export async function api(server, method, apiPath, { token, body, expect } = {}) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  for (let attempt = 1; ; attempt++) {
    res = await fetch(`${server.baseURL}/api/v1${apiPath}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status !== 503 || expect === 503 || attempt >= busyTries) break;
    await res.arrayBuffer();
    await waitRetryAfter(res.headers.get('Retry-After'));
  }
  const text = await res.text();
  const ok = expect === undefined ? res.ok : res.status === expect;
  if (!ok) throw new Error(`${method} ${apiPath}: ${res.status}, expected ${expect ?? '2xx'}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/**
 * Signs in through POST /auth/login.
 * @param {Server} server
 * @param {string} email
 * @param {string} password
 * @returns {Promise<Account>}
 */
export async function login(server, email, password) {
  const res = await api(server, 'POST', '/auth/login', { body: { email, password }, expect: 200 });
  return { email, password, token: res.access_token, user: res.user };
}

/**
 * Creates a staff account with `consult users create` and signs it in.
 * @param {Server} server
 * @param {{role?: 'moderator' | 'admin', email?: string, name?: string}} [options] role:
 *   moderator by default
 * @returns {Promise<Account>}
 */
export async function staffToken(server, { role = 'moderator', email, name = 'E2E Staff' } = {}) {
  const address = email ?? `${role}-${unique()}@example.org`;
  const password = `staff ${unique()} lantern orchard`;
  await runConsult(server.env, ['users', 'create', '--email', address, '--name', name, '--role', role], {
    stdin: `${password}\n`,
    logPath: server.logPath,
  });
  return login(server, address, password);
}

/**
 * An open consultation and what it belongs to.
 * @typedef {object} Consultation
 * @property {string} schemeSlug
 * @property {string} documentId
 * @property {string} consultationId
 * @property {any[]} clauses  the document's clause tree ({id, number, heading, body, children})
 */

/**
 * Creates, as staff, a scheme, a draft document from Markdown and a consultation open from a
 * minute ago for 30 days (or for closesInMs from now, to reach its closing within a test).
 * @param {Server} server
 * @param {string} token a moderator's bearer token (staffToken)
 * @param {{slug?: string, title?: string, markdownFile?: string, markdown?: string, closesInMs?: number}} [options]
 *   the draft: markdown, else the file markdownFile (default sampleDraft); closesInMs: the window
 *   closes that long from now (default 30 days)
 * @returns {Promise<Consultation>}
 */
export async function openConsultation(server, token, options = {}) {
  const slug = options.slug ?? `e2e-${unique()}`;
  const title = options.title ?? 'End-to-end test scheme';
  const markdown = options.markdown ?? (await readFile(options.markdownFile ?? sampleDraft, 'utf8'));
  await api(server, 'POST', '/schemes', { token, body: { slug, title, summary: 'A scheme made by the browser tests.' }, expect: 201 });
  const doc = await api(server, 'POST', `/schemes/${slug}/documents`, {
    token,
    body: { title: `${title}: draft`, version_label: '1.0', markdown },
    expect: 201,
  });
  const now = Date.now();
  const consultation = await api(server, 'POST', '/consultations', {
    token,
    body: {
      document_id: doc.id,
      title: `Consultation on ${title}`,
      opens_at: new Date(now - 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
      closes_at: new Date(now + (options.closesInMs ?? 30 * 86_400_000)).toISOString().replace(/\.\d+Z$/, 'Z'),
    },
    expect: 201,
  });
  return { schemeSlug: slug, documentId: doc.id, consultationId: consultation.id, clauses: doc.clauses };
}

/**
 * Registers a stakeholder through POST /auth/register, verifies the address with the token of the
 * mailed link (POST /auth/verify-email) and signs in.
 * @param {Server} server
 * @param {{email?: string, displayName?: string, organisation?: string, stakeholderType?: string,
 *   country?: string, language?: string}} [profile]
 * @returns {Promise<Account>}
 */
export async function registerVerifiedStakeholder(server, profile = {}) {
  const email = profile.email ?? `stakeholder-${unique()}@example.org`;
  const password = `quiet ${unique()} harbour meadow`;
  await api(server, 'POST', '/auth/register', {
    body: {
      email,
      password,
      display_name: profile.displayName ?? 'Erin Example',
      organisation: profile.organisation ?? 'Example Labs',
      stakeholder_type: profile.stakeholderType ?? 'company',
      country: profile.country ?? 'BE',
      language: profile.language ?? 'en',
    },
    expect: 201,
  });
  const link = await outboxLink(server, email, '/verify-email');
  const token = new URLSearchParams(new URL(link).hash.slice(1)).get('token');
  if (!token) throw new Error(`the verification link has no token: ${link}`);
  await api(server, 'POST', '/auth/verify-email', { body: { token }, expect: 204 });
  return login(server, email, password);
}

/**
 * Signs a browser context in, as the web app does: the login answer sets the session cookies
 * (HttpOnly tokens and the readable CSRF token) in the context's cookie jar.
 * @param {import('playwright-core').BrowserContext} context
 * @param {Server} server
 * @param {{email: string, password: string}} account
 */
export async function signInBrowser(context, server, { email, password }) {
  let res;
  for (let attempt = 1; ; attempt++) {
    res = await context.request.post(`${server.baseURL}/api/v1/auth/login`, { data: { email, password } });
    if (res.status() !== 503 || attempt >= busyTries) break;
    await waitRetryAfter(res.headers()['retry-after'] ?? null);
  }
  if (res.status() !== 200) throw new Error(`browser sign-in of ${email}: ${res.status()} ${await res.text()}`);
}

/**
 * How often a request answered 503 is sent: the server's password-hashing budget turns sign-ins
 * and registrations away for a moment after many hashes (503 with Retry-After), as it would a
 * flood; a client tries again after the time it names.
 */
const busyTries = 30;

/**
 * Waits the seconds a Retry-After header names (one when absent or unreadable).
 * @param {string | null} header
 */
async function waitRetryAfter(header) {
  const seconds = Number(header ?? '1');
  await new Promise((resolve) => setTimeout(resolve, 1000 * (Number.isFinite(seconds) && seconds > 0 ? seconds : 1)));
}

/** @returns {string} a short random word, so that tests never collide */
function unique() {
  return randomBytes(5).toString('hex');
}
