// @ts-check
// The account screens in a browser against the real server (registering through the pages and the
// mailed link are in journey.test.mjs): sign in → profile edit → data download → sign out →
// forgotten password → reset → sign in (?next) → delete the account, in English with the mouse and
// in French with the keyboard alone; a registration with errors; the profile with both forms in
// error. Axe checks every page on the way.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { api, expectAccessible, journey, outboxLink, registerVerifiedStakeholder, signInBrowser, tabTo } from './harness.mjs';

/** The words each journey looks for, by locale. */
const words = {
  'en-GB': {
    lang: 'en',
    signedInAs: /Signed in as Ana Example/,
    profileLink: /^Profile$/,
    saved: /Your details are saved/,
    download: /Download my data/,
    signOut: /Sign out/,
    signInLink: /^Sign in$/,
    forgotten: /Forgotten your password/,
    resetSent: /If an account has this address/,
    resetDone: /Your password is changed/,
    deleteStart: /^Delete my account$/,
    deleteQuestion: /Are you sure you want to delete your account/,
    deleteConfirm: /Yes, delete my account/,
    deleted: /Your account is deleted/,
    published: /Comments already published stay in the consultation's public record/,
  },
  'fr-FR': {
    lang: 'fr',
    signedInAs: /Connecté en tant que Ana Example/,
    profileLink: /^Profil$/,
    saved: /Vos informations sont enregistrées/,
    download: /Télécharger mes données/,
    signOut: /Se déconnecter/,
    signInLink: /^Se connecter$/,
    forgotten: /Mot de passe oublié/,
    resetSent: /Si un compte a cette adresse/,
    resetDone: /Votre mot de passe est changé/,
    deleteStart: /^Supprimer mon compte$/,
    deleteQuestion: /Voulez-vous vraiment supprimer votre compte/,
    deleteConfirm: /Oui, supprimer mon compte/,
    deleted: /Votre compte est supprimé/,
    published: /Les commentaires déjà publiés restent dans le dossier public/,
  },
};

/**
 * Presses Shift+Tab until target has the focus (to reach the header from a page's heading).
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').Locator} target
 */
async function shiftTabTo(page, target, maxPresses = 60) {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Shift+Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`${target} not reached with ${maxPresses} presses of Shift+Tab`);
}

/**
 * The way a journey works the page: with the mouse, or with the keyboard alone (Tab, Shift+Tab,
 * typing, Enter and Space; no clicks).
 * @param {import('playwright-core').Page} page
 * @param {boolean} keyboard
 */
function hands(page, keyboard) {
  return {
    /** @param {import('playwright-core').Locator} field @param {string} value */
    async fill(field, value) {
      if (!keyboard) return field.fill(value);
      await tabTo(page, field);
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(value);
    },
    /** @param {import('playwright-core').Locator} target @param {{back?: boolean, key?: string}} [how] */
    async activate(target, { back = false, key = 'Enter' } = {}) {
      if (!keyboard) return target.click();
      await (back ? shiftTabTo(page, target) : tabTo(page, target));
      await page.keyboard.press(key);
    },
  };
}

for (const [locale, keyboard] of /** @type {const} */ ([['en-GB', false], ['fr-FR', true]])) {
  const w = words[locale];
  const mode = keyboard ? 'the keyboard alone' : 'the mouse';
  journey(`the whole life of an account, in ${locale} with ${mode}`, { locale, timeout: 300_000 }, async ({ server, page }) => {
    const email = `ana-${w.lang}-${Date.now()}@example.org`;
    const password = 'amber falcon ledger ninety';
    const newPassword = 'quiet river tower seventy';
    const my = hands(page, keyboard);
    const main = page.getByRole('main');
    const h1 = page.getByRole('heading', { level: 1 });

    // Registered and confirmed (the journey test does it through the pages); signed in here.
    await api(server, 'POST', '/auth/register', {
      body: {
        email,
        password,
        display_name: 'Ana Example',
        organisation: 'Example Devices',
        stakeholder_type: 'company',
        country: 'BE',
        transparency_register_id: '123456789012-34',
        language: w.lang,
      },
      expect: 201,
    });
    const token = new URLSearchParams(new URL(await outboxLink(server, email, '/verify-email')).hash.slice(1)).get('token');
    await api(server, 'POST', '/auth/verify-email', { body: { token }, expect: 204 });

    // Sign in: back to the home page, the header says who is signed in.
    await page.goto('/sign-in', { waitUntil: 'networkidle' });
    await my.fill(page.locator('#email'), email);
    await my.fill(page.locator('#password'), password);
    await my.activate(main.locator('button[type="submit"]'));
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByText(w.signedInAs).waitFor();

    // Profile: edit a detail.
    await my.activate(page.getByRole('navigation').getByRole('link', { name: w.profileLink }), { back: true });
    await page.waitForURL('**/profile');
    await page.locator('#display_name').waitFor();
    assert.equal(await page.locator('#organisation').inputValue(), 'Example Devices');
    assert.equal(await page.locator('#transparency_register_id').inputValue(), '123456789012-34');
    await expectAccessible(page, `profile (${locale})`);
    await my.fill(page.locator('#organisation'), 'Example Devices SA');
    await my.activate(page.locator('#details-title ~ form button[type="submit"]'));
    await main.getByText(w.saved).waitFor();
    const me = await page.context().request.get('/api/v1/me');
    assert.equal((await me.json()).organisation, 'Example Devices SA');

    // Download my data: a JSON file holding the account.
    const downloading = page.waitForEvent('download');
    await my.activate(main.getByRole('button', { name: w.download }), { key: keyboard ? 'Space' : 'Enter' });
    const download = await downloading;
    assert.equal(download.suggestedFilename(), 'consult-my-data.json');
    const data = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.equal(data.account.email, email);
    assert.equal(data.account.organisation, 'Example Devices SA');

    // Sign out from the header: home, signed out.
    await my.activate(page.getByRole('navigation').getByRole('button', { name: w.signOut }), { back: true });
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('navigation').getByRole('link', { name: w.signInLink }).waitFor();
    assert.equal((await page.context().request.get('/api/v1/me')).status(), 401);

    // Forgotten password: ask for a link, open it, choose a new password.
    await page.goto('/sign-in', { waitUntil: 'networkidle' });
    await my.activate(main.getByRole('link', { name: w.forgotten }));
    await page.waitForURL('**/password-reset');
    await expectAccessible(page, `password reset request (${locale})`);
    await my.fill(page.locator('#email'), email);
    await my.activate(main.locator('button[type="submit"]'));
    await main.getByText(w.resetSent).waitFor();
    await page.goto(await outboxLink(server, email, '/password-reset'), { waitUntil: 'networkidle' });
    await page.locator('#password').waitFor();
    await expectAccessible(page, `new password (${locale})`);
    await my.fill(page.locator('#password'), newPassword);
    await my.activate(main.locator('button[type="submit"]'));
    await h1.filter({ hasText: w.resetDone }).waitFor();
    await expectAccessible(page, `password changed (${locale})`);
    await api(server, 'POST', '/auth/login', { body: { email, password }, expect: 401 });

    // The profile asks a signed-out visitor to sign in, and comes back after.
    await page.goto('/profile', { waitUntil: 'networkidle' });
    await expectAccessible(page, `profile signed out (${locale})`);
    await my.activate(main.getByRole('link', { name: w.signInLink }));
    await page.waitForURL('**/sign-in?next=/profile');
    await my.fill(page.locator('#email'), email);
    await my.fill(page.locator('#password'), newPassword);
    await my.activate(main.locator('button[type="submit"]'));
    await page.waitForURL('**/profile');

    // Delete the account, after a step that says what happens.
    await my.activate(main.getByRole('button', { name: w.deleteStart }));
    const question = main.getByRole('heading', { name: w.deleteQuestion });
    await question.waitFor();
    assert.ok(await question.evaluate((el) => el === document.activeElement), 'the question has the focus');
    await main.getByText(w.published).waitFor();
    await expectAccessible(page, `delete confirmation (${locale})`);
    await my.activate(main.getByRole('button', { name: w.deleteConfirm }));
    await h1.filter({ hasText: w.deleted }).waitFor();
    await expectAccessible(page, `deleted (${locale})`);
    await page.getByRole('navigation').getByRole('link', { name: w.signInLink }).waitFor();
    await api(server, 'POST', '/auth/login', { body: { email, password: newPassword }, expect: 401 });
  });
}

journey('a registration with errors, a refused sign-in and a reset link that does not work', {}, async ({ page }) => {
  const main = page.getByRole('main');
  await page.goto('/register', { waitUntil: 'networkidle' });
  await main.getByRole('button', { name: 'Create my account' }).click();

  // The summary takes the focus, lists each missing answer and links to its field.
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await summary.waitFor();
  assert.ok(await summary.evaluate((el) => el === document.activeElement), 'the summary has the focus');
  const lines = await summary.getByRole('link').allInnerTexts();
  assert.deepEqual(lines, [
    'Enter your email address',
    'Enter a password',
    'Enter your name',
    'Choose which kind of stakeholder you are',
    'Choose your country',
  ]);
  await expectAccessible(page, 'register with errors');
  await summary.getByRole('link', { name: 'Choose your country' }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'country');
  assert.equal(await page.locator('#country').getAttribute('aria-invalid'), 'true');

  // A password the server refuses: its reason is on the field and in the summary.
  await page.locator('#email').fill('ben@example.org');
  await page.locator('#password').fill('password1234');
  await page.locator('#display_name').fill('Ben Example');
  await page.locator('#stakeholder_type').selectOption('eu_citizen');
  await page.locator('#country').selectOption('DE');
  await main.getByRole('button', { name: 'Create my account' }).click();
  await summary.getByRole('link', { name: /^Password: .*common/ }).waitFor();
  assert.match(await page.locator('#password-error').innerText(), /common/);
  await summary.getByRole('link').first().click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'password');

  // A wrong password: the same words whatever was wrong.
  await page.goto('/sign-in', { waitUntil: 'networkidle' });
  await page.locator('#email').fill('nobody@example.org');
  await page.locator('#password').fill('not the password at all');
  await main.getByRole('button', { name: 'Sign in' }).click();
  await summary.getByText('The email address or the password is not right').waitFor();
  await expectAccessible(page, 'sign in refused');

  // A reset link that does not work says so and leads to a new one.
  await page.goto('/password-reset#token=not-a-real-token', { waitUntil: 'networkidle' });
  await page.locator('#password').fill('a perfectly fine new password');
  await main.getByRole('button', { name: 'Change my password' }).click();
  await main.getByRole('heading', { name: /This link does not work/ }).waitFor();
  await main.getByRole('link', { name: 'Ask for a new link' }).click();
  await page.locator('#email').waitFor();
  assert.equal(new URL(page.url()).hash, '');
});

journey('an unconfirmed address: the profile says so, a bad link offers a new one', { locale: 'fr-FR' }, async ({ server, context, page }) => {
  const email = `carla-${Date.now()}@example.org`;
  const password = 'silver lantern orchard five';
  await api(server, 'POST', '/auth/register', {
    body: { email, password, display_name: 'Carla Example', stakeholder_type: 'ngo', country: 'FR', language: 'fr' },
    expect: 201,
  });
  await context.request.post('/api/v1/auth/login', { data: { email, password } });
  const main = page.getByRole('main');

  await page.goto('/profile', { waitUntil: 'networkidle' });
  await main.getByRole('heading', { name: /Votre adresse électronique n’est pas encore confirmée/ }).waitFor();
  assert.equal(await page.locator('#resend-email').inputValue(), email);
  await main.getByRole('button', { name: 'Envoyer un nouveau lien' }).click();
  await main.getByText(/un nouveau lien est en route/).waitFor();

  await page.goto('/verify-email#token=not-a-real-token', { waitUntil: 'networkidle' });
  await main.getByRole('heading', { name: /Ce lien ne fonctionne pas/ }).waitFor();
  await expectAccessible(page, 'verify with a bad link (fr-FR)');

  // The fresh link (of the second mail: the new one replaced the registration's), opened over this
  // very page, confirms the address and the session knows it.
  await page.goto(await outboxLink(server, email, '/verify-email', { mails: 2 }), { waitUntil: 'networkidle' });
  await main.getByText(/Votre adresse électronique est confirmée/).waitFor();
  await page.goto('/profile', { waitUntil: 'networkidle' });
  await page.locator('#display_name').waitFor();
  assert.equal(await main.getByText(/pas encore confirmée/).count(), 0);
});

journey('the profile with both its forms in error: two summaries, each its own title, no axe violation', {}, async ({ server, context, page }) => {
  await signInBrowser(context, server, await registerVerifiedStakeholder(server));
  const main = page.getByRole('main');
  await page.goto('/profile', { waitUntil: 'networkidle' });
  await page.locator('#display_name').fill('');
  await page.locator('#details-title ~ form button[type="submit"]').click();
  await main.getByRole('button', { name: 'Change my password' }).click();
  const summaries = main.getByRole('alert').filter({ hasText: 'There is a problem' });
  await summaries.nth(1).waitFor();
  assert.equal(await summaries.count(), 2);
  const titles = await summaries.evaluateAll((boxes) => boxes.map((b) => b.getAttribute('aria-labelledby')));
  assert.equal(new Set(titles).size, 2, `each summary has its own title: ${titles.join(', ')}`);
  await expectAccessible(page, 'profile with both forms in error');
});
