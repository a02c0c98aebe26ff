// @ts-check
// Tests of the harness itself against a real server: the outbox, the API helpers, browser sign-in.
import assert from 'node:assert/strict';

import {
  api,
  journey,
  openConsultation,
  outboxLink,
  registerVerifiedStakeholder,
  signInBrowser,
  staffToken,
} from './harness.mjs';

journey('outboxLink finds the verification link of a real registration', {}, async ({ server }) => {
  const stakeholder = await registerVerifiedStakeholder(server, { language: 'fr' });
  assert.equal(stakeholder.user.email_verified, true);
  const link = await outboxLink(server, stakeholder.email, '/verify-email');
  assert.match(link, new RegExp(`^${server.baseURL}/verify-email#token=[^&\\s]+$`));
  await assert.rejects(outboxLink(server, 'nobody@example.org', '/verify-email', { timeoutMs: 300 }), /no mail to nobody@example.org/);
  await assert.rejects(outboxLink(server, stakeholder.email, '/reset-password', { timeoutMs: 300 }), /no mail/);
});

journey('staff make an open consultation; a signed-in browser comments on it', {}, async ({ server, context }) => {
  const moderator = await staffToken(server);
  assert.equal(moderator.user.role, 'moderator');
  const c = await openConsultation(server, moderator.token);
  const shown = await api(server, 'GET', `/consultations/${c.consultationId}`);
  assert.equal(shown.status, 'open');
  assert.ok(c.clauses.length > 0, 'the draft has clauses');

  const stakeholder = await registerVerifiedStakeholder(server);
  await signInBrowser(context, server, stakeholder);
  const me = await context.request.get('/api/v1/me');
  assert.equal((await me.json()).email, stakeholder.email);
  const csrf = (await context.cookies()).find((ck) => ck.name === 'consult_csrf')?.value ?? '';
  const res = await context.request.post(`/api/v1/consultations/${c.consultationId}/comments`, {
    headers: { 'X-CSRF-Token': csrf, Origin: server.baseURL },
    data: { clause_id: c.clauses[0].id, comment_type: 'technical', body: 'A comment from the harness test.', publication: 'public_named' },
  });
  assert.equal(res.status(), 201, await res.text());
  const mine = await api(server, 'GET', '/me/comments', { token: stakeholder.token });
  assert.equal(mine.items.length, 1);
});
