import { createHmac } from 'node:crypto';
import type { CollectorConfig } from '@npskit/core/schema';
import { signToken } from '@npskit/core/signing';
import { createSiteDirectory } from '../app/site-directory.js';
import { envelopeIssues, parseBatch } from '../ingest/parse-batch.js';
import { toStoredEvent } from '../ingest/to-stored-event.js';
import { trustCheck } from '../ingest/trust-check.js';
import type { Store, StoredEvent } from '../store/types.js';
import { DEMO_MARK, type DemoOptions, generateDemoHistory } from './generate.js';

/** What a seeding run stored. */
export interface SeedResult {
  responses: number;
  events: number;
  rejected: number;
}

/** Events written per store transaction. */
const CHUNK = 2000;

/**
 * Writes the demo history through the same path as real ingest (the events route's steps): each
 * batch is validated by `parseBatch` against the site's config (unknown surveys, emotions and
 * malformed events are refused exactly as on the wire), checked by `trustCheck` (survey schedule,
 * a site that requires signed answers refuses these unsigned ones), stamped by `toStoredEvent`
 * (the site's custom-key allow-list and comment redaction apply) and stored with `insertEvents`
 * (idempotent by event id, erased respondents dropped).
 */
export async function seedDemo(
  store: Store,
  config: CollectorConfig,
  options: DemoOptions,
  siteSecrets?: ReadonlyMap<string, string>,
): Promise<SeedResult> {
  const entry = createSiteDirectory(config, siteSecrets).find(options.siteKey);
  if (!entry) throw new Error(`no site ${options.siteKey} in the config`);
  if (entry.contextKeys && !entry.contextKeys.has(DEMO_MARK.key)) {
    // The mark is how --purge finds the demo rows: never seed rows that could not be purged.
    throw new Error(
      `site ${options.siteKey} allows only some context keys: add "${DEMO_MARK.key}"`,
    );
  }
  // With the site secret, orders are signed like the shop's server signs them (and verified by
  // the same trustCheck as on the wire).
  const secret = siteSecrets?.get(options.siteKey);
  const sign =
    options.sign ??
    (secret
      ? (claims: Parameters<typeof signToken>[0]) =>
          signToken(claims, {
            siteKey: options.siteKey,
            hmac: (message) => createHmac('sha256', secret).update(message).digest(),
          })
      : undefined);
  const result: SeedResult = { responses: 0, events: 0, rejected: 0 };
  let pending: StoredEvent[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const inserted = await store.insertEvents(pending);
    result.events += inserted.accepted;
    pending = [];
  };
  for (const batch of generateDemoHistory({ ...options, sign })) {
    if (envelopeIssues(batch.body).length > 0) {
      result.rejected += batch.body.events.length;
      continue;
    }
    const parsed = parseBatch(batch.body, entry);
    result.rejected += parsed.rejected.length;
    let kept = 0;
    for (const { event } of parsed.valid) {
      const check = trustCheck(event, entry, batch.receivedAt);
      if (!check.ok) {
        result.rejected += 1;
        continue;
      }
      const prepared = toStoredEvent(event, {
        siteKey: entry.site.key,
        surveyKind: entry.surveys.get(event.surveyId)?.kind ?? 'transactional',
        receivedAt: batch.receivedAt,
        sentAt: parsed.sentAt,
        claims: check.claims,
        contextKeys: entry.contextKeys,
        redact: entry.site.redactComments,
        graceSince: check.graceSince,
      });
      pending.push(prepared.event);
      kept += 1;
    }
    if (kept > 0) result.responses += 1;
    if (pending.length >= CHUNK) await flush();
  }
  await flush();
  return result;
}

/** True for a stored response the demo seeder wrote. */
export function isDemoRow(custom: Readonly<Record<string, string | number>>): boolean {
  return custom[DEMO_MARK.key] === DEMO_MARK.value;
}

/** How many demo responses the store holds (stops counting at `limit`). */
export async function countDemoRows(
  store: Store,
  limit = Number.POSITIVE_INFINITY,
): Promise<number> {
  let count = 0;
  for await (const row of store.streamResponses({})) {
    if (isDemoRow(row.custom)) count += 1;
    if (count >= limit) break;
  }
  return count;
}

/**
 * Removes every demo response with the store's own erasure (events, responses, reservations of each
 * demo respondent, tombstoned): demo respondents are synthetic (`demo-c-…` customers and random
 * browser ids), so erasing them touches no real customer.
 */
export async function purgeDemo(store: Store): Promise<number> {
  const respondents = new Set<string>();
  for await (const row of store.streamResponses({})) {
    if (isDemoRow(row.custom)) respondents.add(row.customerId ?? row.anonymousId);
  }
  let erased = 0;
  for (const id of respondents) {
    erased += (await store.eraseRespondent(id, { name: 'seed-demo --purge' })).erased;
  }
  return erased;
}
