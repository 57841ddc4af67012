import { Hono } from 'hono';
import { ApiError, fromStore } from '../app/api-error.js';
import type { AppDeps } from '../app/deps.js';
import { readJsonBody } from '../app/read-json-body.js';
import { guardRequest, guardSite, withCors } from '../app/write-guard.js';
import { nothingStored, storeRejection } from '../ingest/batch-outcome.js';
import { prefixIssues } from '../ingest/issue-helpers.js';
import { envelopeIssues, parseBatch, type RejectedEvent } from '../ingest/parse-batch.js';
import { toStoredEvent } from '../ingest/to-stored-event.js';
import { trustCheck } from '../ingest/trust-check.js';
import { tellCommitted, touchedByEvents } from '../live/commit-listener.js';
import type { StoredEvent } from '../store/types.js';

/**
 * `POST /v1/events`. Partial-batch policy: valid events are stored, invalid or refused ones are
 * listed in `rejected` (202); if nothing is stored → 400 (or 409 when the store refused everything
 * as a conflict). The 202 is sent only after the store has committed durably; a store failure is a
 * 503 with Retry-After. Cases and alerts about new answers are written in that same transaction;
 * alerts leave afterwards.
 */
export function createEventsRoute(deps: AppDeps): Hono {
  const app = new Hono();
  app.post('/v1/events', deps.guard('public'), async (c) => {
    const receivedAt = deps.now();
    const early = guardRequest(c, deps);
    let body: unknown;
    try {
      body = await readJsonBody(c.req.raw);
    } catch (error) {
      throw withCors(error, early);
    }
    const siteKey = (body as { site?: unknown } | null)?.site;
    const issues = envelopeIssues(body);
    if (issues.length > 0 && typeof siteKey !== 'string') {
      throw new ApiError(400, 'validation_failed', 'the batch is not valid', { issues });
    }
    const { entry, cors } = guardSite(c, deps, siteKey);
    try {
      if (issues.length > 0) {
        throw new ApiError(400, 'validation_failed', 'the batch is not valid', { issues });
      }
      const batch = parseBatch(body as { sentAt: string; events: unknown[] }, entry);
      const rejected: RejectedEvent[] = [...batch.rejected];
      const stored: StoredEvent[] = [];
      const positions: number[] = [];
      let droppedKeys = 0;
      for (const { index, event } of batch.valid) {
        const check = trustCheck(event, entry, receivedAt);
        if (!check.ok) {
          rejected.push({
            index,
            id: event.id,
            issues: prefixIssues(`events.${index}`, [check.issue]),
          });
          continue;
        }
        const prepared = toStoredEvent(event, {
          siteKey: entry.site.key,
          surveyKind: entry.surveys.get(event.surveyId)?.kind ?? 'transactional',
          receivedAt,
          sentAt: batch.sentAt,
          claims: check.claims,
          contextKeys: entry.contextKeys,
          redact: entry.site.redactComments,
          graceSince: check.graceSince,
        });
        droppedKeys += prepared.droppedKeys;
        stored.push(prepared.event);
        positions.push(index);
      }
      if (stored.length === 0) throw nothingStored(rejected, []);
      // Cases and alerts (deps.effects) are written in the same transaction as the events.
      const result = await fromStore(() => deps.store.insertEvents(stored, deps.effects));
      const fromStoreRejected: RejectedEvent[] = [
        ...result.conflicts.map((position) =>
          storeRejection(
            positions[position] ?? position,
            stored[position]?.id ?? null,
            'id_conflict',
          ),
        ),
        ...result.refused.map(({ index: position, code }) =>
          storeRejection(positions[position] ?? position, stored[position]?.id ?? null, code),
        ),
      ];
      rejected.push(...fromStoreRejected);
      rejected.sort((a, b) => a.index - b.index);
      const acknowledged = result.accepted + result.duplicate + result.dropped;
      if (acknowledged === 0) throw nothingStored(rejected, fromStoreRejected);
      // Committed: alerts written with the batch may leave now (the dispatcher works after the 202).
      // A waker must not throw; if an injected one does, the committed batch still gets its 202.
      try {
        if (result.accepted > 0) deps.alerts?.wake();
      } catch {}
      // Open dashboards (and the shared /v1/nps answers) hear what this batch stored.
      tellCommitted(deps.commits, touchedByEvents(stored, result.outcomes));
      droppedKeys += result.droppedKeys;
      // Events of erased respondents count as accepted: the client must stop retrying them.
      return c.json(
        {
          accepted: result.accepted + result.dropped,
          duplicate: result.duplicate,
          rejected,
          ...(droppedKeys > 0 ? { droppedContextKeys: droppedKeys } : {}),
        },
        202,
        cors,
      );
    } catch (error) {
      throw withCors(error, cors);
    }
  });
  return app;
}
