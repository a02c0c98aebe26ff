// @ts-check
// The browser end-to-end harness: a real consult server per test, Debian's chromium driven by
// playwright-core, axe for accessibility, the development outbox for mailed links, and test data
// through the API. Tests import everything from here; see README.md ("Browser tests").
export { binary, repoRoot, runConsult, startServer } from './lib/server.mjs';
export { chromiumPath, downloadText, expectAccessible, launchBrowser, newContext, tabTo, wcagTags } from './lib/browser.mjs';
export { apiInstant, brusselsFields, MINUTE } from './lib/brussels.mjs';
export { csvRecords } from './lib/csv.mjs';
export { outboxLink } from './lib/outbox.mjs';
export {
  api,
  login,
  openConsultation,
  registerVerifiedStakeholder,
  sampleDraft,
  signInBrowser,
  staffToken,
} from './lib/api.mjs';
export { artifactsDir, journey } from './lib/journey.mjs';
