import { randomUUID } from 'node:crypto';
import { DAY_MS as DAY, decideEligibility } from '@npskit/core';
import { describe, expect, it } from 'vitest';
import type { InvitationRecord, Store } from '../types.js';
import { ADMIN, answered, collect, historyQuery, storedEvent, T0 } from './fixtures.js';

const SITE = 'pk_contract_site';

/** A valid invitation record; tests override what they care about. */
export function invitationRecord(overrides: Partial<InvitationRecord> = {}): InvitationRecord {
  return {
    id: randomUUID().replaceAll('-', ''),
    siteKey: SITE,
    surveyId: 'relationship',
    responseId: randomUUID(),
    anonymousId: randomUUID(),
    customerId: 'inv-customer',
    channel: 'email',
    locale: 'sv',
    context: { touchpoint: null, unit: 'malmo', employee: null, custom: { segment: 'gold' } },
    createdAt: T0,
    expiresAt: T0 + 30 * DAY,
    createdBy: 'contract-inviter',
    openedAt: null,
    scannedAt: null,
    completedAt: null,
    ...overrides,
  };
}

/** The engine with the default quarantine, for a relationship survey asked of a customer. */
const engine =
  (now: number, customerId: string) =>
  (history: Parameters<typeof decideEligibility>[0]['history']) =>
    decideEligibility({
      survey: { surveyId: 'relationship', kind: 'relationship', samplingRate: 1 },
      quarantine: {},
      history,
      now,
      respondentKey: customerId,
    });

/**
 * Invitations and channels (issue 14): an invitation is created with its reservation in the same
 * transaction as the eligibility decision, so it takes its place in the global quarantine at once;
 * a response keeps its channel; erasure, the data-subject export and retention include invitations.
 */
export function runInvitationContract(getStore: () => Store): void {
  const invite = (invitation: InvitationRecord, now = invitation.createdAt) =>
    getStore().createInvitation(
      invitation,
      historyQuery({ anonymousId: invitation.anonymousId, customerId: invitation.customerId }),
      engine(now, invitation.customerId),
    );

  describe('channel', () => {
    it('is stored with the response, filtered and grouped by', async () => {
      const store = getStore();
      await store.insertEvents([
        ...answered(9),
        ...answered(3, { channel: 'email', verified: true, customerId: 'c-1' }),
        ...answered(7, { channel: 'link' }),
      ]);
      const all = await collect(store.streamResponses({}));
      expect(all.map((row) => row.channel)).toEqual(['web', 'email', 'link']);
      const email = await collect(store.streamResponses({ channel: 'email' }));
      expect(email.map((row) => row.score)).toEqual([3]);
      expect(await store.npsCounts({}, [{ kind: 'channel' }])).toEqual([
        { keys: ['email'], promoters: 0, passives: 0, detractors: 1, displays: 1, verified: 1 },
        { keys: ['link'], promoters: 0, passives: 1, detractors: 0, displays: 1, verified: 0 },
        { keys: ['web'], promoters: 1, passives: 0, detractors: 0, displays: 1, verified: 0 },
      ]);
    });

    it('a response keeps the channel it started on: events of another channel are refused', async () => {
      const store = getStore();
      const [display, answer] = answered(10, { channel: 'email' });
      await store.insertEvents([display, answer]);
      const result = await store.insertEvents([
        storedEvent({
          type: 'answer',
          score: 0,
          responseId: answer.responseId,
          anonymousId: answer.anonymousId,
          at: T0 + 9000,
        }),
      ]);
      expect(result.refused).toEqual([{ index: 0, code: 'response_conflict' }]);
      const [row] = await collect(store.streamResponses({}));
      expect([row?.score, row?.channel]).toEqual([10, 'email']);
    });
  });

  describe('createInvitation', () => {
    it('stores the invitation and its reservation when eligible; the customer is quarantined at once', async () => {
      const store = getStore();
      const invitation = invitationRecord({ customerId: 'c-invited' });
      expect(await invite(invitation)).toEqual({ show: true, reason: 'eligible' });
      expect(await store.invitation(invitation.id)).toEqual(invitation);
      // The in-page survey a day later, on another browser, sees the invitation as a display.
      const inPage = await store.history(
        historyQuery({ anonymousId: randomUUID(), customerId: 'c-invited' }),
      );
      expect(inPage.entries).toEqual([
        { surveyId: 'relationship', type: 'display', at: invitation.createdAt },
      ]);
      const again = invitationRecord({ customerId: 'c-invited', createdAt: T0 + DAY });
      expect(await invite(again)).toEqual({ show: false, reason: 'quarantine_min_gap' });
      expect(await store.invitation(again.id)).toBeUndefined();
    });

    it('an answer in the page yesterday keeps the invitation from being created', async () => {
      const store = getStore();
      await store.insertEvents(
        answered(8, { customerId: 'c-web', verified: true, surveyId: 'checkout', at: T0 - DAY }),
      );
      const invitation = invitationRecord({ customerId: 'c-web' });
      expect(await invite(invitation)).toEqual({ show: false, reason: 'quarantine_min_gap' });
      expect(await store.invitation(invitation.id)).toBeUndefined();
      expect(
        (await store.history(historyQuery({ anonymousId: randomUUID(), customerId: 'c-web' })))
          .entries,
      ).toHaveLength(2);
    });

    it('two invitations for one customer at the same moment: only one is created', async () => {
      const first = invitationRecord({ customerId: 'c-race' });
      const second = invitationRecord({ customerId: 'c-race' });
      const decisions = await Promise.all([invite(first), invite(second)]);
      expect(decisions.filter((decision) => decision.show)).toHaveLength(1);
      const stored = await Promise.all([first, second].map((i) => getStore().invitation(i.id)));
      expect(stored.filter(Boolean)).toHaveLength(1);
    });

    it('marks are set once, the first time winning', async () => {
      const store = getStore();
      const invitation = invitationRecord();
      await invite(invitation);
      expect(await store.markInvitation(invitation.id, 'opened', T0 + 10)).toBe(true);
      expect(await store.markInvitation(invitation.id, 'opened', T0 + 20)).toBe(false);
      expect(await store.markInvitation(invitation.id, 'completed', T0 + 30)).toBe(true);
      expect(await store.markInvitation('no-such-invitation', 'scanned', T0)).toBe(false);
      expect(await store.invitation(invitation.id)).toMatchObject({
        openedAt: T0 + 10,
        scannedAt: null,
        completedAt: T0 + 30,
      });
    });

    it('keeps custom context keys as data, whatever they are called', async () => {
      const store = getStore();
      // A key named like an Object.prototype member must stay data.
      const tricky = 'constructor';
      const custom = Object.create(null) as Record<string, string | number>;
      custom[tricky] = 'x';
      custom.tier = 3;
      const invitation = invitationRecord({
        context: { touchpoint: 'account', unit: null, employee: 'e-1', custom },
      });
      await invite(invitation);
      const stored = await store.invitation(invitation.id);
      expect(stored?.context.custom[tricky]).toBe('x');
      expect(stored?.context).toMatchObject({ touchpoint: 'account', unit: null, employee: 'e-1' });
    });
  });

  describe('erasure, data-subject export and retention include invitations', () => {
    it('erasing the customer deletes the invitation and its response; the link finds nothing', async () => {
      const store = getStore();
      const invitation = invitationRecord({ customerId: 'c-erase' });
      await invite(invitation);
      await store.insertEvents(
        answered(2, {
          responseId: invitation.responseId,
          anonymousId: invitation.anonymousId,
          customerId: 'c-erase',
          verified: true,
          channel: 'email',
        }),
      );
      await store.eraseRespondent('c-erase', ADMIN);
      expect(await store.invitation(invitation.id)).toBeUndefined();
      expect(await collect(store.streamResponses({}))).toEqual([]);
      const [entry] = await store.auditLog({ limit: 1 });
      expect(entry?.detail).toMatchObject({ invitations: 1 });
    });

    it('the data-subject export lists the invitations', async () => {
      const store = getStore();
      const invitation = invitationRecord({ customerId: 'c-dsar' });
      await invite(invitation);
      await invite(invitationRecord({ customerId: 'c-other' }));
      const data = await store.respondentData('c-dsar', ADMIN);
      expect(data.invitations).toEqual([invitation]);
      expect(data.reservations.map((r) => r.responseId)).toEqual([invitation.responseId]);
    });

    it('retention deletes invitations created before the responses cut-off, idempotently', async () => {
      const store = getStore();
      const old = invitationRecord({ customerId: 'c-old', createdAt: T0 - 800 * DAY });
      const recent = invitationRecord({ customerId: 'c-new' });
      await invite(old);
      await invite(recent);
      const request = { responsesBefore: T0 - 760 * DAY };
      await store.purge(request, ADMIN);
      await store.purge(request, ADMIN);
      expect(await store.invitation(old.id)).toBeUndefined();
      expect(await store.invitation(recent.id)).toEqual(recent);
    });
  });
}
