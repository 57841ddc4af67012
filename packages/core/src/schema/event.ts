import { z } from 'zod';
import { LIMITS } from './limits.js';
import { isoDateTime, scoreValue, slug } from './primitives.js';
import { signedTokensSchema } from './signed.js';

const contextString = z.string().max(LIMITS.maxContextStringLength);

/** Context keys with a fixed meaning; anything else is a custom key. */
export const STANDARD_CONTEXT_KEYS = [
  'touchpoint',
  'unit',
  'employee',
  'orderId',
  'orderValue',
  'currency',
  'locale',
  'page',
] as const;

/** What a custom context key looks like (never an `Object.prototype` key with `_`). */
export const CUSTOM_CONTEXT_KEY = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/**
 * Where and about what a response was given. Standard keys are typed; up to
 * `LIMITS.maxCustomContextKeys` custom keys may carry strings or finite numbers.
 */
export const contextSchema = z
  .object({
    touchpoint: contextString.optional(),
    unit: contextString.optional(),
    employee: contextString.optional(),
    orderId: contextString.optional(),
    orderValue: z.number().finite().nonnegative().optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as "SEK"')
      .optional(),
    locale: contextString.optional(),
    /** Origin + path. The collector strips any query or fragment that slips through. */
    page: z.string().max(2000).optional(),
  })
  .catchall(z.union([contextString, z.number().finite()]))
  .superRefine((context, ctx) => {
    const standard = new Set<string>(STANDARD_CONTEXT_KEYS);
    const custom = Object.keys(context).filter((key) => !standard.has(key));
    for (const key of custom) {
      if (!CUSTOM_CONTEXT_KEY.test(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: 'context keys are letters, digits, "_"',
        });
      }
    }
    if (custom.length > LIMITS.maxCustomContextKeys) {
      ctx.addIssue({
        code: 'too_big',
        origin: 'object',
        maximum: LIMITS.maxCustomContextKeys,
        inclusive: true,
        message: `at most ${LIMITS.maxCustomContextKeys} custom context keys`,
      });
    }
  });

/** Who answered: the browser's random id and, once identified, the site's customer id. */
export const respondentSchema = z.strictObject({
  anonymousId: z.uuid(),
  customerId: z.string().min(1).max(LIMITS.maxCustomerIdLength).optional(),
});

const eventBase = {
  id: z.uuid(),
  surveyId: slug,
  /** One per display: every event of one survey display shares it. */
  responseId: z.uuid(),
  /** Client clock; the collector corrects it for skew using the batch's `sentAt`. */
  at: isoDateTime,
  respondent: respondentSchema,
  context: contextSchema.optional(),
  /**
   * Tokens signed by the host's server (`v1.<payload>.<sig>`): the customer token, then the latest
   * context (order) token. The widget passes them through untouched; the collector verifies them.
   */
  signed: signedTokensSchema.optional(),
};

export const displayEventSchema = z.strictObject({ ...eventBase, type: z.literal('display') });
export const dismissEventSchema = z.strictObject({ ...eventBase, type: z.literal('dismiss') });
export const answerEventSchema = z.strictObject({
  ...eventBase,
  type: z.literal('answer'),
  score: scoreValue,
});
export const followupEventSchema = z
  .strictObject({
    ...eventBase,
    type: z.literal('followup'),
    emotion: slug.optional(),
    comment: z.string().max(LIMITS.maxCommentLength).optional(),
  })
  .refine((event) => event.emotion !== undefined || event.comment !== undefined, {
    message: 'a followup carries an emotion, a comment or both',
    path: ['emotion'],
  });

/** One thing that happened in the widget. Append-only and idempotent by `id`. */
export const eventSchema = z.discriminatedUnion('type', [
  displayEventSchema,
  dismissEventSchema,
  answerEventSchema,
  followupEventSchema,
]);

/** The body of `POST /v1/events`. */
export const eventBatchSchema = z.strictObject({
  site: z.string().min(1).max(200),
  /** Client clock when the batch left the browser; used with server time to correct skew. */
  sentAt: isoDateTime,
  events: z.array(eventSchema).min(1).max(LIMITS.maxEventsPerBatch),
});

export type EventContext = z.infer<typeof contextSchema>;
export type NpsEvent = z.infer<typeof eventSchema>;
export type EventType = NpsEvent['type'];
export type EventBatch = z.infer<typeof eventBatchSchema>;
