// @ts-check
// The development outbox: without CONSULT_SMTP_URL the server writes each mail into
// CONSULT_DATA_DIR/outbox as an .eml file and a readable .txt copy ("To: …" header, then the text).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Waits for a mail to email in the outbox that holds a link to path (for at least `mails` of them,
 * when a later mail replaces the link of an earlier one), and returns that link (of the newest such
 * mail). A mail leaves the outbox table for the folder within a few seconds.
 * @param {string | {dataDir: string, baseURL: string}} server a Server, or its data folder (then
 *   any origin matches)
 * @param {string} email the recipient
 * @param {string} linkPath the link's path, e.g. '/verify-email'; its query or fragment follows
 * @param {{timeoutMs?: number, mails?: number}} [options]
 * @returns {Promise<string>} the whole link, e.g. http://127.0.0.1:41234/verify-email#token=…
 */
export async function outboxLink(server, email, linkPath, { timeoutMs = 10_000, mails = 1 } = {}) {
  const { dataDir, baseURL } = typeof server === 'string' ? { dataDir: server, baseURL: '' } : server;
  const dir = path.join(dataDir, 'outbox');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const links = await findLinks(dir, email.toLowerCase(), baseURL, linkPath);
    if (links.length >= mails) return links[0];
    if (Date.now() > deadline) {
      const found = mails === 1 ? 'no mail' : `fewer than ${mails} mails`;
      throw new Error(`${found} to ${email} with a link to ${baseURL}${linkPath} in ${dir} within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * @param {string} dir
 * @param {string} email lower case
 * @param {string} baseURL '' for any origin
 * @param {string} linkPath
 * @returns {Promise<string[]>} the link of each mail that has one, the newest first
 */
async function findLinks(dir, email, baseURL, linkPath) {
  let names;
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.txt')).sort().reverse();
  } catch {
    return []; // no mail yet
  }
  const links = [];
  for (const name of names) {
    const text = await readFile(path.join(dir, name), 'utf8');
    const to = /^To: (.*)$/m.exec(text)?.[1].toLowerCase() ?? '';
    if (!to.includes(email)) continue;
    for (const [link] of text.matchAll(/https?:\/\/[^\s"<>]*[^\s"<>.,;:!?)]/g)) {
      const url = new URL(link);
      const origin = baseURL ? baseURL.replace(/\/$/, '') : url.origin;
      if (url.origin === origin && url.pathname === linkPath) {
        links.push(link);
        break;
      }
    }
  }
  return links;
}
