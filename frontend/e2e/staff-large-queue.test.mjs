// @ts-check
// A consultation with 5,000 comments stays usable in the staff console: four stakeholders import
// 1,250 comments each (filled comment templates, through the API, in parallel); the moderation
// queue and then, once 1,000 of them are published (one bulk decision), the dispositions page ask
// the API for one page at a time (a limit, then the cursor of "Next page"), and the page holds one
// page of comments. The times seen are reported as the test's diagnostics; they are not asserted.
import assert from 'node:assert/strict';

import { api, journey, openConsultation, registerVerifiedStakeholder, signInBrowser, staffToken } from './harness.mjs';

/** How many comments the consultation gets. */
const TOTAL = 5_000;
/** How many stakeholders import them, each one template file. */
const AUTHORS = 4;
/** The page sizes the two pages ask the API for. */
const QUEUE_PAGE = 50;
const DISPOSITIONS_PAGE = 200;
/** How many comments are published for the dispositions page: one bulk decision's most (models.MaxSelection). */
const PUBLISHED = 1_000;

/** Words the comments are made of, drawn at random so that no two comments are near-duplicates. */
const WORDS = (
  'agency annex audit breach certificate clause cloud component conformity data device disclosure ' +
  'encryption firmware incident key label logging maker market network notice operator password ' +
  'patch period product record report risk scheme sensor server service software supplier support ' +
  'test update vendor vulnerability warranty'
).split(' ');

/** @param {number} count @returns {string} */
function randomText(count) {
  return Array.from({ length: count }, () => WORDS[Math.floor(Math.random() * WORDS.length)]).join(' ');
}

/** @param {any[]} clauses @returns {any[]} */
function flatten(clauses) {
  return clauses.flatMap((c) => [c, ...flatten(c.children ?? [])]);
}

/**
 * A filled comment template as CSV: rows comments spread over the given clause numbers.
 * @param {number} rows
 * @param {string[]} clauseNumbers
 */
function templateCsv(rows, clauseNumbers) {
  const lines = ['Clause,Paragraph/Figure/Table,Type of comment,Comment,Proposed change,Publication'];
  for (let i = 0; i < rows; i++) {
    lines.push(`${clauseNumbers[i % clauseNumbers.length]},,technical,${randomText(16)},,public_named`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Imports a filled template through POST /consultations/{id}/comments/import.
 * @param {import('./lib/server.mjs').Server} server
 * @param {string} token
 * @param {string} consultationId
 * @param {string} csv
 */
async function importTemplate(server, token, consultationId, csv) {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'comments.csv');
  const res = await fetch(`${server.baseURL}/api/v1/consultations/${consultationId}/comments/import`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: form,
  });
  if (res.status !== 201) throw new Error(`import: ${res.status} ${await res.text()}`);
}

/**
 * Up to count of the consultation's waiting comments, oldest first, as a bulk decision names them.
 * @param {import('./lib/server.mjs').Server} server
 * @param {string} token
 * @param {string} consultationId
 * @param {number} count
 * @returns {Promise<{id: string, version: number}[]>}
 */
async function waiting(server, token, consultationId, count) {
  /** @type {{id: string, version: number}[]} */
  const out = [];
  let cursor = '';
  while (out.length < count) {
    const page = await api(server, 'GET', `/moderation/queue?consultation_id=${consultationId}&limit=200${cursor}`, { token });
    out.push(...page.items.map((/** @type {any} */ c) => ({ id: c.id, version: c.version })));
    if (!page.next_cursor) break;
    cursor = `&cursor=${page.next_cursor}`;
  }
  return out.slice(0, count);
}

/**
 * Records the moderation queue requests the page makes, as URLs.
 * @param {import('playwright-core').Page} page
 * @returns {URL[]}
 */
function queueRequests(page) {
  /** @type {URL[]} */
  const seen = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname === '/api/v1/moderation/queue') seen.push(url);
  });
  return seen;
}

/**
 * Asserts that every request asked for one page of at most limit comments, the last one with the
 * given cursor (none: no cursor).
 * @param {URL[]} requests
 * @param {number} limit
 * @param {string | null} cursor
 */
function assertPaged(requests, limit, cursor) {
  assert.ok(requests.length > 0, 'the page asks the queue');
  for (const url of requests) {
    const asked = Number(url.searchParams.get('limit'));
    assert.ok(asked > 0 && asked <= limit, `${url} asks for one page`);
  }
  assert.equal(requests[0].searchParams.get('cursor'), cursor, `${requests[0]} starts at the right place`);
}

/**
 * The server's latencies for the requests to an API path so far, as its request log gives them
 * (e.g. "41.2ms"), in order.
 * @param {import('./lib/server.mjs').Server} server
 * @param {string} apiPath e.g. /api/v1/moderation/queue
 */
function latencies(server, apiPath) {
  const line = new RegExp(`method=GET path=${apiPath} status=200 latency=(\\S+)`, 'g');
  return [...server.log().matchAll(line)].map((m) => m[1]).join(', ');
}

/**
 * Opens path and waits for the selector; returns the milliseconds it took.
 * @param {() => Promise<unknown>} go
 * @param {import('playwright-core').Locator} ready
 */
async function timed(go, ready) {
  const start = Date.now();
  await go();
  await ready.waitFor();
  return Date.now() - start;
}

journey('a queue of 5,000 submitted comments loads from the API one page at a time', { timeout: 300_000 }, async ({ server, context, page, t }) => {
  const moderator = await staffToken(server);
  const con = await openConsultation(server, moderator.token);
  const numbers = flatten(con.clauses).map((c) => c.number);
  const authors = await Promise.all(Array.from({ length: AUTHORS }, () => registerVerifiedStakeholder(server)));
  let start = Date.now();
  await Promise.all(authors.map((a) => importTemplate(server, a.token, con.consultationId, templateCsv(TOTAL / AUTHORS, numbers))));
  t.diagnostic(`seeding ${TOTAL} comments (${AUTHORS} imports in parallel): ${Date.now() - start} ms`);
  const summary = await api(server, 'GET', `/consultations/${con.consultationId}/summary?scope=all`, { token: moderator.token });
  assert.equal(summary.by_status.submitted, TOTAL);
  await signInBrowser(context, server, moderator);

  // The moderation queue: one page of 50, then the next.
  const requests = queueRequests(page);
  const articles = page.getByRole('article');
  const queueUrl = `/staff/moderation?consultation_id=${con.consultationId}`;
  const firstPage = await timed(() => page.goto(queueUrl), articles.first());
  await page.waitForLoadState('networkidle');
  assertPaged(requests, QUEUE_PAGE, null);
  assert.equal(await articles.count(), QUEUE_PAGE, 'the page holds one page of comments');
  const firstIds = await articles.evaluateAll((els) => els.map((e) => e.id));
  requests.length = 0;
  const nextPage = await timed(() => page.getByRole('link', { name: 'Next page' }).click(), page.getByRole('link', { name: 'First page' }));
  await page.waitForLoadState('networkidle');
  const cursor = new URL(page.url()).searchParams.get('cursor');
  assert.ok(cursor, 'the address carries the cursor');
  assertPaged(requests, QUEUE_PAGE, cursor);
  await articles.first().waitFor();
  const nextIds = await articles.evaluateAll((els) => els.map((e) => e.id));
  assert.equal(nextIds.length, QUEUE_PAGE);
  assert.ok(!nextIds.some((id) => firstIds.includes(id)), 'the next page shows other comments');
  t.diagnostic(`moderation queue: first page ${firstPage} ms, next page ${nextPage} ms`);

  // 1,000 comments published in one bulk decision, then the dispositions page: one page of 200,
  // then the next.
  start = Date.now();
  const chosen = await waiting(server, moderator.token, con.consultationId, PUBLISHED);
  await api(server, 'POST', '/moderation/bulk', { token: moderator.token, body: { action: 'publish', items: chosen } });
  t.diagnostic(`publishing ${PUBLISHED} comments (one bulk decision): ${Date.now() - start} ms`);
  requests.length = 0;
  const items = page.locator('div[id^="disp-"]');
  const dispositionsUrl = `/staff/consultations/${con.consultationId}/dispositions`;
  const firstDispositions = await timed(() => page.goto(dispositionsUrl), items.first());
  await page.waitForLoadState('networkidle');
  await page.getByText(`0 of ${PUBLISHED.toLocaleString('en-GB')} published comments have a disposition.`).waitFor();
  assertPaged(requests, DISPOSITIONS_PAGE, null);
  assert.equal(await items.count(), DISPOSITIONS_PAGE, 'the page holds one page of comments');
  const firstDisp = await items.evaluateAll((els) => els.map((e) => e.id));
  requests.length = 0;
  const nextDispositions = await timed(() => page.getByRole('link', { name: 'Next page' }).click(), page.getByRole('link', { name: 'First page' }));
  await page.waitForLoadState('networkidle');
  const dispCursor = new URL(page.url()).searchParams.get('cursor');
  assert.ok(dispCursor, 'the address carries the cursor');
  assertPaged(requests, DISPOSITIONS_PAGE, dispCursor);
  await items.first().waitFor();
  const nextDisp = await items.evaluateAll((els) => els.map((e) => e.id));
  assert.equal(nextDisp.length, DISPOSITIONS_PAGE);
  assert.ok(!nextDisp.some((id) => firstDisp.includes(id)), 'the next page shows other comments');
  t.diagnostic(`dispositions: first page ${firstDispositions} ms, next page ${nextDispositions} ms`);
  t.diagnostic(`server time of GET /moderation/queue: ${latencies(server, '/api/v1/moderation/queue')}`);
});
