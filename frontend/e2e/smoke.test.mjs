// @ts-check
// Smoke test of the harness and the embedded web app, independent of the pages' wording: the home
// page is a real, accessible page, and a client-side route loaded directly answers the app.
import assert from 'node:assert/strict';

import { api, expectAccessible, journey, tabTo } from './harness.mjs';

for (const locale of ['en-GB', 'fr-FR']) {
  journey(`the home page has a heading and a main landmark and passes axe (${locale})`, { locale, demo: true }, async ({ page }) => {
    const res = await page.goto('/', { waitUntil: 'networkidle' });
    assert.equal(res?.status(), 200);
    await page.getByRole('main').waitFor();
    assert.equal(await page.getByRole('main').count(), 1, 'one main landmark');
    assert.ok((await page.getByRole('heading', { level: 1 }).count()) >= 1, 'an h1');
    await expectAccessible(page, `home (${locale})`);
    await tabTo(page, page.locator('a[href]').first());
  });
}

journey('a deep link to a consultation answers the app, not a 404', { demo: true }, async ({ server, page }) => {
  const open = await api(server, 'GET', '/consultations?status=open');
  assert.ok(open.items.length > 0, 'the demo has an open consultation');
  const res = await page.goto(`/consultations/${open.items[0].id}`, { waitUntil: 'networkidle' });
  assert.equal(res?.status(), 200);
  assert.match(res?.headers()['content-type'] ?? '', /^text\/html/);
  await page.getByRole('main').waitFor();
  assert.ok((await page.getByRole('heading', { level: 1 }).count()) >= 1, 'an h1');
});
