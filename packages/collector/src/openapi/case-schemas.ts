import { responseJsonSchema } from '@npskit/core/schema';
import { z } from 'zod';
import { MAX_NOTE_LENGTH } from '../cases/lifecycle.js';

/**
 * The case routes' (issue 11) queries and bodies as zod, for the OpenAPI document and the route
 * tests that check real answers against it. The routes validate by hand (`parse-case-filter.ts`,
 * `case-changes.ts`); these describe the same rules.
 */

const iso = z.iso.datetime({ offset: true });
const status = z.enum(['open', 'contacted', 'resolved', 'closed_no_action']);
const id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/);
const bound = z.string().meta({
  description: 'ISO 8601 with a zone, or YYYY-MM-DD (UTC midnight); bounds the opening time.',
});

const caseFilterShape = {
  status: z
    .string()
    .optional()
    .meta({ description: 'Comma-separated: open, contacted, resolved, closed_no_action.' }),
  unit: z.string().min(1).max(200).optional(),
  owner: id.optional().meta({ description: 'An owner id of cases.owners.' }),
  survey: id.optional(),
  overdue: z
    .enum(['true', 'false'])
    .optional()
    .meta({ description: 'Open past its due time now.' }),
  from: bound.optional(),
  to: bound.optional(),
} as const;

/** Query of `GET /v1/cases`. */
export const caseListQuerySchema = z.strictObject({
  ...caseFilterShape,
  limit: z
    .string()
    .optional()
    .meta({ description: 'json: 1–1000 (default 100); else ≤ 1 000 000.' }),
  cursor: z.string().optional(),
  format: z.enum(['json', 'ndjson', 'csv']).optional(),
  delimiter: z.enum(['comma', 'semicolon']).optional(),
});

/** Query of `GET /v1/cases/kpis`. */
export const caseKpisQuerySchema = z.strictObject({
  ...caseFilterShape,
  groupBy: z.enum(['unit', 'owner']).optional(),
});

/** A case as the API shows it (`toCaseJson`). */
export const caseSchema = z
  .object({
    caseId: z.string(),
    status,
    overdue: z.boolean(),
    responseId: z.string(),
    site: z.string(),
    surveyId: z.string(),
    surveyKind: z.string(),
    customerId: z.string().nullable(),
    verified: z.boolean(),
    unit: z.string().nullable(),
    touchpoint: z.string().nullable(),
    owner: z.object({ id: z.string(), name: z.string() }).nullable(),
    score: z.int(),
    category: z.string(),
    comment: z.string().nullable(),
    emotion: z.string().nullable(),
    openedAt: iso,
    dueAt: iso,
    contactedAt: iso.nullable(),
    resolvedAt: iso.nullable(),
    closedAt: iso.nullable(),
    overdueAlertedAt: iso.nullable(),
    rootCause: z.string().nullable(),
    recovery: z.object({
      dueAt: iso.nullable(),
      responseId: z.string().nullable(),
      score: z.int().nullable(),
      category: z.string().nullable(),
      recovered: z.boolean().nullable(),
    }),
    updatedAt: iso,
  })
  .meta({ id: 'Case' });

/** Body of `GET /v1/cases` (json). */
export const casePageSchema = z
  .object({ cases: z.array(caseSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'CasePage' });

/** Body of `GET /v1/cases/{id}`. */
export const caseDetailSchema = z
  .object({
    case: caseSchema,
    response: responseJsonSchema.nullable(),
    history: z.array(
      z.object({
        at: iso,
        actor: z.string(),
        action: z.enum([
          'opened',
          'contacted',
          'resolved',
          'closed_no_action',
          'note',
          'assigned',
          'answer_changed',
          'overdue',
          'recovery_answered',
        ]),
        fromStatus: status.nullable(),
        toStatus: status.nullable(),
        ownerId: z.string().nullable(),
        rootCause: z.string().nullable(),
        note: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'CaseDetail' });

/** Body of the case changes: the case after the change. */
export const caseChangedSchema = z.object({ case: caseSchema }).meta({ id: 'CaseChanged' });

const note = z.string().min(1).max(MAX_NOTE_LENGTH);

/** Body of `POST /v1/cases/{id}/transition`. */
export const caseTransitionSchema = z
  .strictObject({
    to: z.enum(['contacted', 'resolved', 'closed_no_action']),
    rootCause: id.optional().meta({ description: 'One of cases.rootCauses.' }),
    note: note.optional(),
  })
  .meta({ id: 'CaseTransition' });

/** Body of `POST /v1/cases/{id}/notes`. */
export const caseNoteSchema = z.strictObject({ text: note }).meta({ id: 'CaseNote' });

/** Body of `POST /v1/cases/{id}/assign`. */
export const caseAssignSchema = z
  .strictObject({ owner: id.meta({ description: 'An owner id of cases.owners.' }) })
  .meta({ id: 'CaseAssign' });

const share = z.number().min(0).max(1).nullable();
const kpis = {
  opened: z.int().min(0),
  active: z.int().min(0),
  overdue: z.int().min(0),
  contactedWithinSla: z.object({ count: z.int(), of: z.int(), share }),
  medianHoursToFirstContact: z.number().nullable(),
  resolved: z.object({ count: z.int(), share }),
  closedNoAction: z.int().min(0),
  recovery: z.object({ answered: z.int(), recovered: z.int(), rate: share }),
  rootCauses: z.array(z.object({ rootCause: z.string(), count: z.int() })),
};

/** Body of `GET /v1/cases/kpis`. */
export const caseKpisSchema = z
  .object({
    overall: z.object(kpis),
    groups: z.array(z.object({ key: z.string().nullable(), ...kpis })),
  })
  .meta({ id: 'CaseKpis' });

/** Body of `GET /v1/cases/options`. */
export const caseOptionsSchema = z
  .object({
    rootCauses: z.array(z.string()),
    owners: z.array(
      z.object({ id: z.string(), name: z.string(), units: z.array(z.string()).nullable() }),
    ),
    firstContactHours: z.number(),
  })
  .meta({ id: 'CaseOptions' });

const outboxCounts = {
  pending: z.int().min(0),
  delivered: z.int().min(0),
  failed: z.int().min(0),
  dropped: z.int().min(0),
  coalesced: z.int().min(0),
};

/** Body of `GET /v1/metrics`. */
export const metricsSchema = z
  .object({
    outbox: z.object({
      ...outboxCounts,
      oldestPendingAt: iso.nullable(),
      byDestination: z.array(
        z.object({ destination: z.string(), label: z.string(), ...outboxCounts }),
      ),
    }),
  })
  .meta({ id: 'Metrics' });
