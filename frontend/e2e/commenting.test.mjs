// @ts-check
// The commenting screens in a real browser against the real server: a comment on a clause quoting
// a selected passage, its draft surviving a reload, a lost answer retried without a duplicate, the
// receipt, My comments with an edit, a version conflict and a withdrawal; the template upload with
// errors; the sign-in prompt's link; the pages through axe in English and French (the signed-out
// prompt and My comments in French: journey.test.mjs); one journey by keyboard.
import assert from 'node:assert/strict';

import {
  api,
  expectAccessible,
  journey,
  openConsultation,
  registerVerifiedStakeholder,
  signInBrowser,
  staffToken,
  tabTo,
} from './harness.mjs';

/**
 * @param {any[]} clauses
 * @returns {any[]}
 */
function flatten(clauses) {
  return clauses.flatMap((c) => [c, ...flatten(c.children ?? [])]);
}

/**
 * A signed-in stakeholder and an open consultation, with the clause "No universal default passwords".
 * @param {import('./lib/server.mjs').Server} server
 * @param {import('playwright-core').BrowserContext} context
 * @param {{language?: string}} [profile]
 */
async function setUp(server, context, profile = {}) {
  const moderator = await staffToken(server);
  const c = await openConsultation(server, moderator.token);
  const clause = flatten(c.clauses).find((k) => k.heading === 'No universal default passwords');
  assert.ok(clause, 'the sample draft has the clause');
  const stakeholder = await registerVerifiedStakeholder(server, profile);
  await signInBrowser(context, server, stakeholder);
  return { c, clause, stakeholder };
}

journey('a comment quoting a passage: draft kept, lost answer retried once, receipt, edit, conflict, withdraw', {}, async ({ server, context, page }) => {
  const { c, clause, stakeholder } = await setUp(server, context);
  await page.goto(`/consultations/${c.consultationId}/comment?clause=${clause.id}`);
  const text = page.locator('#clause-text');
  await text.waitFor();
  assert.equal(await text.inputValue(), clause.body);

  // Select a passage with the mouse: a drag across the first line of the clause text.
  const box = await text.boundingBox();
  assert.ok(box);
  await page.mouse.move(box.x + 12, box.y + 14);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + 14, { steps: 8 });
  await page.mouse.up();
  const selected = await text.evaluate((el) => {
    const t = /** @type {HTMLTextAreaElement} */ (el);
    return t.value.slice(t.selectionStart, t.selectionEnd).trim();
  });
  assert.ok(selected.length > 3, `a passage is selected: "${selected}"`);
  await page.getByRole('button', { name: 'Quote the selected passage' }).click();
  await page.getByRole('heading', { name: 'The passage you quote' }).waitFor();
  assert.equal((await page.locator('.quote__text').textContent())?.trim(), selected);

  await page.getByLabel('Technical').check();
  await page.getByLabel('Your comment', { exact: true }).fill('Unique passwords alone do not stop credential stuffing.');
  await page.getByLabel('Proposed change').fill('Add a rate limit on login attempts.');
  await page.getByLabel('Public, without my name or organisation').check();
  await expectAccessible(page, 'new comment, filled (en-GB)');

  // A reload keeps the draft, its quote and its choices.
  await page.reload();
  await page.getByRole('heading', { name: 'Your draft was restored' }).waitFor();
  assert.equal(await page.getByLabel('Your comment', { exact: true }).inputValue(), 'Unique passwords alone do not stop credential stuffing.');
  assert.equal((await page.locator('.quote__text').textContent())?.trim(), selected);
  assert.ok(await page.getByLabel('Technical').isChecked());

  // The first answer is lost on the way back: the comment is made, the page sees a network failure.
  /** @type {string[]} */
  const keys = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/comments')) keys.push(r.headers()['idempotency-key'] ?? '');
  });
  const endpoint = `**/api/v1/consultations/${c.consultationId}/comments`;
  await page.route(endpoint, async (route) => {
    await route.fetch();
    await route.abort('connectionreset');
  });
  await page.getByRole('button', { name: 'Send the comment' }).click();
  await page.getByText('The server cannot be reached').waitFor();
  await page.unroute(endpoint);

  // The retry sends the same key and gets the same comment.
  await page.getByRole('button', { name: 'Send the comment' }).click();
  await page.getByRole('heading', { name: 'Your comment was received' }).waitFor();
  assert.equal(keys.length, 2);
  assert.ok(keys[0] && keys[0] === keys[1], 'both attempts send one Idempotency-Key');
  const mine = await api(server, 'GET', '/me/comments', { token: stakeholder.token });
  assert.equal(mine.items.length, 1, 'the retry made no second comment');
  const comment = mine.items[0];
  assert.equal(comment.quote.exact, selected);
  assert.equal(new URL(page.url()).pathname, `/comments/${comment.id}`);
  assert.equal((await page.locator('.receipt__number').textContent())?.trim(), comment.tracking_number);
  await expectAccessible(page, 'receipt (en-GB)');

  // The draft is gone once sent.
  await page.goto(`/consultations/${c.consultationId}/comment?clause=${clause.id}`);
  await page.locator('#clause-text').waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Your draft was restored' }).count(), 0);

  // A draft follows the clause chosen in the form: the address says which, a reload brings it back.
  const other = flatten(c.clauses).find((k) => k.id !== clause.id && k.body);
  await page.locator('#clause_id').selectOption(other.id);
  await page.getByLabel('Your comment', { exact: true }).fill('About another clause.');
  await page.waitForURL((url) => url.searchParams.get('clause') === other.id);
  await page.reload();
  await page.getByRole('heading', { name: 'Your draft was restored' }).waitFor();
  assert.equal(await page.locator('#clause_id').inputValue(), other.id);
  assert.equal(await page.getByLabel('Your comment', { exact: true }).inputValue(), 'About another clause.');
  await page.getByRole('button', { name: 'Discard the draft' }).click();

  // My comments: edit, with a change made elsewhere in the meantime.
  await page.goto('/me/comments');
  await page.getByRole('link', { name: comment.tracking_number }).waitFor();
  await page.getByText('Submitted, awaiting moderation').waitFor();
  await expectAccessible(page, 'my comments (en-GB)');
  await page.getByRole('button', { name: `Change this comment ${comment.tracking_number}` }).click();
  await page.getByLabel('Your comment', { exact: true }).fill('Edited in the browser.');
  await api(server, 'PATCH', `/comments/${comment.id}`, {
    token: stakeholder.token,
    body: { version: comment.version, body: 'Changed through the API meanwhile.' },
  });
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await page.getByRole('heading', { name: 'This comment changed since you opened it' }).waitFor();
  await page.getByText('Changed through the API meanwhile.').first().waitFor();
  await expectAccessible(page, 'my comments, version conflict (en-GB)');
  await page.getByRole('button', { name: 'Load the current version' }).click();
  const body = page.getByLabel('Your comment', { exact: true });
  assert.equal(await body.inputValue(), 'Changed through the API meanwhile.');
  await body.fill('Changed through the API meanwhile, then in the browser.');
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await page.getByText('Your changes were saved.').waitFor();
  const edited = await api(server, 'GET', `/comments/${comment.id}`, { token: stakeholder.token });
  assert.equal(edited.body, 'Changed through the API meanwhile, then in the browser.');
  assert.equal(edited.version, 3);

  // Withdraw, behind a confirmation.
  await page.getByRole('button', { name: `Withdraw this comment ${comment.tracking_number}` }).click();
  await page.getByRole('button', { name: 'Yes, withdraw it' }).click();
  await page.getByText(`Comment ${comment.tracking_number} was withdrawn.`).waitFor();
  await page.getByText('Withdrawn', { exact: true }).waitFor();
  const withdrawn = await api(server, 'GET', `/comments/${comment.id}`, { token: stakeholder.token });
  assert.equal(withdrawn.status, 'withdrawn');
});

journey('in French: the sign-in prompt, the form, a template with errors listed by row and column, then a good one', { locale: 'fr-FR' }, async ({ server, context, page }) => {
  const moderator = await staffToken(server);
  const c = await openConsultation(server, moderator.token);
  await page.goto(`/consultations/${c.consultationId}/comment`);
  const signIn = page.getByRole('link', { name: 'Se connecter pour commenter' });
  await signIn.waitFor();
  assert.equal(await signIn.getAttribute('href'), `/sign-in?next=${encodeURIComponent(`/consultations/${c.consultationId}/comment`)}`);

  const stakeholder = await registerVerifiedStakeholder(server, { language: 'fr' });
  await signInBrowser(context, server, stakeholder);
  await page.reload();
  await page.getByRole('heading', { name: 'Envoyer plusieurs commentaires avec le modèle' }).waitFor();
  await expectAccessible(page, 'new comment (fr-FR)');

  // Submitting the empty form: the error summary links to the fields.
  await page.getByRole('button', { name: 'Envoyer le commentaire' }).click();
  await page.getByRole('link', { name: 'Écrivez votre commentaire' }).waitFor();
  await expectAccessible(page, 'new comment with errors (fr-FR)');

  const header = 'Clause,Paragraph/Figure/Table,Type of comment,Comment,Proposed change,Publication\n';
  await page.setInputFiles('#file', {
    name: 'bad.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(header + '3.1,,rant,Too strict,,public_named\n99.9,,general,,,nobody\n'),
  });
  await page.getByRole('button', { name: 'Envoyer le modèle' }).click();
  const table = page.getByRole('table');
  await table.waitFor();
  const rows = await table.locator('tbody tr').allTextContents();
  assert.ok(rows.length >= 2, `problems are listed: ${rows.join(' | ')}`);
  assert.ok(rows.some((r) => r.startsWith('2') && r.includes('Type of comment')), `row 2, Type of comment: ${rows.join(' | ')}`);
  assert.ok(rows.some((r) => r.startsWith('3')), `row 3: ${rows.join(' | ')}`);
  await page.getByRole('link', { name: /rien n’a été envoyé/ }).waitFor();
  await expectAccessible(page, 'template upload with errors (fr-FR)');
  const none = await api(server, 'GET', '/me/comments', { token: stakeholder.token });
  assert.equal(none.items.length, 0, 'nothing was imported');

  await page.setInputFiles('#file', {
    name: 'good.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(header + '3.1,,technical,Too strict for toys,,public_named\n'),
  });
  await page.getByRole('button', { name: 'Envoyer le modèle' }).click();
  await page.getByRole('heading', { name: '1 commentaire a été reçu' }).waitFor();
  const [imported] = (await api(server, 'GET', '/me/comments', { token: stakeholder.token })).items;
  await page.getByRole('link', { name: imported.tracking_number }).click();
  await page.getByRole('heading', { level: 1, name: `Commentaire ${imported.tracking_number}` }).waitFor();
  await page.getByText('Soumis, en attente de modération').waitFor();
  await expectAccessible(page, 'comment page (fr-FR)');
});

journey('with the keyboard alone: quote by Shift+arrows, correct an error, send, read the receipt', {}, async ({ server, context, page }) => {
  const { c, clause, stakeholder } = await setUp(server, context);
  await page.goto(`/consultations/${c.consultationId}/comment?clause=${clause.id}`);
  const text = page.locator('#clause-text');
  await text.waitFor();

  await tabTo(page, text);
  await page.keyboard.type('zz');
  await page.keyboard.press('Backspace');
  assert.equal(await text.inputValue(), clause.body, 'the clause text cannot be changed');
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 20; i++) await page.keyboard.press('Shift+ArrowRight');
  const expected = clause.body.slice(8, 28).trim();
  await tabTo(page, page.getByRole('button', { name: 'Quote the selected passage' }));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'The passage you quote' }).waitFor();
  assert.equal((await page.locator('.quote__text').textContent())?.trim(), expected);

  await tabTo(page, page.getByLabel('Your comment', { exact: true }));
  await page.keyboard.type('Typed with the keyboard only.');
  await tabTo(page, page.getByRole('button', { name: 'Send the comment' }));
  await page.keyboard.press('Enter');
  // The summary takes the focus; its link leads to the missing choice.
  const link = page.getByRole('link', { name: 'Choose what kind of comment it is' });
  await link.waitFor();
  await tabTo(page, link);
  await page.keyboard.press('Enter');
  assert.ok(await page.locator('#comment_type').evaluate((el) => el === document.activeElement));
  await page.keyboard.press('Space');
  await tabTo(page, page.locator('#publication'));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('button', { name: 'Send the comment' }));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Your comment was received' }).waitFor();

  const [made] = (await api(server, 'GET', '/me/comments', { token: stakeholder.token })).items;
  assert.equal(made.quote.exact, expected);
  assert.equal(made.comment_type, 'general');
  assert.equal(made.publication, 'public_named');
  await tabTo(page, page.getByRole('link', { name: 'See all your comments' }));
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: made.tracking_number }).waitFor();
});
