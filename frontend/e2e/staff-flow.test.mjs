// @ts-check
// One consultation run from start to end in the staff console, against the real binary: a
// moderator imports a draft (pasted, with the preview), opens a consultation in Brussels time and
// extends it; stakeholders (through the API) comment, six of them with a campaign's near-identical
// text; the moderator clears the queue (filters, the campaign with one cluster action, a redaction,
// the keyboard's j/k/p/r/o, a bulk action that meets another moderator's decision); once the window
// has closed, records dispositions per comment and per cluster, publishes the report, and
// downloads the CSV exports from the Exports page, whose rows the test reads. axe on every staff
// page. It holds the moderation journey of the former staff-moderation test.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import {
  MINUTE,
  api,
  apiInstant,
  brusselsFields,
  csvRecords,
  downloadText,
  expectAccessible,
  journey,
  registerVerifiedStakeholder,
  sampleDraft,
  signInBrowser,
  staffToken,
} from './harness.mjs';

const CAMPAIGN =
  'We ask the agency to require that every connected device sold in the Union receives security updates for at least ten years after it is placed on the market, and that the update period is printed on the box';

const PHONE = '+32 470 12 34 56';

const SECRET = 'Our unreleased sensor line stores keys in plain text until the 2028 model.';

/** @param {any[]} clauses @returns {any[]} */
function flatten(clauses) {
  return clauses.flatMap((c) => [c, ...flatten(c.children ?? [])]);
}

/**
 * Submits a comment through the API as a stakeholder.
 * @param {import('./lib/server.mjs').Server} server
 * @param {string} token
 * @param {string} consultationId
 * @param {string} clauseId
 * @param {string} body
 * @param {string} [publication]
 */
function comment(server, token, consultationId, clauseId, body, publication = 'public_named') {
  return api(server, 'POST', `/consultations/${consultationId}/comments`, {
    token,
    body: { clause_id: clauseId, comment_type: 'technical', body, publication },
    expect: 201,
  });
}

journey('a moderator runs a consultation from the draft to the published report and its exports', { timeout: 480_000 }, async ({ server, context, page }) => {
  const moderator = await staffToken(server);
  // The stakeholders register first, so that the window can be short.
  const [ada, bo, cy, dee] = await Promise.all([
    registerVerifiedStakeholder(server, { displayName: 'Ada Campaigner', stakeholderType: 'ngo', country: 'FR' }),
    registerVerifiedStakeholder(server, { displayName: 'Bo Builder', organisation: 'Bo Devices', stakeholderType: 'company', country: 'DE' }),
    registerVerifiedStakeholder(server, { displayName: 'Cy Citizen', stakeholderType: 'eu_citizen', country: 'BE' }),
    registerVerifiedStakeholder(server, { displayName: 'Dee Dealer', stakeholderType: 'other', country: 'NL' }),
  ]);
  const slug = `flow-${Date.now().toString(36)}`;
  await api(server, 'POST', '/schemes', { token: moderator.token, body: { slug, title: 'Connected devices', summary: 'Security of connected devices.' }, expect: 201 });
  await signInBrowser(context, server, moderator);

  // The draft, pasted: the preview shows its clauses before anything is saved.
  await page.goto(`/staff/schemes/${slug}`);
  await page.getByRole('heading', { level: 1, name: 'Connected devices' }).waitFor();
  const importer = page.getByRole('region', { name: 'Import a draft' });
  await importer.getByLabel('Version', { exact: true }).fill('1.0');
  await page.getByLabel('Paste the Markdown text').check();
  await page.getByLabel('Markdown text of the draft').fill(await readFile(sampleDraft, 'utf8'));
  await page.getByRole('region', { name: 'Preview of the clauses' }).getByText(/^\d+ clauses\.$/).waitFor();
  await expectAccessible(page, 'scheme, draft preview');
  await page.getByRole('button', { name: 'Import draft' }).click();
  await page.getByText('Version 1.0 of').waitFor();

  // The window in Brussels time: open since the last minute, closing about two minutes from now,
  // then extended by a minute.
  await page.getByRole('link', { name: 'Open a consultation on version 1.0' }).click();
  await page.getByRole('heading', { level: 1, name: 'Open a consultation' }).waitFor();
  const opensAt = Math.floor(Date.now() / MINUTE) * MINUTE - MINUTE;
  let closesAt = Math.ceil((Date.now() + MINUTE) / MINUTE) * MINUTE;
  await page.getByLabel('Title').fill('Connected devices: first draft');
  await page.getByLabel('Description').fill('Tell us what you think.');
  const opens = page.getByRole('group', { name: 'Opens' });
  const closes = page.getByRole('group', { name: 'Closes' });
  await opens.getByLabel('Date').fill(brusselsFields(opensAt).date);
  await opens.getByLabel('Time').fill(brusselsFields(opensAt).time);
  await closes.getByLabel('Date').fill(brusselsFields(closesAt).date);
  await closes.getByLabel('Time').fill(brusselsFields(closesAt).time);
  await expectAccessible(page, 'new consultation');
  await page.getByRole('button', { name: 'Open consultation' }).click();
  await page.getByRole('heading', { level: 1, name: 'Window of Connected devices: first draft' }).waitFor();
  await page.getByText('The consultation is created').waitFor();
  const consultationId = new URL(page.url()).pathname.split('/')[3];
  closesAt += MINUTE;
  await closes.getByLabel('Date').fill(brusselsFields(closesAt).date);
  await closes.getByLabel('Time').fill(brusselsFields(closesAt).time);
  await page.getByRole('button', { name: 'Save the window' }).click();
  await page.getByText('The window is saved').waitFor();
  await expectAccessible(page, 'consultation window');
  const stored = await api(server, 'GET', `/consultations/${consultationId}`);
  assert.equal(stored.status, 'open');
  assert.equal(stored.opens_at, apiInstant(opensAt));
  assert.equal(stored.closes_at, apiInstant(closesAt), 'the Brussels time is stored as its UTC instant');

  // The comments, oldest first: six of them a campaign on the third clause.
  const [c1, c2, c3] = flatten((await api(server, 'GET', `/documents/${stored.document_id}`)).clauses);
  const say = (/** @type {any} */ who, /** @type {any} */ clause, /** @type {string} */ text, publication = 'public_named') =>
    comment(server, who.token, consultationId, clause.id, text, publication);
  /** @type {Record<string, any>} */
  const c = {};
  c.first = await say(bo, c1, 'The definitions should name the conformity assessment bodies explicitly.');
  c.second = await say(cy, c2, 'Please add an example of a vulnerability disclosure policy.');
  c.spam = await say(dee, c1, 'Cheap certificates for every device, delivered overnight: write to sales at example.net.');
  c.campaign = [];
  for (const [i, who] of [ada, bo, cy, dee, ada, cy].entries()) {
    c.campaign.push(await say(who, c3, `${CAMPAIGN}${i % 2 ? '.' : ', please.'}`));
  }
  c.personal = await say(ada, c2, `The support line is unclear; call me on ${PHONE} to discuss the reporting duty.`);
  c.confidential = await say(bo, c1, SECRET, 'confidential');
  c.third = await say(bo, c1, 'The transition period of the scheme is too short for small makers.');
  c.fourth = await say(cy, c2, 'The annex on logging should say how long logs are kept.');
  const authorOf = new Map([
    [c.first.id, bo], [c.second.id, cy], [c.spam.id, dee], [c.personal.id, ada], [c.confidential.id, bo], [c.third.id, bo], [c.fourth.id, cy],
    ...c.campaign.map((/** @type {any} */ x, /** @type {number} */ i) => [x.id, [ada, bo, cy, dee, ada, cy][i]]),
  ]);
  const submitted = [c.first, c.second, c.spam, ...c.campaign, c.personal, c.confidential, c.third, c.fourth];

  // The staff start page: the consultation with its waiting comments.
  await page.goto('/staff', { waitUntil: 'networkidle' });
  await page.getByRole('heading', { level: 1, name: 'Staff console' }).waitFor();
  await page.getByText(`${submitted.length} comments awaiting moderation`).waitFor();
  await expectAccessible(page, 'staff start page');

  // The queue of the consultation, with the campaign grouped and each author's profile.
  const queueUrl = `/staff/moderation?consultation_id=${consultationId}`;
  await page.locator(`a[href="${queueUrl}"]`).click();
  await page.waitForURL(`**${queueUrl}`);
  const group = page.locator(`#cluster-${c.campaign[0].id}`);
  await group.getByRole('heading', { name: 'Group of 6 comments' }).waitFor();
  await page.getByRole('article', { name: `Comment ${c.first.tracking_number}` }).getByText('Bo Builder, Bo Devices').waitFor();
  await expectAccessible(page, 'moderation queue');

  // The help lists the shortcuts in a dialog that Escape closes.
  await page.getByRole('heading', { level: 1 }).focus();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await help.waitFor();
  await expectAccessible(page, 'shortcuts help');
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'hidden' });

  // Filters kept in the address: the comments on one clause, then those of one type of author.
  const articles = page.getByRole('article');
  const shown = () => articles.evaluateAll((els) => els.map((e) => e.id));
  const ids = (/** @type {any[]} */ list) => list.map((x) => `item-${x.id}`);
  await page.getByLabel('Clause', { exact: true }).selectOption(c2.id);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(`**${queueUrl}&clause_id=${c2.id}`);
  await page.getByRole('article', { name: `Comment ${c.fourth.tracking_number}` }).waitFor();
  assert.deepEqual(await shown(), ids([c.second, c.personal, c.fourth]));
  assert.equal(await page.getByLabel('Clause', { exact: true }).inputValue(), c2.id, 'the clause filter is restored from the address');
  await page.getByLabel('Clause', { exact: true }).selectOption('');
  await page.getByLabel('Author’s type of stakeholder').selectOption('company');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(`**${queueUrl}&stakeholder_type=company`);
  await page.getByRole('article', { name: `Comment ${c.third.tracking_number}` }).waitFor();
  assert.deepEqual(await shown(), ids(submitted.filter((x) => authorOf.get(x.id) === bo)));
  await page.goto(queueUrl, { waitUntil: 'networkidle' });

  // One decision for the whole campaign.
  await group.getByRole('button', { name: 'Publish the group’s 6 comments' }).click();
  await group.getByText('6 comments done.').waitFor();
  await page.getByRole('article', { name: `Comment ${c.campaign[5].tracking_number}` }).getByText('Published.').waitFor();

  // A redaction, with the original beside the editor.
  const personal = page.getByRole('article', { name: `Comment ${c.personal.tracking_number}` });
  await personal.getByRole('button', { name: `Redact ${c.personal.tracking_number}` }).click();
  await personal.getByText('Original comment (staff only)').waitFor();
  await personal.getByLabel('Comment as the public will read it').fill('The support line is unclear; call me on [removed] to discuss the reporting duty.');
  await personal.getByRole('button', { name: 'Publish the redacted text' }).click();
  await personal.getByText('Published with the redacted text.').waitFor();
  await personal.getByText('[removed]').first().waitFor();

  // The keyboard: j and k move, p publishes, o opens the comment, r rejects with a reason.
  const article = (/** @type {any} */ x) => page.getByRole('article', { name: `Comment ${x.tracking_number}` });
  await page.goto(queueUrl, { waitUntil: 'networkidle' });
  await article(c.fourth).waitFor();
  assert.deepEqual(await shown(), ids([c.first, c.second, c.spam, c.confidential, c.third, c.fourth]));
  const focused = () => page.evaluate(() => document.activeElement?.id);
  await page.getByRole('heading', { level: 1 }).focus();
  await page.keyboard.press('j');
  assert.equal(await focused(), `item-${c.first.id}`);
  await page.keyboard.press('p');
  await article(c.first).getByText('Published.').waitFor();
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  assert.equal(await focused(), `item-${c.first.id}`, 'k goes back');
  await page.keyboard.press('j');
  assert.equal(await focused(), `item-${c.second.id}`);
  await page.keyboard.press('p');
  await article(c.second).getByText('Published.').waitFor();
  await page.keyboard.press('o');
  await page.waitForURL(`**/comments/${c.second.id}`);
  await page.getByRole('heading', { level: 1, name: new RegExp(c.second.tracking_number) }).waitFor();
  await page.goBack();
  await page.waitForURL(`**${queueUrl}`);
  await article(c.spam).waitFor();
  await page.getByRole('heading', { level: 1 }).focus();
  await page.keyboard.press('j');
  assert.equal(await focused(), `item-${c.spam.id}`);
  await page.keyboard.press('r');
  const reason = page.locator(`#reason-${c.spam.id}`);
  await page.waitForFunction((id) => document.activeElement?.id === id, `reason-${c.spam.id}`);
  await reason.selectOption('spam');
  await article(c.spam).getByRole('button', { name: 'Reject the comment' }).click();
  await article(c.spam).getByText('Rejected.').waitFor();

  // A bulk action over the rest, one of which another moderator has just published.
  await page.goto(queueUrl, { waitUntil: 'networkidle' });
  await article(c.fourth).waitFor();
  await api(server, 'POST', `/comments/${c.fourth.id}/moderation`, { token: moderator.token, body: { action: 'publish', version: c.fourth.version } });
  await page.getByLabel('Select all 3 comments on this page').check();
  await page.getByRole('button', { name: 'Apply to 3 selected comments' }).click();
  await page.getByText('2 comments done. 1 comment not changed: see the message beside it.').waitFor();
  await article(c.fourth)
    .getByText(/Another moderator changed this comment first, so your decision was not applied\. It is now: Published\./)
    .waitFor();
  await page.goto(queueUrl, { waitUntil: 'networkidle' });
  await page.getByText('No comment here. The queue is clear.').waitFor();

  // Dispositions, once the window has closed: one for the campaign, one per other comment but the
  // last.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, closesAt - Date.now() + 2_000)));
  const published = submitted.filter((x) => x !== c.spam);
  const progress = (/** @type {number} */ done) => page.getByText(`${done} of ${published.length} published comments have a disposition.`);
  await page.goto(`/staff/consultations/${consultationId}/dispositions`, { waitUntil: 'networkidle' });
  await progress(0).waitFor();
  await expectAccessible(page, 'dispositions');
  await page.getByLabel('Resolution').first().selectOption('partially_accepted');
  await page.getByLabel('Response').first().fill('The next draft asks for a support period stated on the packaging.');
  await page.getByRole('button', { name: 'Save for the group’s 6 comments' }).click();
  await page.getByText('6 comments done.').waitFor();
  await progress(6).waitFor();
  const others = [c.first, c.second, c.personal, c.confidential, c.third];
  for (const item of others) {
    const box = page.locator(`#disp-${item.id}`);
    await box.getByLabel('Resolution').selectOption(item === c.personal ? 'accepted' : 'noted');
    await box.getByLabel('Response').fill(`Answer to ${item.tracking_number}: thank you, taken into account.`);
    await box.getByRole('button', { name: 'Save the disposition' }).click();
    await box.getByText(/^Disposition: (Accepted|Noted)$/).waitFor();
  }
  await progress(published.length - 1).waitFor();

  // With one comment left, publishing the report is refused and the 409 names it.
  await page.getByRole('button', { name: 'Publish the disposition-of-comments report' }).click();
  const refused = page.getByRole('alert').filter({ hasText: 'The report was not published' });
  await refused.waitFor();
  await refused.getByText(c.fourth.tracking_number).waitFor();
  const last = page.locator(`#disp-${c.fourth.id}`);
  await last.getByLabel('Resolution').selectOption('not_accepted');
  await last.getByLabel('Response').fill('Retention periods are set by national law.');
  await last.getByRole('button', { name: 'Save the disposition' }).click();
  await progress(published.length).waitFor();
  await page.getByRole('button', { name: 'Publish the disposition-of-comments report' }).click();
  await page.getByRole('heading', { name: 'Report published' }).waitFor();
  await page.getByText(/The dispositions are final\./).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Save the disposition' }).count(), 0, 'no editor once final');
  await expectAccessible(page, 'dispositions, report published');

  // The exports, downloaded from the Exports page and read row by row.
  await page.goto(`/staff/consultations/${consultationId}/exports`);
  await page.getByRole('heading', { level: 1, name: 'Exports of Connected devices: first draft' }).waitFor();
  await expectAccessible(page, 'exports');
  const csvLink = 'CSV (spreadsheet text)';
  const publicCsv = await downloadText(page, page.getByRole('region', { name: 'Published comments' }).getByRole('link', { name: csvLink }));
  assert.match(publicCsv.name, /-public\.csv$/);
  const rows = new Map(csvRecords(publicCsv.text).map((r) => [r.tracking_number, r]));
  const expected = published.filter((x) => x !== c.confidential).map((x) => x.tracking_number);
  assert.deepEqual([...rows.keys()].sort(), [...expected].sort(), 'every published comment but the confidential one, and not the rejected one');
  assert.ok(!publicCsv.text.includes(PHONE), 'the original text of the redacted comment is not exported');
  assert.ok(!publicCsv.text.includes(SECRET), 'the confidential comment is not exported');
  assert.equal(rows.get(c.personal.tracking_number)?.comment, 'The support line is unclear; call me on [removed] to discuss the reporting duty.');
  for (const x of c.campaign) assert.equal(rows.get(x.tracking_number)?.resolution, 'partially_accepted', 'the cluster disposition');
  assert.equal(rows.get(c.personal.tracking_number)?.resolution, 'accepted');
  assert.equal(rows.get(c.fourth.tracking_number)?.response, 'Retention periods are set by national law.');

  // The staff export holds every comment, with the original beside the redacted text.
  const staffCsv = await downloadText(page, page.getByRole('region', { name: 'All comments, for staff' }).getByRole('link', { name: csvLink }));
  const all = new Map(csvRecords(staffCsv.text).map((r) => [r.tracking_number, r]));
  assert.equal(all.size, submitted.length);
  assert.equal(all.get(c.spam.tracking_number)?.status, 'rejected');
  assert.equal(all.get(c.confidential.tracking_number)?.comment, SECRET);
  assert.ok(all.get(c.personal.tracking_number)?.original_text.includes(PHONE), 'staff see the original text');
});
