import type { ValidationIssue } from '@npskit/core/schema';
import { Hono } from 'hono';
import { ApiError, fromStore } from '../app/api-error.js';
import type { AppDeps } from '../app/deps.js';
import { readJsonBody } from '../app/read-json-body.js';
import { guardSite, withCors } from '../app/write-guard.js';
import { envelopeIssues, parseBatch, type RejectedEvent } from '../ingest/parse-batch.js';
import { toStoredEvent } from '../ingest/to-stored-event.js';

const conflictIssue = (index: number): ValidationIssue => ({
  path: `events.${index}.id`,
  code: 'id_conflict',
  message: 'an event with this id was already stored with a different payload',
});

/**
 * `POST /v1/events`. Partial-batch policy: valid events are stored, invalid ones are listed in
 * `rejected` (202); if no event is valid → 400; if every storable event conflicts → 409. The 202 is
 * sent only after the store has committed durably; a store failure is a 503 with Retry-After.
 * Cases and alerts about new answers are written in that same transaction; alerts leave afterwards.
 */
export function createEventsRoute(deps: AppDeps): Hono {
  const app = new Hono();
  app.post('/v1/events', deps.guard('public'), async (c) => {
    const receivedAt = deps.now();
    const body = await readJsonBody(c.req.raw);
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
      if (batch.valid.length === 0) {
        throw new ApiError(400, 'validation_failed', 'no event in the batch is valid', {
          issues: batch.rejected.flatMap((rejected) => rejected.issues),
          extra: { rejected: batch.rejected },
        });
      }
      const stored = batch.valid.map(({ event }) =>
        toStoredEvent(event, {
          siteKey: entry.site.key,
          surveyKind: entry.surveys.get(event.surveyId)?.kind ?? 'transactional',
          receivedAt,
          sentAt: batch.sentAt,
        }),
      );
      // Cases and alerts (deps.effects) are written in the same transaction as the events.
      const result = await fromStore(() => deps.store.insertEvents(stored, deps.effects));
      const conflicts: RejectedEvent[] = result.conflicts.map((position) => {
        const index = batch.valid[position]?.index ?? position;
        return { index, id: stored[position]?.id ?? null, issues: [conflictIssue(index)] };
      });
      const rejected = [...batch.rejected, ...conflicts].sort((a, b) => a.index - b.index);
      const acknowledged = result.accepted + result.duplicate + result.dropped;
      if (acknowledged === 0) {
        throw new ApiError(409, 'id_conflict', 'every event conflicts with a stored event', {
          issues: conflicts.flatMap((conflict) => conflict.issues),
          extra: { rejected },
        });
      }
      // Committed: alerts written with the batch may leave now (the dispatcher works after the 202).
      // A waker must not throw; if an injected one does, the committed batch still gets its 202.
      try {
        if (result.accepted > 0) deps.alerts?.wake();
      } catch {}
      // Events of erased respondents count as accepted: the client must stop retrying them.
      return c.json(
        { accepted: result.accepted + result.dropped, duplicate: result.duplicate, rejected },
        202,
        cors,
      );
    } catch (error) {
      throw withCors(error, cors);
    }
  });
  return app;
}
