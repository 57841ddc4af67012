import { z } from 'zod';
import { READ_KEY_ROLES } from './config.js';
import { CHANNELS } from './invitation.js';
import { slug } from './primitives.js';

/**
 * The analyst API (`/v1/nps`, `/v1/responses`, `/v1/program`, `/v1/session`, `/v1/keys`) as zod
 * schemas: query parameters as they arrive (strings) and JSON bodies as they leave. The collector
 * validates requests with them, its tests validate real responses with them, and its OpenAPI document
 * is generated from them — so the three cannot drift apart. The dashboard can import the types.
 */

const text = z.string().min(1).max(200);
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A time bound: ISO 8601 with a zone, or `YYYY-MM-DD` = midnight in the request's time zone. */
export const timeBoundParam = z
  .string()
  .refine(
    (value) =>
      (DATE_ONLY.test(value) || DATE_TIME.test(value)) &&
      !Number.isNaN(Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value)),
    'expected an ISO 8601 date-time with a zone, or YYYY-MM-DD',
  );

const bool = z.enum(['true', 'false']);

/** The filters shared by `/v1/responses`, `/v1/nps`, `export` and `summary`. */
export const filterQueryShape = {
  response: z
    .string()
    .regex(UUID, 'expected a response id (UUID)')
    .optional()
    .meta({ description: 'One response id (the link a webhook sends).' }),
  survey: slug.optional().meta({ description: 'A survey id.' }),
  from: timeBoundParam
    .optional()
    .meta({ description: 'Inclusive lower bound on the response time (its first event).' }),
  to: timeBoundParam
    .optional()
    .meta({ description: 'Exclusive upper bound on the response time.' }),
  touchpoint: text.optional(),
  unit: text.optional().meta({ description: 'A store or other unit.' }),
  employee: text.optional(),
  category: z.enum(['promoter', 'passive', 'detractor']).optional(),
  emotion: slug.optional(),
  answered: bool
    .optional()
    .meta({ description: 'true: only scored responses; false: only displays without a score.' }),
  channel: z
    .enum(CHANNELS)
    .optional()
    .meta({ description: 'web (the widget), email or link (invitations).' }),
  verified: bool.optional().meta({
    description:
      'true: only responses whose attribution the site signed; false: only unsigned ones.',
  }),
  tz: z.string().min(1).max(64).optional().meta({
    description:
      'IANA time zone for YYYY-MM-DD bounds and periods (default: the time zone of the sites the key sees, else UTC).',
  }),
} as const;

/** Query of `GET /v1/responses`. */
export const responsesQuerySchema = z.strictObject({
  ...filterQueryShape,
  kind: z
    .enum(['relationship', 'transactional'])
    .optional()
    .meta({ description: 'Only responses to surveys of this kind.' }),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'not a cursor from this API')
    .optional(),
  limit: z
    .string()
    .regex(/^\d{1,8}$/, 'expected a whole number')
    .optional()
    .meta({
      description: 'json: 1–1000 (default 100); ndjson/csv: up to 10 000 000 (default all).',
    }),
  format: z.enum(['json', 'ndjson', 'csv']).optional(),
  delimiter: z.enum(['comma', 'semicolon']).optional(),
  hasComment: bool.optional().meta({
    description: 'true: only responses with a comment; false: only those without one.',
  }),
  q: text.optional().meta({
    description:
      'Only responses whose comment contains this text (1–200 characters), ignoring case; % and _ are plain characters. Never echoed in errors.',
  }),
  order: z.enum(['asc', 'desc']).optional().meta({
    description:
      'asc (default): in the order responses were stored; desc: the most recently stored first (the latest comments). A cursor continues in the order it was made for.',
  }),
});

/** Query of `GET /v1/nps`. */
export const npsQuerySchema = z.strictObject({
  ...filterQueryShape,
  kind: z
    .enum(['relationship', 'transactional'])
    .optional()
    .meta({ description: 'Only this survey kind (results always come per kind).' }),
  groupBy: z
    .string()
    .regex(
      /^[A-Za-z][A-Za-z0-9_]{0,39}(,[A-Za-z][A-Za-z0-9_]{0,39})?$/,
      'one or two dimensions, comma separated',
    )
    .optional()
    .meta({
      description:
        'Up to two of: survey, kind, touchpoint, unit, employee, emotion, category, verified, channel, orderValue (needs orderValueBands), a declared custom context key, day, week, month, quarter, year.',
    }),
  compare: z.string().max(80).optional().meta({
    description:
      '`previous` (the period of equal length before from..to) or `<from>..<to>`: adds the other period, the difference, its interval and significance per group.',
  }),
  weighted: bool
    .optional()
    .meta({ description: 'true: NPS weighted by the inverse sampling rate of each survey.' }),
  orderValueBands: z
    .string()
    .regex(/^\d+(\.\d+)?(,\d+(\.\d+)?){0,19}$/, 'ascending numbers, comma separated')
    .optional()
    .meta({ description: 'Band boundaries for groupBy=orderValue, e.g. 0,200,500,1000.' }),
  bandCurrency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as "SEK"')
    .optional()
    .meta({ description: 'The currency of orderValueBands (default: the site currency).' }),
  money: bool
    .optional()
    .meta({ description: 'true: order-value sums and means per category and currency per group.' }),
});

/** Query of `GET /v1/program`. */
export const programQuerySchema = z.strictObject({ tz: filterQueryShape.tz });

/** Body of `POST /v1/session`. */
export const sessionRequestSchema = z.strictObject({
  key: z.string().min(1).max(200).meta({ description: 'A read key (rk_…).' }),
});

// ---- Response bodies ----

const interval = z.tuple([z.number(), z.number()]).nullable();

/** `{ error, message, issues? }`: every 4xx and 5xx. */
export const errorBodySchema = z
  .object({
    error: z.string(),
    message: z.string(),
    issues: z
      .array(z.object({ path: z.string(), code: z.string(), message: z.string() }))
      .optional(),
  })
  .meta({ id: 'Error' });

const counts = {
  promoters: z.int().min(0),
  passives: z.int().min(0),
  detractors: z.int().min(0),
};

const weightedSchema = z
  .object({
    nps: z.number().nullable(),
    effectiveN: z.number(),
    marginOfError: z.number().nullable(),
    ci95: interval,
    lowSample: z.boolean(),
    unweighted: z
      .int()
      .min(0)
      .meta({ description: 'Answers left out: their sampling rate was 0 (forced displays).' }),
  })
  .meta({ id: 'WeightedNps' });

const comparisonSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    ...counts,
    n: z.int().min(0),
    nps: z.number().nullable(),
    ci95: interval,
    displays: z.int().min(0),
    responseRate: z.number().nullable(),
    difference: z
      .number()
      .nullable()
      .meta({ description: 'This period minus the other, in points.' }),
    differenceCi95: interval,
    significant: z.boolean(),
    weighted: weightedSchema
      .extend({
        difference: z.number().nullable(),
        differenceCi95: interval,
        significant: z.boolean(),
      })
      .optional()
      .meta({
        description: 'With weighted=true: the other period weighted, and the weighted change.',
      }),
  })
  .meta({ id: 'NpsComparison' });

const moneyCategory = z.object({
  count: z.int().min(0),
  sum: z.number(),
  mean: z.number().nullable(),
});

const moneySchema = z
  .object({
    currency: z.string(),
    promoters: moneyCategory,
    passives: moneyCategory,
    detractors: moneyCategory,
    total: z.object({ count: z.int().min(0), sum: z.number() }),
    revenueAtRiskShare: z
      .number()
      .nullable()
      .meta({ description: 'Share of the order value that came from detractors.' }),
  })
  .meta({ id: 'Money' });

/** One NPS figure with everything needed to judge it. */
export const npsRowSchema = z
  .object({
    ...counts,
    n: z.int().min(0),
    nps: z.number().nullable(),
    marginOfError: z.number().nullable(),
    ci95: interval,
    lowSample: z.boolean(),
    displays: z.int().min(0),
    answers: z.int().min(0),
    verifiedAnswers: z.int().min(0).meta({
      description: 'Answers whose attribution (customer, order, unit, employee) the site signed.',
    }),
    responseRate: z.number().nullable().meta({
      description: 'answers / displays; null where it means nothing (emotion, category groups).',
    }),
    responseRateCi95: interval,
    share: z.number().nullable().meta({
      description: 'For emotion and category groups: the share of the answers in this group.',
    }),
    weighted: weightedSchema.optional(),
    comparison: comparisonSchema.optional(),
    money: z.array(moneySchema).optional(),
  })
  .meta({ id: 'NpsRow' });

const groupSchema = npsRowSchema
  .extend({
    key: z.record(z.string(), z.string().nullable()),
    period: z.object({ start: z.string(), end: z.string() }).optional(),
  })
  .meta({ id: 'NpsGroup' });

/** Body of `GET /v1/nps`. */
export const npsResponseSchema = z
  .object({
    query: z.object({
      from: z.string().nullable(),
      to: z.string().nullable(),
      timeZone: z.string(),
      groupBy: z.array(z.string()),
      compare: z.object({ from: z.string(), to: z.string() }).nullable(),
      weighted: z.boolean(),
    }),
    kinds: z.array(
      z.object({
        kind: z.enum(['relationship', 'transactional']),
        overall: npsRowSchema,
        groups: z.array(groupSchema),
      }),
    ),
  })
  .meta({ id: 'NpsResponse' });

const goalStatus = z.enum(['met', 'on_track', 'behind', 'unknown']);

/** Body of `GET /v1/program`. */
export const programResponseSchema = z
  .object({
    timeZone: z.string(),
    now: z.string(),
    goals: z.array(
      z.object({
        id: z.string(),
        name: z.string().nullable(),
        metric: z.enum(['nps', 'responseRate']),
        survey: z.string().nullable(),
        kind: z.string().nullable(),
        unit: z.string().nullable(),
        windowDays: z.int(),
        start: z.string(),
        baseline: z.object({ value: z.number().nullable(), measured: z.boolean() }),
        current: z.object({
          from: z.string(),
          to: z.string(),
          value: z.number().nullable(),
          ci95: interval,
          n: z.int().min(0),
          displays: z.int().min(0),
        }),
        status: goalStatus,
        targets: z.array(
          z.object({
            value: z.number(),
            by: z.string(),
            status: goalStatus,
            expected: z.number().nullable().meta({
              description: 'Where a linear path from the previous milestone puts the metric now.',
            }),
            measured: z.number().nullable().meta({
              description: 'For a past target: the value over the window ending at its date.',
            }),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'ProgramResponse' });

const scopeSchema = z.object({
  sites: z.array(z.string()).optional(),
  units: z.array(z.string()).optional(),
  surveys: z.array(z.string()).optional(),
});

/** Body of `POST /v1/session` and `GET /v1/session`. */
export const sessionResponseSchema = z
  .object({
    name: z.string(),
    role: z.enum(READ_KEY_ROLES),
    scope: scopeSchema,
    via: z.enum(['session', 'bearer']),
    expiresAt: z.string().nullable(),
    csrfToken: z
      .string()
      .optional()
      .meta({ description: 'Send it as X-Npskit-Csrf on every mutating request of this session.' }),
  })
  .meta({ id: 'Session' });

/** Body of `GET /v1/keys`. */
export const keysResponseSchema = z
  .object({
    keys: z.array(
      z.object({
        name: z.string(),
        role: z.enum(READ_KEY_ROLES),
        scope: scopeSchema,
        source: z.enum(['config', 'file', 'env']),
        createdAt: z.string().nullable(),
        revokedAt: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'Keys' });

/** One response as `GET /v1/responses` shows it. */
export const responseJsonSchema = z
  .object({
    responseId: z.string(),
    site: z.string(),
    surveyId: z.string(),
    surveyKind: z.string(),
    score: z.int().nullable(),
    category: z.string().nullable(),
    emotion: z.string().nullable(),
    comment: z.string().nullable(),
    customerId: z.string().nullable(),
    anonymousId: z.string(),
    at: z.string(),
    displayedAt: z.string().nullable(),
    answeredAt: z.string().nullable(),
    dismissedAt: z.string().nullable(),
    receivedAt: z.string(),
    context: z.record(z.string(), z.union([z.string(), z.number()])),
    caseId: z.string().nullable().optional().meta({
      description:
        'JSON pages only, when cases are configured: the case this answer opened, or null.',
    }),
  })
  .catchall(z.unknown())
  .meta({ id: 'Response' });

/** Body of `GET /v1/responses?format=json`. */
export const responsesPageSchema = z
  .object({ responses: z.array(responseJsonSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ResponsesPage' });

export type NpsQuery = z.output<typeof npsQuerySchema>;
export type NpsRowJson = z.output<typeof npsRowSchema>;
export type NpsGroupJson = z.output<typeof groupSchema>;
export type NpsResponseJson = z.output<typeof npsResponseSchema>;
export type ProgramResponseJson = z.output<typeof programResponseSchema>;
export type SessionResponseJson = z.output<typeof sessionResponseSchema>;
export type KeysResponseJson = z.output<typeof keysResponseSchema>;
