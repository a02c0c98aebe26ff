// @ts-check
// The staff console's moderation side in a real browser against the real binary: a moderator
// clears a queue (a near-duplicate campaign with one cluster action, the keyboard, a bulk action
// that meets another moderator's decision), redacts a comment, records dispositions (one per
// comment, one per cluster), publishes the report once the window has closed, and checks the
// public CSV export; every staff page passes axe. A stakeholder and an anonymous visitor are kept
// out with a clear page.
import assert from 'node:assert/strict';

import {
  api,
  expectAccessible,
  journey,
  openConsultation,
  registerVerifiedStakeholder,
  signInBrowser,
  staffToken,
} from './harness.mjs';

/** How long the test consultation stays open: long enough to submit, short enough to wait for. */
const WINDOW_MS = 75_000;

const CAMPAIGN =
  'We ask the agency to require that every connected device sold in the Union receives security updates for at least ten years after it is placed on the market, and that the update period is printed on the box';

const PHONE = '+32 470 12 34 56';

/** @param {any[]} clauses @returns {any[]} */
function flatten(clauses) {
  return clauses.flatMap((c) => [c, ...flatten(c.children ?? [])]);
}

/**
 * @param {import('./lib/server.mjs').Server} server
 * @param {string} token
 * @param {string} consultationId
 * @param {string} clauseId
 * @param {string} body
 */
function comment(server, token, consultationId, clauseId, body) {
  return api(server, 'POST', `/consultations/${consultationId}/comments`, {
    token,
    body: { clause_id: clauseId, comment_type: 'technical', body, publication: 'public_named' },
    expect: 201,
  });
}

journey('a moderator clears the queue, records dispositions, publishes the report and checks the export', { timeout: 300_000 }, async ({ server, context, page }) => {
  const moderator = await staffToken(server);
  const con = await openConsultation(server, moderator.token, { closesInMs: WINDOW_MS });
  const closesAt = Date.now() + WINDOW_MS;
  const [c1, c2, c3] = flatten(con.clauses);
  const people = await Promise.all([
    registerVerifiedStakeholder(server, { displayName: 'Ada Campaigner', stakeholderType: 'ngo', country: 'FR' }),
    registerVerifiedStakeholder(server, { displayName: 'Bo Builder', organisation: 'Bo Devices', stakeholderType: 'company', country: 'DE' }),
    registerVerifiedStakeholder(server, { displayName: 'Cy Citizen', stakeholderType: 'eu_citizen', country: 'BE' }),
  ]);
  const [ada, bo, cy] = people;
  /** @type {Record<string, any>} */
  const c = {};
  c.first = await comment(server, bo.token, con.consultationId, c1.id, 'The definitions should name the conformity assessment bodies explicitly.');
  c.second = await comment(server, cy.token, con.consultationId, c2.id, 'Please add an example of a vulnerability disclosure policy.');
  c.campaign = [];
  for (const [i, who] of [ada, bo, cy, ada].entries()) {
    c.campaign.push(await comment(server, who.token, con.consultationId, c3.id, `${CAMPAIGN}${i % 2 ? '.' : ', please.'}`));
  }
  c.personal = await comment(server, ada.token, con.consultationId, c2.id, `The support line is unclear; call me on ${PHONE} to discuss the reporting duty.`);
  c.third = await comment(server, bo.token, con.consultationId, c1.id, 'The transition period of the scheme is too short for small makers.');
  c.fourth = await comment(server, cy.token, con.consultationId, c2.id, 'The annex on logging should say how long logs are kept.');

  await signInBrowser(context, server, moderator);

  // The staff start page: the consultation with its waiting comments.
  await page.goto('/staff', { waitUntil: 'networkidle' });
  await page.getByRole('heading', { level: 1, name: 'Staff console' }).waitFor();
  await page.getByText('9 comments awaiting moderation').waitFor();
  await expectAccessible(page, 'staff start page (en-GB)');

  // The queue of the consultation, with the campaign grouped.
  const queueUrl = `/staff/moderation?consultation_id=${con.consultationId}`;
  await page.locator(`a[href="${queueUrl}"]`).click();
  await page.waitForURL(`**${queueUrl}`);
  const group = page.locator(`#cluster-${c.campaign[0].id}`);
  await group.getByRole('heading', { name: 'Group of 4 comments' }).waitFor();
  await page.getByRole('article', { name: `Comment ${c.first.tracking_number}` }).getByText('Bo Builder, Bo Devices').waitFor();
  await expectAccessible(page, 'moderation queue (en-GB)');

  // The help lists the shortcuts in a dialog that Escape closes.
  await page.getByRole('heading', { level: 1 }).focus();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await help.waitFor();
  await expectAccessible(page, 'shortcuts help (en-GB)');
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'hidden' });

  // One decision for the whole campaign.
  await group.getByRole('button', { name: 'Publish the group’s 4 comments' }).click();
  await group.getByText('4 comments done.').waitFor();
  await page.getByRole('article', { name: `Comment ${c.campaign[3].tracking_number}` }).getByText('Published.').waitFor();

  // A redaction, with the original beside the editor.
  const personal = page.getByRole('article', { name: `Comment ${c.personal.tracking_number}` });
  await personal.getByRole('button', { name: `Redact ${c.personal.tracking_number}` }).click();
  await personal.getByText('Original comment (staff only)').waitFor();
  await personal.getByLabel('Comment as the public will read it').fill('The support line is unclear; call me on [removed] to discuss the reporting duty.');
  await personal.getByRole('button', { name: 'Publish the redacted text' }).click();
  await personal.getByText('Published with the redacted text.').waitFor();
  await personal.getByText('[removed]').first().waitFor();

  // The keyboard: j to the first waiting comment, p to publish it, j and p again.
  await page.goto(queueUrl, { waitUntil: 'networkidle' });
  const first = page.getByRole('article', { name: `Comment ${c.first.tracking_number}` });
  await first.waitFor();
  await page.getByRole('heading', { level: 1 }).focus();
  await page.keyboard.press('j');
  await page.keyboard.press('p');
  await first.getByText('Published.').waitFor();
  await page.keyboard.press('j');
  await page.keyboard.press('p');
  await page.getByRole('article', { name: `Comment ${c.second.tracking_number}` }).getByText('Published.').waitFor();

  // A bulk action over the rest, one of which another moderator has just published.
  await page.goto(queueUrl, { waitUntil: 'networkidle' });
  await page.getByRole('article', { name: `Comment ${c.third.tracking_number}` }).waitFor();
  await api(server, 'POST', `/comments/${c.fourth.id}/moderation`, { token: moderator.token, body: { action: 'publish', version: c.fourth.version } });
  await page.getByLabel('Select all 2 comments on this page').check();
  await page.getByRole('button', { name: 'Apply to 2 selected comments' }).click();
  await page.getByText('1 comment done. 1 comment not changed: see the message beside it.').waitFor();
  await page
    .getByRole('article', { name: `Comment ${c.fourth.tracking_number}` })
    .getByText(/Another moderator changed this comment first, so your decision was not applied\. It is now: Published\./)
    .waitFor();
  await page.goto(queueUrl, { waitUntil: 'networkidle' });
  await page.getByText('No comment here. The queue is clear.').waitFor();

  // Dispositions: one for the campaign, one per other comment but the last.
  await page.goto(`/staff/consultations/${con.consultationId}/dispositions`, { waitUntil: 'networkidle' });
  await page.getByText('0 of 9 published comments have a disposition.').waitFor();
  await expectAccessible(page, 'dispositions (en-GB)');
  await page.getByLabel('Resolution').first().selectOption('partially_accepted');
  await page.getByLabel('Response').first().fill('The next draft asks for a support period stated on the packaging.');
  await page.getByRole('button', { name: 'Save for the group’s 4 comments' }).click();
  await page.getByText('4 comments done.').waitFor();
  await page.getByText('4 of 9 published comments have a disposition.').waitFor();
  const others = [c.first, c.second, c.personal, c.third];
  for (const item of others) {
    const box = page.locator(`#disp-${item.id}`);
    await box.getByLabel('Resolution').selectOption(item === c.personal ? 'accepted' : 'noted');
    await box.getByLabel('Response').fill(`Answer to ${item.tracking_number}: thank you, taken into account.`);
    await box.getByRole('button', { name: 'Save the disposition' }).click();
    await box.getByText(/^Disposition: (Accepted|Noted)$/).waitFor();
  }
  await page.getByText('8 of 9 published comments have a disposition.').waitFor();

  // Publishing waits for the window to close; with one comment left the 409 names it.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, closesAt - Date.now() + 2_000)));
  await page.getByRole('button', { name: 'Publish the disposition-of-comments report' }).click();
  const refused = page.getByRole('alert').filter({ hasText: 'The report was not published' });
  await refused.waitFor();
  await refused.getByText(c.fourth.tracking_number).waitFor();
  const last = page.locator(`#disp-${c.fourth.id}`);
  await last.getByLabel('Resolution').selectOption('not_accepted');
  await last.getByLabel('Response').fill('Retention periods are set by national law.');
  await last.getByRole('button', { name: 'Save the disposition' }).click();
  await page.getByText('9 of 9 published comments have a disposition.').waitFor();
  await page.getByRole('button', { name: 'Publish the disposition-of-comments report' }).click();
  await page.getByRole('heading', { name: 'Report published' }).waitFor();
  await page.getByText(/The dispositions are final\./).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Save the disposition' }).count(), 0, 'no editor once final');
  await expectAccessible(page, 'dispositions, report published (en-GB)');

  // The public CSV export carries the redacted text, never the original, and the resolutions.
  const csv = await page.evaluate(async (id) => {
    const res = await fetch(`/api/v1/consultations/${id}/export?format=csv&scope=public`, { credentials: 'omit' });
    return `${res.status}\n${await res.text()}`;
  }, con.consultationId);
  assert.match(csv, /^200\n/);
  assert.ok(csv.includes('call me on [removed]'), 'the redacted text is exported');
  assert.ok(!csv.includes(PHONE), 'the original text is not exported');
  assert.ok(csv.includes('partially_accepted') || csv.includes('Partially accepted'), 'the cluster resolution is exported');
  assert.ok(csv.includes('Retention periods are set by national law.'), 'the responses are exported');
});

journey('staff pages keep stakeholders and anonymous visitors out, in French', { locale: 'fr-FR', timeout: 180_000 }, async ({ server, context, page }) => {
  await page.goto('/staff/moderation', { waitUntil: 'networkidle' });
  await page.getByRole('heading', { level: 1, name: 'Connectez-vous pour continuer' }).waitFor();
  const signIn = page.getByRole('link', { name: 'Se connecter' }).last();
  assert.equal(await signIn.getAttribute('href'), `/sign-in?next=${encodeURIComponent('/staff/moderation')}`);
  await expectAccessible(page, 'staff gate, anonymous (fr-FR)');

  const stakeholder = await registerVerifiedStakeholder(server, { language: 'fr' });
  await signInBrowser(context, server, stakeholder);
  await page.goto('/staff/moderation', { waitUntil: 'networkidle' });
  await page.getByRole('heading', { level: 1, name: 'Vous n’avez pas accès à cette page' }).waitFor();
  await page.getByText('Cette page demande le rôle : modérateur ou administrateur.').waitFor();
  assert.equal(await page.getByRole('link', { name: 'Espace du personnel' }).count(), 0, 'no staff link for a stakeholder');
  await expectAccessible(page, 'staff gate, stakeholder (fr-FR)');

  const moderator = await staffToken(server);
  await context.clearCookies();
  await signInBrowser(context, server, moderator);
  await page.goto('/staff/moderation', { waitUntil: 'networkidle' });
  await page.getByRole('heading', { level: 1, name: 'File de modération' }).waitFor();
  await page.getByText('Aucun commentaire ici. La file est vide.').waitFor();
  await expectAccessible(page, 'moderation queue (fr-FR)');
  await page.getByRole('link', { name: 'Espace du personnel' }).click();
  await page.getByRole('heading', { level: 1, name: 'Espace du personnel' }).waitFor();
  await expectAccessible(page, 'staff start page (fr-FR)');
});
