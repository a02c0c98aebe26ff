// @ts-check
// Debian's chromium driven by playwright-core (no browser download), and the accessibility check.
import { readFile } from 'node:fs/promises';

import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';

/** The browser: CHROMIUM_PATH, else Debian's package. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The WCAG 2.1 A and AA rules every page must pass. */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Launches headless chromium, quiet: no GPU, no QUIC, no background traffic, no updates, no sync.
 * @returns {Promise<import('playwright-core').Browser>}
 */
export function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Opens a browser context whose language is locale: navigator.language and Accept-Language
 * follow it, so the app's language follows the browser's.
 * @param {import('playwright-core').Browser} browser
 * @param {{locale?: string, baseURL?: string}} [options] locale: en-GB (default), fr-FR, …;
 *   baseURL: lets page.goto take paths such as '/consultations'
 * @returns {Promise<import('playwright-core').BrowserContext>}
 */
export function newContext(browser, { locale = 'en-GB', baseURL } = {}) {
  return browser.newContext({ locale, baseURL, viewport: { width: 1280, height: 900 } });
}

/**
 * Fails, listing each violation (rule id, impact, help and the elements' selectors), when the page
 * breaks any WCAG 2.1 A or AA rule axe checks.
 * @param {import('playwright-core').Page} page
 * @param {string} label names the page in the failure, e.g. 'home (fr-FR)'
 */
export async function expectAccessible(page, label) {
  const { violations } = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  if (violations.length === 0) return;
  const lines = violations.map((v) => {
    const targets = v.nodes.map((n) => '    ' + n.target.join(' ')).join('\n');
    return `  ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}\n${targets}`;
  });
  throw new Error(`${label}: ${violations.length} accessibility violation(s) at ${page.url()}\n${lines.join('\n')}`);
}

/**
 * Presses Tab until target has the focus, as a keyboard user would reach it; fails after
 * maxPresses. Use it to prove that a journey needs no mouse.
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').Locator} target
 * @param {{maxPresses?: number}} [options]
 */
export async function tabTo(page, target, { maxPresses = 60 } = {}) {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`${target} not reached with ${maxPresses} presses of Tab`);
}

/**
 * Clicks a link or button that downloads a file and returns the file's suggested name and its
 * text.
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').Locator} trigger
 * @returns {Promise<{name: string, text: string}>}
 */
export async function downloadText(page, trigger) {
  const [download] = await Promise.all([page.waitForEvent('download'), trigger.click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(file, 'utf8') };
}
