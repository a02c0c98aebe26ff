// @ts-check
// The wrapper every browser test uses: a fresh server and a fresh browser context for the test (one
// chromium per test file, launched on first use), and on failure a screenshot and the server log in
// frontend/e2e/artifacts/ plus the log and the page's console errors on standard error.
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';

import { launchBrowser, newContext } from './browser.mjs';
import { startServer } from './server.mjs';

/** Where failures leave their screenshots and server logs (git-ignored). */
export const artifactsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');

/** @type {Promise<import('playwright-core').Browser> | undefined} */
let shared;

/** @returns {Promise<import('playwright-core').Browser>} the test file's chromium, relaunched if it died */
async function sharedBrowser() {
  const current = await shared?.catch(() => undefined);
  if (current?.isConnected()) return current;
  shared = launchBrowser();
  return shared;
}

after(async () => {
  const browser = await shared?.catch(() => undefined);
  await browser?.close();
});

/** How much of the server log a failure prints (its end); the whole log is in artifactsDir. */
const printedLogChars = 20_000;

/**
 * What a journey test gets.
 * @typedef {object} Journey
 * @property {import('./server.mjs').Server} server  its own server on a fresh database
 * @property {import('playwright-core').Browser} browser
 * @property {import('playwright-core').BrowserContext} context  with the chosen locale; page.goto
 *   takes paths relative to the server
 * @property {import('playwright-core').Page} page
 * @property {import('node:test').TestContext} t
 */

/**
 * Declares a node:test test that runs fn with its own server and browser page, and on failure
 * writes artifacts/<test name>.png and artifacts/<test name>.server.log.
 * @param {string} name the test's name, also the artifacts' name
 * @param {{locale?: string, demo?: boolean, timeout?: number}} options locale: the browser's
 *   (en-GB by default); demo: load `consult demo` first; timeout: ms (default 120 s, as axe takes
 *   seconds a page on a busy 2-core machine)
 * @param {(j: Journey) => Promise<void>} fn
 */
export function journey(name, { locale = 'en-GB', demo = false, timeout = 120_000 } = {}, fn) {
  test(name, { timeout }, async (t) => {
    const server = await startServer({ demo });
    /** @type {string[]} */
    const consoleErrors = [];
    /** @type {import('playwright-core').BrowserContext | undefined} */
    let context;
    try {
      const browser = await sharedBrowser();
      context = await newContext(browser, { locale, baseURL: server.baseURL });
      const page = await context.newPage();
      page.on('console', (m) => m.type() === 'error' && consoleErrors.push(`console: ${m.text()}`));
      page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
      try {
        await fn({ server, browser, context, page, t });
      } catch (err) {
        await keepArtifacts(name, page, server, consoleErrors);
        throw err;
      }
    } finally {
      await context?.close();
      await server.stop();
    }
  });
}

/**
 * @param {string} name
 * @param {import('playwright-core').Page} page
 * @param {import('./server.mjs').Server} server
 * @param {string[]} consoleErrors
 */
async function keepArtifacts(name, page, server, consoleErrors) {
  const base = path.join(artifactsDir, fileName(name));
  await mkdir(artifactsDir, { recursive: true });
  const shot = await page
    .screenshot({ path: `${base}.png`, fullPage: true })
    .then(() => `${base}.png`)
    .catch((err) => `none (${err.message})`);
  await copyFile(server.logPath, `${base}.server.log`).catch(() => {});
  const log = server.log();
  const printed = log.length > printedLogChars ? `…${log.slice(-printedLogChars)}` : log;
  console.error(
    [
      `--- "${name}" failed at ${page.url()}`,
      `screenshot: ${shot}`,
      `server log: ${base}.server.log`,
      ...(consoleErrors.length ? ['browser console errors:', ...consoleErrors] : []),
      '--- server log',
      printed,
      '---',
    ].join('\n'),
  );
}

/** @param {string} name */
function fileName(name) {
  return name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 100) || 'test';
}
