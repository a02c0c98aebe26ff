// @ts-check
// A published comment as the public sees it, on the demo's closed consultation whose report is
// published: the Published comments page and the comment's own page give the agency's decision in
// words and its response, and an anonymous comment shows no name.
import assert from 'node:assert/strict';

import { api, expectAccessible, journey } from './harness.mjs';

/** The resolutions' words in English (src/lib/i18n/en/enums.ts). */
const resolutions = {
  accepted: 'Accepted',
  partially_accepted: 'Partially accepted',
  not_accepted: 'Not accepted',
  noted: 'Noted',
};

journey('a published comment with the agency’s decision, on the list and on its own page; anonymous means no name', { demo: true }, async ({ server, page }) => {
  const closed = await api(server, 'GET', '/consultations?status=closed');
  const c = closed.items[0];
  assert.ok(c?.report_published_at, 'the demo’s closed consultation has its report published');
  const all = (await api(server, 'GET', `/consultations/${c.id}/comments?limit=200`)).items;
  const comment = all.find((/** @type {any} */ i) => i.author.display_name === null && i.disposition?.response);
  assert.ok(comment, 'the demo has an anonymous published comment with a response');
  const named = all.find((/** @type {any} */ i) => i.author.display_name);
  assert.ok(named, 'the demo has a named published comment');
  const resolution = resolutions[/** @type {keyof typeof resolutions} */ (comment.disposition.resolution)];

  // The list: the card gives the decision in words and the response, and no name.
  const index = all.indexOf(comment);
  await page.goto(`/consultations/${c.id}/comments${index >= 20 ? `?q=${encodeURIComponent(comment.tracking_number)}` : ''}`);
  const card = page.getByRole('article', { name: `Comment ${comment.tracking_number}` });
  await card.waitFor();
  await card.getByRole('heading', { name: 'The agency’s response' }).waitFor();
  await card.getByText(resolution, { exact: true }).waitFor();
  await card.getByText(comment.disposition.response).waitFor();
  await card.getByText(/^Anonymous · /).waitFor();

  // Its own page, from the card's link.
  await card.getByRole('link', { name: `Comment ${comment.tracking_number}` }).click();
  await page.waitForURL(`**/comments/${comment.id}`);
  const main = page.getByRole('main');
  await main.getByRole('heading', { level: 1, name: `Comment ${comment.tracking_number}` }).waitFor();
  await main.getByText(resolution, { exact: true }).waitFor();
  await main.getByText(comment.disposition.response).waitFor();
  const text = await main.innerText();
  for (const other of all.filter((/** @type {any} */ i) => i.author.display_name)) {
    assert.ok(!text.includes(other.author.display_name), `no name on an anonymous comment (${other.author.display_name})`);
  }
  assert.equal(await main.getByText('The agency has not answered this comment yet.').count(), 0);
  await expectAccessible(page, 'public comment page (en-GB)');
});
