// @ts-check
// Reading a consultation: the consultation page (window and countdown, heat-mapped contents, the
// draft, the diff against the previous version, exports once closed) and the published comments
// (filters kept in the URL, cursor pages, anonymous authors), on the demo data; and a draft of
// 1,000 clauses that renders without blocking the page.
import assert from 'node:assert/strict';

import { api, expectAccessible, journey, openConsultation, staffToken, tabTo } from './harness.mjs';

/**
 * The demo's consultation of a status.
 * @param {import('./lib/server.mjs').Server} server
 * @param {'open' | 'closed'} status
 */
async function demoConsultation(server, status) {
  const list = await api(server, 'GET', `/consultations?status=${status}`);
  assert.ok(list.items.length > 0, `the demo has a ${status} consultation`);
  return list.items[0];
}

journey('an open consultation: countdown, heat-mapped contents, the draft, links and the diff', { demo: true }, async ({ server, page }) => {
  const c = await demoConsultation(server, 'open');
  const doc = await api(server, 'GET', `/documents/${c.document_id}`);
  await page.goto(`/consultations/${c.id}`);
  await page.getByRole('heading', { level: 1, name: c.title }).waitFor();
  await page.getByText(/^Closes in \d+ days?( and \d+ hours?)?$/).waitFor();
  assert.equal(await page.locator('[aria-live] .countdown, .countdown[aria-live]').count(), 0, 'the countdown is no live region');

  // The contents list every clause with its count in words; the legend explains the shading.
  const toc = page.getByRole('navigation', { name: 'Contents' });
  const flat = /** @type {any[]} */ ([]);
  /** @param {any[]} list */
  const walk = (list) => list.forEach((cl) => (flat.push(cl), walk(cl.children)));
  walk(doc.clauses);
  await toc.getByRole('link').nth(flat.length).waitFor();
  const busy = flat.find((cl) => cl.comment_count > 0);
  assert.ok(busy, 'a clause of the demo has a published comment');
  const entry = toc.getByRole('listitem').filter({ has: page.getByRole('link', { name: `${busy.number} ${busy.heading}`, exact: true }) });
  await entry.getByText('1 published comment', { exact: true }).waitFor();
  await toc.getByText('no published comments', { exact: true }).waitFor();

  // Each clause: its heading, its count, and links to comment and to its published comments.
  const comment = page.getByRole('link', { name: `Comment on clause ${busy.number}`, exact: true });
  assert.equal(await comment.getAttribute('href'), `/consultations/${c.id}/comment?clause=${busy.id}`);
  const published = page.getByRole('link', { name: `Published comments on clause ${busy.number}`, exact: true });
  assert.equal(await published.getAttribute('href'), `/consultations/${c.id}/comments?clause_id=${busy.id}`);
  await page.getByRole('link', { name: 'Comment on the draft as a whole' }).waitFor();
  const template = page.getByRole('link', { name: 'Download the comment template (Excel)' });
  assert.equal(await template.getAttribute('href'), `/api/v1/consultations/${c.id}/comment-template.xlsx`);
  assert.equal(await page.getByRole('link', { name: /^CSV/ }).count(), 0, 'no export while open');

  // The diff against version 0.9: kinds in words, changed words in <ins>/<del> labelled in words.
  const changes = page.getByRole('region', { name: 'Changes from the previous version' });
  await changes.getByText('1 clause removed').waitFor();
  await changes.getByRole('heading', { name: 'Removed 2.2 Devices out of scope' }).waitFor();
  await changes.getByRole('heading', { name: 'Added 3.5 Resilience to outages' }).waitFor();
  await changes.getByRole('heading', { name: 'Changed 4.2 Software bill of materials' }).waitFor();
  assert.ok((await changes.locator('ins').count()) > 0 && (await changes.locator('del').count()) > 0);
  assert.match((await changes.locator('ins').first().textContent()) ?? '', /^\[added: .*\]$/s);

  await expectAccessible(page, 'consultation, open (en-GB)');

  // Keyboard only: from the contents to a clause, then to its comment link.
  await page.getByRole('heading', { level: 1 }).focus();
  const tocLink = toc.getByRole('link', { name: `${busy.number} ${busy.heading}`, exact: true });
  await tabTo(page, tocLink, { maxPresses: 80 });
  await page.keyboard.press('Enter');
  await page.waitForURL(`**#clause-${busy.id}`);
  await tabTo(page, comment, { maxPresses: 10 });
  await page.keyboard.press('Enter');
  await page.waitForURL(`**/consultations/${c.id}/comment?clause=${busy.id}`);
});

journey('a closed consultation in French: exports, no comment links, its published comments', { demo: true, locale: 'fr-FR' }, async ({ server, page }) => {
  const c = await demoConsultation(server, 'closed');
  await page.goto(`/consultations/${c.id}`);
  await page.getByRole('heading', { level: 1, name: c.title }).waitFor();
  await page.getByText('Cette consultation est close : il n’est plus possible d’envoyer des commentaires.').waitFor();
  assert.equal(await page.getByRole('link', { name: /^Commenter/ }).count(), 0, 'no comment link once closed');
  for (const [name, format] of [['CSV (texte pour tableur)', 'csv'], ['JSON (pour les logiciels)', 'json'], ['Classeur Excel', 'xlsx']]) {
    const link = page.getByRole('link', { name, exact: true });
    assert.equal(await link.getAttribute('href'), `/api/v1/consultations/${c.id}/export?format=${format}&scope=public`);
    assert.notEqual(await link.getAttribute('download'), null);
  }
  await page.getByText('Il s’agit de la première version du projet', { exact: false }).waitFor();
  await expectAccessible(page, 'consultation, closed (fr-FR)');

  await page.getByRole('link', { name: 'Lire les commentaires publiés' }).click();
  await page.getByRole('heading', { level: 1, name: 'Commentaires publiés' }).waitFor();
  await page.getByText('20 commentaires sur cette page').waitFor();
  await page.getByRole('heading', { name: 'Les réponses de l’agence' }).waitFor();
  await expectAccessible(page, 'published comments (fr-FR)');
});

journey('published comments: pages, filters kept in the URL, anonymous authors, no results', { demo: true }, async ({ server, page }) => {
  const c = await demoConsultation(server, 'closed');
  const all = await api(server, 'GET', `/consultations/${c.id}/comments?limit=200`);
  await page.goto(`/consultations/${c.id}/comments`);
  await page.getByText('20 comments on this page').waitFor();
  const first = all.items[0];
  await page.getByRole('heading', { name: `Comment ${first.tracking_number}` }).waitFor();

  // The second page through the pager, then back.
  await page.getByRole('link', { name: 'Next page' }).click();
  await page.getByText(`${all.items.length - 20} comments on this page`).waitFor();
  await page.getByRole('link', { name: 'First page' }).click();
  await page.getByText('20 comments on this page').waitFor();

  // An anonymous comment says so, with its stakeholder type and country, and no name.
  const anonymous = all.items.find((/** @type {any} */ i) => i.author.display_name === null);
  assert.ok(anonymous, 'the demo has an anonymous published comment');
  const card = page.getByRole('article', { name: `Comment ${anonymous.tracking_number}` });
  await card.getByText(/^Anonymous · /).waitFor();

  // Full-text search through the form, with the keyboard; the filter is kept in the URL.
  const q = page.getByLabel('Words in the comment');
  await tabTo(page, q, { maxPresses: 40 });
  await page.keyboard.type('toys');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/comments\?q=toys$/);
  const hits = await api(server, 'GET', `/consultations/${c.id}/comments?q=toys`);
  assert.ok(hits.items.length > 0 && hits.items.length < all.items.length);
  await page.getByText(hits.items.length === 1 ? '1 comment on this page' : `${hits.items.length} comments on this page`).waitFor();
  assert.equal(await q.inputValue(), 'toys', 'the form shows the filter of the URL');

  // A clause and a comment type from a bookmarked URL; then nothing matches.
  const clauseId = first.clause_id;
  await page.goto(`/consultations/${c.id}/comments?clause_id=${clauseId}&comment_type=${first.comment_type}`);
  await page.getByRole('heading', { name: `Comment ${first.tracking_number}` }).waitFor();
  assert.equal(await page.getByLabel('Clause').inputValue(), clauseId);
  await page.goto(`/consultations/${c.id}/comments?q=zzzzunmatched`);
  await page.getByText('No published comment matches these filters.').waitFor();
  await expectAccessible(page, 'published comments, no results (en-GB)');
  await page.getByRole('link', { name: 'Clear the filters' }).click();
  await page.waitForURL(new RegExp(`/consultations/${c.id}/comments$`));
  await page.getByText('20 comments on this page').waitFor();
});

journey('a draft of 1,000 clauses renders and scrolls without a long task over 200 ms', { timeout: 180_000 }, async ({ server, page, t }) => {
  const moderator = await staffToken(server);
  const chapters = Array.from({ length: 100 }, (_, i) => {
    const subs = Array.from(
      { length: 9 },
      (_, j) =>
        `### ${i + 1}.${j + 1} Requirement ${i + 1}.${j + 1}\n\nThe manufacturer shall meet requirement ${i + 1}.${j + 1}, ` +
        'documented in the technical file, evaluated by the conformity assessment body and kept up to date for the whole ' +
        'support period declared for the device, including **security updates** and the [policy](https://example.org).\n',
    );
    return `## ${i + 1} Chapter ${i + 1}\n\n${subs.join('\n')}`;
  });
  const markdown = `# A very long draft\n\n${chapters.join('\n')}`;
  const c = await openConsultation(server, moderator.token, { markdown, title: 'Long draft' });
  const doc = await api(server, 'GET', `/documents/${c.documentId}`);
  assert.equal(doc.clauses.reduce((/** @type {number} */ n, /** @type {any} */ ch) => n + 1 + ch.children.length, 0), 1000);

  await page.addInitScript(() => {
    const w = /** @type {any} */ (window);
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`/consultations/${c.consultationId}`);
  await page.getByRole('heading', { name: '1.1 Requirement 1.1', exact: true }).waitFor();
  const firstRender = await page.evaluate(() => performance.now());
  await page.getByRole('heading', { name: '100 Chapter 100', exact: true }).waitFor({ state: 'attached', timeout: 30_000 });
  await page.locator(`#clause-${doc.clauses[99].children[8].id}`).waitFor({ state: 'attached' });
  for (const at of [0.25, 0.5, 0.75, 1, 0]) {
    await page.evaluate((f) => window.scrollTo(0, document.body.scrollHeight * f), at);
    await page.waitForTimeout(150);
  }
  const tasks = /** @type {{start: number, duration: number}[]} */ (await page.evaluate(() => /** @type {any} */ (window).__longTasks));
  const blocking = tasks.filter((task) => task.start + task.duration > firstRender && task.duration > 200);
  t.diagnostic(`long tasks: ${JSON.stringify(tasks)}; first render at ${Math.round(firstRender)} ms`);
  assert.deepEqual(blocking, [], "no long task over 200 ms after the first render");

  // A link straight to the last clause lands on it.
  const last = doc.clauses[99].children[8];
  await page.goto(`/consultations/${c.consultationId}#clause-${last.id}`);
  const heading = page.locator(`#clause-${last.id}`);
  await heading.waitFor();
  await page.waitForFunction((id) => {
    const box = document.getElementById(id)?.getBoundingClientRect();
    return !!box && box.top >= 0 && box.bottom <= window.innerHeight;
  }, `clause-${last.id}`);
});

journey('an upcoming consultation: when it opens, and no draft before then', {}, async ({ server, page }) => {
  const moderator = await staffToken(server);
  const token = moderator.token;
  await api(server, 'POST', '/schemes', { token, body: { slug: 'soon', title: 'Soon', summary: 'A scheme consulted soon.' }, expect: 201 });
  const doc = await api(server, 'POST', '/schemes/soon/documents', {
    token,
    body: { title: 'Soon: draft', version_label: '0.1', markdown: '# Soon\n\n## 1 Scope\n\nText.\n' },
    expect: 201,
  });
  const opens = Date.now() + 2 * 86_400_000 + 3 * 3_600_000 + 600_000;
  const iso = (/** @type {number} */ ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  const c = await api(server, 'POST', '/consultations', {
    token,
    body: { document_id: doc.id, title: 'Consultation opening soon', opens_at: iso(opens), closes_at: iso(opens + 30 * 86_400_000) },
    expect: 201,
  });
  await page.goto(`/consultations/${c.id}`);
  await page.getByRole('heading', { level: 1, name: 'Consultation opening soon' }).waitFor();
  await page.getByText('Opens in 2 days and 3 hours').waitFor();
  await page.getByText('The draft will be shown here when the consultation opens.').waitFor();
  assert.equal(await page.getByRole('link', { name: 'Comment on the draft as a whole' }).count(), 0);
  await page.getByRole('link', { name: 'Read the published comments' }).click();
  await page.getByText('No comment has been published on this consultation yet.').waitFor();
});
