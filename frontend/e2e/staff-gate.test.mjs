// @ts-check
// The staff console's gate in a real browser against the real binary: an anonymous visitor is asked
// to sign in, a stakeholder is told the page needs a staff role, a moderator gets in; every page
// passes axe. The moderation journey itself is in staff-flow.test.mjs.
import assert from 'node:assert/strict';

import { expectAccessible, journey, registerVerifiedStakeholder, signInBrowser, staffToken } from './harness.mjs';

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
