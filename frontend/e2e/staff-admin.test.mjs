// @ts-check
// The staff administration pages against the real binary: a moderator creates a scheme, imports
// a draft (preview first, then a malformed draft's 422), opens a consultation with Brussels times
// (the API stores the UTC instants), extends it through a version conflict; on the demo data, in
// French, the figures and exports of the closed consultation (one download checked), an admin
// changes a user's role and reads the audit trail. axe on every page.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { api, expectAccessible, journey, login, sampleDraft, signInBrowser, staffToken } from './harness.mjs';

journey('a moderator sets up a scheme, a draft and a consultation window in Brussels time', { timeout: 300_000 }, async ({ server, page, context }) => {
  // Anonymous visitors are asked to sign in.
  await page.goto('/staff/schemes');
  await page.getByRole('main').getByRole('link', { name: 'Sign in' }).waitFor();

  const moderator = await staffToken(server);
  await signInBrowser(context, server, moderator);

  // Schemes: create one.
  await page.goto('/staff/schemes');
  await page.getByRole('heading', { level: 1, name: 'Certification schemes' }).waitFor();
  await page.getByRole('heading', { name: 'Create a scheme' }).waitFor();
  await expectAccessible(page, 'schemes');
  const slug = `e2e-${Date.now().toString(36)}`;
  await page.getByLabel('Short name for web addresses').fill(slug);
  await page.getByLabel('Title').fill('Smart meters');
  await page.getByLabel('Summary').fill('Security of smart electricity meters.');
  await page.getByRole('button', { name: 'Create scheme' }).click();
  await page.getByRole('heading', { level: 1, name: 'Smart meters' }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/staff/schemes/${slug}`);

  // Import the sample draft from a file: the server's dry run previews its clauses before anything is saved.
  const importer = page.getByRole('region', { name: 'Import a draft' });
  await importer.getByLabel('Version', { exact: true }).fill('1.0');
  await page.getByLabel('Upload a Markdown file (.md)').check();
  await page.getByLabel('Markdown file', { exact: true }).setInputFiles(sampleDraft);
  const preview = page.getByRole('region', { name: 'Preview of the clauses' });
  await preview.getByText(/^\d+ clauses\.$/).waitFor();
  const scheme0 = await api(server, 'GET', `/schemes/${slug}`, { token: moderator.token });
  assert.equal(scheme0.documents.length, 0, 'nothing saved by the preview');
  await expectAccessible(page, 'scheme with a draft preview');
  await page.getByRole('button', { name: 'Import draft' }).click();
  await page.getByText('Version 1.0 of').waitFor();
  const scheme1 = await api(server, 'GET', `/schemes/${slug}`, { token: moderator.token });
  assert.equal(scheme1.documents.length, 1);
  const doc = scheme1.documents[0];

  // A malformed draft: the dry run's 422 shows in the preview while pasting, and the import's names the line.
  await page.getByLabel('Paste the Markdown text').check();
  await importer.getByLabel('Version', { exact: true }).fill('1.1');
  await page.getByLabel('Markdown text of the draft').fill('## 1 Scope\n\nText.\n\n## 1 Scope again\n');
  await preview.getByText('Line 5: clause number 1 is used twice, at lines 1 and 5').waitFor();
  await page.getByRole('button', { name: 'Import draft' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await summary.getByRole('link', { name: /^Line 5: / }).waitFor();
  await expectAccessible(page, 'scheme with a malformed draft');

  // An older version, then the changes between the two.
  await importer.getByLabel('Version', { exact: true }).fill('0.9');
  await page.getByLabel('Upload a Markdown file (.md)').check();
  await page.getByLabel('Markdown file', { exact: true }).setInputFiles(sampleDraft.replace('iot-v1.0.md', 'iot-v0.9.md'));
  await page.getByRole('button', { name: 'Import draft' }).click();
  await page.getByText('Version 0.9 of').waitFor();
  const versions = (await api(server, 'GET', `/schemes/${slug}`, { token: moderator.token })).documents;
  const older = versions.find((/** @type {any} */ d) => d.version_label === '0.9');
  const compare = page.getByRole('region', { name: 'Compare two versions' });
  await compare.getByLabel('Older version').selectOption(older.id);
  await compare.getByLabel('Newer version').selectOption(doc.id);
  await compare.getByRole('button', { name: 'Compare' }).click();
  const changes = page.getByRole('region', { name: 'Changes between the two versions' });
  await changes.getByText('1 clause removed').waitFor();
  await expectAccessible(page, 'scheme with two versions compared');

  // Open a consultation on the draft: Brussels times, stored in UTC (summer and winter time).
  await page.getByRole('link', { name: 'Open a consultation on version 1.0' }).click();
  await page.getByRole('heading', { level: 1, name: 'Open a consultation' }).waitFor();
  await page.getByLabel('Title').fill('Smart meters: first draft');
  await page.getByLabel('Description').fill('Tell us what you think.');
  const opens = page.getByRole('group', { name: 'Opens' });
  const closes = page.getByRole('group', { name: 'Closes' });
  await opens.getByText('Brussels time (CET, or CEST in summer)').waitFor();
  await opens.getByLabel('Date').fill('2027-03-28');
  await opens.getByLabel('Time').fill('03:00');
  await closes.getByLabel('Date').fill('2027-07-01');
  await closes.getByLabel('Time').fill('09:30');
  await expectAccessible(page, 'new consultation');
  await page.getByRole('button', { name: 'Open consultation' }).click();
  await page.getByRole('heading', { level: 1, name: 'Window of Smart meters: first draft' }).waitFor();
  await page.getByText('The consultation is created').waitFor();
  const id = new URL(page.url()).pathname.split('/')[3];
  let stored = await api(server, 'GET', `/consultations/${id}`);
  assert.equal(stored.document_id, doc.id);
  assert.equal(stored.opens_at, '2027-03-28T01:00:00Z');
  assert.equal(stored.closes_at, '2027-07-01T07:30:00Z');
  await expectAccessible(page, 'consultation window');

  // Someone else changes the window first: a conflict with the stored values, then a retry.
  await api(server, 'PATCH', `/consultations/${id}`, { token: moderator.token, body: { version: stored.version, closes_at: '2027-08-01T10:00:00Z' } });
  await closes.getByLabel('Date').fill('2027-11-15');
  await closes.getByLabel('Time').fill('12:00');
  await page.getByRole('button', { name: 'Save the window' }).click();
  await page.getByText('Someone else changed this consultation').waitFor();
  await page.getByText(/Open from 28 March 2027, 03:00 CEST to 1 August 2027, 12:00 CEST/).first().waitFor();
  await page.getByRole('button', { name: 'Start again from these values' }).click();
  await closes.getByLabel('Date').fill('2027-11-15');
  await closes.getByLabel('Time').fill('12:00');
  await page.getByRole('button', { name: 'Save the window' }).click();
  await page.getByText('The window is saved').waitFor();
  stored = await api(server, 'GET', `/consultations/${id}`);
  assert.equal(stored.closes_at, '2027-11-15T11:00:00Z', 'winter time: UTC+1');

  // Moderators are not administrators.
  await page.goto('/staff/users');
  await page.getByRole('heading', { level: 1, name: 'You are not allowed to see this page' }).waitFor();
  await page.getByText('This page needs the role: administrator.').waitFor();
});

journey('figures, exports, users and the audit trail on the demo data, in French', { demo: true, locale: 'fr-FR', timeout: 300_000 }, async ({ server, page, context }) => {
  const closed = (await api(server, 'GET', '/consultations?status=closed')).items[0];
  assert.ok(closed, 'the demo has a closed consultation');
  await signInBrowser(context, server, { email: 'moderator@example.org', password: 'demo-moderator-passphrase' });

  // The figures: charts with their tables, campaigns counted apart.
  const figures = await api(server, 'GET', `/consultations/${closed.id}/summary?scope=all`, {
    token: (await login(server, 'moderator@example.org', 'demo-moderator-passphrase')).token,
  });
  await page.goto(`/staff/consultations/${closed.id}/summary`);
  await page.getByRole('heading', { level: 1, name: `Chiffres de ${closed.title}` }).waitFor();
  await page.getByText(new RegExp(`^${figures.total} commentaires au total`)).waitFor();
  await page.getByRole('heading', { name: 'Campagnes' }).waitFor();
  for (const name of ['Par type de partie prenante', 'Par pays', 'Par clause', 'Par jour', 'Par état']) {
    await page.getByRole('img', { name }).waitFor();
  }
  await page.getByText('Par pays : tableau').click();
  await page.getByRole('table', { name: 'Par pays' }).waitFor();
  await expectAccessible(page, 'summary (fr-FR)');

  // Exports: a CSV of every comment, named after the consultation and the day.
  await page.goto(`/staff/consultations/${closed.id}/exports`);
  await page.getByRole('heading', { level: 1, name: `Exports de ${closed.title}` }).waitFor();
  await expectAccessible(page, 'exports (fr-FR)');
  const all = page.getByRole('region', { name: 'Tous les commentaires, pour le personnel' });
  const [download] = await Promise.all([page.waitForEvent('download'), all.getByRole('link', { name: 'CSV (texte pour tableur)' }).click()]);
  assert.match(download.suggestedFilename(), /^consultation-[a-z0-9-]+-\d{4}-\d{2}-\d{2}-all\.csv$/);
  const csv = await readFile(/** @type {string} */ (await download.path()), 'utf8');
  assert.match(csv.split('\n')[0] ?? '', /tracking_number/);
  assert.match(csv.split('\n')[0] ?? '', /author_email/);
  assert.ok(csv.trim().split('\n').length > 1, 'the export holds comments');
  // PDF: downloaded when the server offers it, else its refusal shown here.
  await all.getByRole('link', { name: 'Document PDF' }).click();
  await page.getByText(/\.pdf (est téléchargé|n’a pas pu être téléchargé : .+)/).waitFor();

  // An admin changes a stakeholder's role after a confirmation, then finds it in the audit trail.
  const admin = await login(server, 'admin@example.org', 'demo-admin-passphrase');
  await context.clearCookies(); // a new sign-in, as after signing out
  await signInBrowser(context, server, { email: 'admin@example.org', password: 'demo-admin-passphrase' });
  await page.goto('/staff/users?role=stakeholder');
  await page.getByRole('heading', { level: 1, name: 'Utilisateurs' }).waitFor();
  await page.getByRole('table', { name: 'Utilisateurs et leurs accès' }).waitFor();
  await page.getByLabel('Adresse électronique').fill('stakeholder@example.org');
  await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
  await page.getByRole('button', { name: 'Modifier l’accès de stakeholder@example.org' }).click();
  await page.getByRole('radio', { name: 'Modérateur' }).check();
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.getByText('stakeholder@example.org devient Modérateur').waitFor();
  await expectAccessible(page, 'users, confirmation (fr-FR)');
  await page.getByRole('button', { name: 'Confirmer la modification' }).click();
  await page.getByText('stakeholder@example.org est maintenant Modérateur, compte Actif.').waitFor();
  const users = await api(server, 'GET', '/admin/users?email=stakeholder@example.org', { token: admin.token });
  assert.equal(users.items[0].role, 'moderator');

  await page.goto('/staff/audit?action=user.access_changed');
  await page.getByRole('heading', { level: 1, name: 'Journal d’audit' }).waitFor();
  await page.getByRole('heading', { name: /^Événement \d+ : user\.access_changed$/ }).first().waitFor();
  await page.getByRole('button', { name: 'Vérifier toute la chaîne' }).click();
  await page.getByText(/^La chaîne est intacte : \d+ événements vérifiés/).waitFor();
  await expectAccessible(page, 'audit (fr-FR)');
});
