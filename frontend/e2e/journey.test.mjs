// @ts-check
// The whole stakeholder journey in one go, through the web app only (the staff set the
// consultation up through the API): the home page → the open consultation → "Comment on clause …"
// → the sign-in prompt → register → the mailed verification link → sign in, back to the comment
// form (?next=) → quote a selected passage → send → the receipt and its tracking number → My
// comments. In English with the mouse, in French with the keyboard alone (Tab, Shift+Tab, arrows,
// Enter, Space and typing: no click), in German with the mouse. Axe checks every page on the way.
import assert from 'node:assert/strict';

import { expectAccessible, journey, openConsultation, outboxLink, staffToken, tabTo } from './harness.mjs';

/** What each run looks for and types, by locale. */
const runs = /** @type {const} */ ([
  {
    locale: 'en-GB',
    keyboard: false,
    lang: 'en',
    commentOn: (/** @type {string} */ n) => `Comment on clause ${n}`,
    signInPrompt: 'You need to sign in to comment.',
    register: 'Register',
    registered: 'Check your mailbox',
    verified: 'Your email address is confirmed.',
    signInToComment: 'Sign in to comment',
    stakeholder: 'Company',
    country: 'Belgium',
    quote: 'Quote the selected passage',
    quoteTitle: 'The passage you quote',
    technical: 'Technical',
    body: 'Your comment',
    named: 'Public, with my name and organisation',
    send: 'Send the comment',
    received: 'Your comment was received',
    mine: 'See all your comments',
    submitted: 'Submitted, awaiting moderation',
  },
  {
    locale: 'fr-FR',
    keyboard: true,
    lang: 'fr',
    commentOn: (/** @type {string} */ n) => `Commenter la clause ${n}`,
    signInPrompt: 'Vous devez vous connecter pour commenter.',
    register: 'Créer un compte',
    registered: 'Consultez votre messagerie',
    verified: 'Votre adresse électronique est confirmée.',
    signInToComment: 'Se connecter pour commenter',
    stakeholder: 'Entreprise',
    country: 'Belgique',
    quote: 'Citer le passage sélectionné',
    quoteTitle: 'Le passage que vous citez',
    technical: 'Technique',
    body: 'Votre commentaire',
    named: 'Public, avec mon nom et mon organisation',
    send: 'Envoyer le commentaire',
    received: 'Votre commentaire a été reçu',
    mine: 'Voir tous vos commentaires',
    submitted: 'Soumis, en attente de modération',
  },
  {
    locale: 'de-DE',
    keyboard: false,
    lang: 'de',
    commentOn: (/** @type {string} */ n) => `Abschnitt ${n} kommentieren`,
    signInPrompt: 'Sie müssen sich anmelden, um zu kommentieren.',
    register: 'Registrieren',
    registered: 'Sehen Sie in Ihr Postfach',
    verified: 'Ihre E-Mail-Adresse ist bestätigt.',
    signInToComment: 'Zum Kommentieren anmelden',
    stakeholder: 'Unternehmen',
    country: 'Belgien',
    quote: 'Markierte Stelle zitieren',
    quoteTitle: 'Die Stelle, die Sie zitieren',
    technical: 'Technisch',
    body: 'Ihr Kommentar',
    named: 'Öffentlich, mit meinem Namen und meiner Organisation',
    send: 'Kommentar senden',
    received: 'Ihr Kommentar ist eingegangen',
    mine: 'Alle Ihre Kommentare ansehen',
    submitted: 'Eingereicht, wartet auf Moderation',
  },
]);

/**
 * @param {any[]} clauses
 * @returns {any[]}
 */
function flatten(clauses) {
  return clauses.flatMap((c) => [c, ...flatten(c.children ?? [])]);
}

/**
 * The way a run works the page: with the mouse, or with the keyboard alone.
 * @param {import('playwright-core').Page} page
 * @param {boolean} keyboard
 */
function hands(page, keyboard) {
  const focused = (/** @type {import('playwright-core').Locator} */ el) => el.evaluate((e) => e === document.activeElement);
  return {
    /** @param {import('playwright-core').Locator} field @param {string} value */
    async fill(field, value) {
      if (!keyboard) return field.fill(value);
      await tabTo(page, field);
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(value);
    },
    /** Picks an option by its label: with the keyboard, by typing it on the focused list.
     * @param {import('playwright-core').Locator} select @param {string} label */
    async choose(select, label) {
      if (!keyboard) return void (await select.selectOption({ label }));
      await tabTo(page, select);
      await page.keyboard.type(label);
      const chosen = await select.evaluate((el) => /** @type {HTMLSelectElement} */ (el).selectedOptions[0]?.textContent ?? '');
      assert.equal(chosen, label);
    },
    /** Checks a radio button: with the keyboard, Tab into its group (none checked yet), then the arrows.
     * @param {import('playwright-core').Locator} first the group's first radio @param {import('playwright-core').Locator} radio */
    async check(first, radio) {
      if (!keyboard) return radio.check();
      await tabTo(page, first);
      for (let i = 0; i < 6 && !(await focused(radio)); i++) await page.keyboard.press('ArrowDown');
      if (!(await radio.isChecked())) await page.keyboard.press('Space');
      assert.ok(await radio.isChecked());
    },
    /** @param {import('playwright-core').Locator} target @param {{maxPresses?: number}} [how] */
    async activate(target, { maxPresses = 80 } = {}) {
      if (!keyboard) return target.click();
      await tabTo(page, target, { maxPresses });
      await page.keyboard.press('Enter');
    },
  };
}

for (const w of runs) {
  const mode = w.keyboard ? 'the keyboard alone' : 'the mouse';
  journey(`the stakeholder journey from the home page to My comments, in ${w.locale} with ${mode}`, { locale: w.locale, timeout: 300_000 }, async ({ server, page }) => {
    const moderator = await staffToken(server);
    const c = await openConsultation(server, moderator.token, { title: `Connected toys (${w.lang})` });
    const clause = flatten(c.clauses).find((k) => k.heading === 'No universal default passwords');
    assert.ok(clause, 'the sample draft has the clause');
    const commentForm = `/consultations/${c.consultationId}/comment?clause=${clause.id}`;
    const email = `dana-${w.lang}-${Date.now()}@example.org`;
    const password = 'copper meadow signal forty';
    const my = hands(page, w.keyboard);
    const main = page.getByRole('main');
    const h1 = page.getByRole('heading', { level: 1 });
    const headingFocused = () => h1.evaluate((el) => el === document.activeElement);

    // The home page lists the open consultation.
    await page.goto('/', { waitUntil: 'networkidle' });
    const consultationLink = main.getByRole('link', { name: `Consultation on Connected toys (${w.lang})` });
    await consultationLink.waitFor();
    await expectAccessible(page, `home (${w.locale})`);
    await my.activate(consultationLink);

    // The consultation: the clause, and the link to comment on it.
    await page.waitForURL(`**/consultations/${c.consultationId}`);
    const commentOn = main.getByRole('link', { name: w.commentOn(clause.number), exact: true });
    await commentOn.waitFor();
    assert.ok(await headingFocused(), 'the consultation heading has the focus');
    await expectAccessible(page, `consultation (${w.locale})`);
    await my.activate(commentOn, { maxPresses: 400 });

    // Not signed in: the prompt, and registration from it.
    await page.waitForURL((url) => url.pathname + url.search === commentForm);
    await main.getByText(w.signInPrompt).waitFor();
    assert.ok(await headingFocused(), 'the comment page heading has the focus');
    await expectAccessible(page, `new comment, signed out (${w.locale})`);
    await my.activate(main.getByRole('link', { name: w.register, exact: true }));

    await page.waitForURL('**/register?next=*');
    await page.locator('#email').waitFor();
    await expectAccessible(page, `register (${w.locale})`);
    assert.equal(await page.locator('#profile_language').inputValue(), w.lang, 'mails in the language of the page by default');
    await my.fill(page.locator('#email'), email);
    await my.fill(page.locator('#password'), password);
    await my.fill(page.locator('#display_name'), 'Dana Example');
    await my.fill(page.locator('#organisation'), 'Example Toys');
    await my.choose(page.locator('#stakeholder_type'), w.stakeholder);
    await my.choose(page.locator('#country'), w.country);
    await my.activate(main.locator('button[type="submit"]'));
    await h1.filter({ hasText: w.registered }).waitFor();
    assert.ok(await headingFocused(), 'the "check your mailbox" heading has the focus');
    assert.ok((await main.innerText()).includes(email), 'the page names the address');
    assert.equal(await page.locator('#resend-email').inputValue(), email, 'the resend form knows the address');
    await expectAccessible(page, `registered (${w.locale})`);

    // The mailed link confirms the address and leads to sign in, then back to the comment form.
    await page.goto(await outboxLink(server, email, '/verify-email'), { waitUntil: 'networkidle' });
    await main.getByText(w.verified).waitFor();
    await expectAccessible(page, `verified (${w.locale})`);
    await my.activate(main.getByRole('link', { name: w.signInToComment }));
    await page.waitForURL('**/sign-in?next=*');
    await page.locator('#email').waitFor();
    await expectAccessible(page, `sign in (${w.locale})`);
    await my.fill(page.locator('#email'), email);
    await my.fill(page.locator('#password'), password);
    await my.activate(main.locator('button[type="submit"]'));
    await page.waitForURL((url) => url.pathname + url.search === commentForm);

    // Select a passage of the clause and quote it.
    const text = page.locator('#clause-text');
    await text.waitFor();
    assert.equal(await text.inputValue(), clause.body);
    let expected;
    if (w.keyboard) {
      await tabTo(page, text);
      await page.keyboard.press('Control+Home');
      for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
      for (let i = 0; i < 24; i++) await page.keyboard.press('Shift+ArrowRight');
      expected = clause.body.slice(8, 32).trim();
    } else {
      const box = await text.boundingBox();
      assert.ok(box);
      await page.mouse.move(box.x + 12, box.y + 14);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2, box.y + 14, { steps: 8 });
      await page.mouse.up();
      expected = await text.evaluate((el) => {
        const t = /** @type {HTMLTextAreaElement} */ (el);
        return t.value.slice(t.selectionStart, t.selectionEnd).trim();
      });
      assert.ok(expected.length > 3, `a passage is selected: "${expected}"`);
    }
    await my.activate(main.getByRole('button', { name: w.quote }));
    await main.getByRole('heading', { name: w.quoteTitle }).waitFor();
    assert.equal((await page.locator('.quote__text').textContent())?.trim(), expected);

    // Fill the form and send it.
    await my.check(page.locator('#comment_type'), main.getByRole('radio', { name: w.technical }));
    await my.fill(main.getByLabel(w.body, { exact: true }), `A rate limit on login attempts matters as much (${w.lang}).`);
    await my.check(page.locator('#publication'), main.getByRole('radio', { name: w.named }));
    await expectAccessible(page, `new comment, filled (${w.locale})`);
    await my.activate(main.getByRole('button', { name: w.send }));

    // The receipt: its tracking number, then My comments with the comment and its status.
    await main.getByRole('heading', { name: w.received }).waitFor();
    assert.ok(await headingFocused(), 'the comment page heading has the focus');
    const tracking = (await page.locator('.receipt__number').textContent())?.trim() ?? '';
    assert.match(tracking, /\S{4,}/, 'the receipt shows the tracking number');
    assert.equal((await main.locator('blockquote').first().textContent())?.trim(), expected, 'the receipt shows the quote');
    await expectAccessible(page, `receipt (${w.locale})`);
    await my.activate(main.getByRole('link', { name: w.mine }));
    await page.waitForURL('**/me/comments');
    const item = main.getByRole('link', { name: tracking });
    await item.waitFor();
    await main.getByText(w.submitted).first().waitFor();
    assert.ok(await headingFocused(), 'the My comments heading has the focus');
    await expectAccessible(page, `my comments (${w.locale})`);
  });
}
