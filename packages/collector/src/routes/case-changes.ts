import { randomUUID } from 'node:crypto';
import type { ValidationIssue } from '@npskit/core/schema';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { createAlertRouter } from '../alerts/router.js';
import { toCaseJson } from '../analyst/case-json.js';
import { scopedCaseFilter, scopedFilter } from '../app/access/index.js';
import { ApiError, fromStore } from '../app/api-error.js';
import type { AppDeps } from '../app/deps.js';
import { readAnalystJson } from '../app/read-analyst-json.js';
import { caseAlerts } from '../cases/ingest-plan.js';
import { type CaseChange, decideChange, isRefusal, MAX_NOTE_LENGTH } from '../cases/lifecycle.js';
import { tellCommitted, touchedByCase } from '../live/commit-listener.js';
import type { CaseRow } from '../store/case-types.js';
import type { ResponseRow } from '../store/types.js';
import { CASE_ID, ownersOf } from './cases.js';

const TRANSITIONS = new Set(['contacted', 'resolved', 'closed_no_action']);
const SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$/;

const invalidBody = (issues: ValidationIssue[]) =>
  new ApiError(400, 'validation_failed', 'the request is not valid', { issues });

/** Issues for keys other than `allowed` (strict bodies: an unknown key is an error). */
function unknownKeys(body: Record<string, unknown>, allowed: readonly string[]): ValidationIssue[] {
  return Object.keys(body)
    .filter((key) => !allowed.includes(key))
    .map((key) => ({ path: key, code: 'unrecognized_keys', message: 'unknown key' }));
}

const text = (value: unknown, path: string, issues: ValidationIssue[]): string | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > MAX_NOTE_LENGTH) {
    issues.push({
      path,
      code: 'invalid_type',
      message: `expected text of 1–${MAX_NOTE_LENGTH} characters`,
    });
    return undefined;
  }
  return value;
};

/** Body of `POST /v1/cases/{id}/transition`: `{ to, rootCause?, note? }`. */
function parseTransition(body: Record<string, unknown>): CaseChange {
  const issues = unknownKeys(body, ['to', 'rootCause', 'note']);
  if (typeof body.to !== 'string' || !TRANSITIONS.has(body.to)) {
    issues.push({
      path: 'to',
      code: 'invalid_value',
      message: 'expected contacted, resolved or closed_no_action',
    });
  }
  if (
    body.rootCause !== undefined &&
    (typeof body.rootCause !== 'string' || !SLUG.test(body.rootCause))
  ) {
    issues.push({
      path: 'rootCause',
      code: 'invalid_value',
      message: 'expected a root cause from cases.rootCauses',
    });
  }
  const note = text(body.note, 'note', issues);
  if (issues.length > 0) throw invalidBody(issues);
  return {
    kind: 'transition',
    to: body.to as 'contacted' | 'resolved' | 'closed_no_action',
    rootCause: body.rootCause as string | undefined,
    note,
  };
}

/** Body of `POST /v1/cases/{id}/notes`: `{ text }`. */
function parseNote(body: Record<string, unknown>): CaseChange {
  const issues = unknownKeys(body, ['text']);
  const note = text(body.text, 'text', issues);
  if (note === undefined && issues.length === 0) {
    issues.push({ path: 'text', code: 'invalid_type', message: 'a note needs a text' });
  }
  if (issues.length > 0 || note === undefined) throw invalidBody(issues);
  return { kind: 'note', text: note };
}

/** Body of `POST /v1/cases/{id}/assign`: `{ owner }`. */
function parseAssign(body: Record<string, unknown>): CaseChange {
  const issues = unknownKeys(body, ['owner']);
  if (typeof body.owner !== 'string' || !SLUG.test(body.owner)) {
    issues.push({ path: 'owner', code: 'invalid_value', message: 'expected an owner id' });
  }
  if (issues.length > 0) throw invalidBody(issues);
  return { kind: 'assign', ownerId: body.owner as string };
}

/**
 * The caseworker's writes: `POST /v1/cases/{id}/transition` (open → contacted → resolved, or
 * closed_no_action; closing needs a root cause and a note), `…/notes` (any time) and `…/assign`
 * (another owner, who gets "new case for you"). Each is one atomic read-decide-write in the store, so
 * two people acting at once cannot both move a case; every change is in the history with the key's
 * name. A case outside the key's scope does not exist for it (404).
 */
export function createCaseChangesRoute(deps: AppDeps): Hono {
  const owners = ownersOf(deps);
  const router = createAlertRouter(deps.config);
  const app = new Hono();

  const apply = async (c: Context, change: CaseChange) => {
    const cases = deps.config.cases;
    if (!cases) throw new ApiError(404, 'not_found', 'cases are not configured');
    const caseId = c.req.param('id') ?? '';
    const within = scopedCaseFilter(c, {}).within;
    const now = deps.now();
    const actor = c.get('principal').name;
    // A new owner's alert carries the response (comment, context): read it before the transaction.
    let response: ResponseRow | null = null;
    if (change.kind === 'assign') {
      const detail = await fromStore(() => deps.store.getCase(caseId, within));
      if (detail) {
        response = await fromStore(async () => {
          const filter = scopedFilter(c, { responseId: detail.case.responseId });
          for await (const row of deps.store.streamResponses(filter, { limit: 1 })) return row;
          return null;
        });
      }
    }
    const result = await fromStore(() =>
      deps.store.updateCase(caseId, within, (current: CaseRow) => {
        const decided = decideChange(current, change, { now, actor, cases });
        if (isRefusal(decided)) return decided;
        const alerts =
          change.kind === 'assign'
            ? caseAlerts(
                { config: deps.config, router, newId: randomUUID },
                'case_opened',
                { ...current, ...decided.patch },
                response,
              )
            : [];
        return { at: now, ...decided, alerts };
      }),
    );
    if (!result.ok) {
      if (result.reason === 'not_found') throw new ApiError(404, 'not_found', 'no such case');
      if (result.reason === 'invalid_transition') {
        throw new ApiError(409, 'invalid_transition', result.message);
      }
      throw new ApiError(400, 'validation_failed', result.message);
    }
    if (change.kind === 'assign') deps.alerts?.wake();
    // Other caseworkers' open inboxes (in the case's scope) refresh.
    tellCommitted(deps.commits, touchedByCase(result.case));
    return c.json({ case: toCaseJson(result.case, owners, now) }, 200, {
      'Cache-Control': 'no-store',
    });
  };

  app.post(`/v1/cases/${CASE_ID}/transition`, deps.guard('caseworker'), async (c) =>
    apply(c, parseTransition(await readAnalystJson(c.req.raw))),
  );
  app.post(`/v1/cases/${CASE_ID}/notes`, deps.guard('caseworker'), async (c) =>
    apply(c, parseNote(await readAnalystJson(c.req.raw))),
  );
  app.post(`/v1/cases/${CASE_ID}/assign`, deps.guard('caseworker'), async (c) =>
    apply(c, parseAssign(await readAnalystJson(c.req.raw))),
  );
  return app;
}
