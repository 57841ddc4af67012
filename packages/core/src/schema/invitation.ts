import { z } from 'zod';
import { CUSTOM_CONTEXT_KEY } from './event.js';
import { LIMITS } from './limits.js';
import { locale, slug } from './primitives.js';

/**
 * How a response reached the collector: `web` — the widget on the site's own pages; `email` — an
 * invitation e-mail with one-tap score links; `link` — an invitation link sent any other way (SMS,
 * chat, a QR code on a letter), opening the hosted survey page on the full scale.
 */
export const CHANNELS = ['web', 'email', 'link'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The channels an invitation can be sent through. */
export const INVITATION_CHANNELS = ['email', 'link'] as const;
export type InvitationChannel = (typeof INVITATION_CHANNELS)[number];

/** Invitation limits: per request, and how long a link may live. */
export const INVITATION_LIMITS = {
  /** Customers in one `POST /v1/invitations` (the CLI sends larger files in chunks of this size). */
  maxCustomersPerRequest: 500,
  /** Days a link stays valid when the request names none. */
  defaultExpiresInDays: 30,
  /** Longest a link may stay valid. */
  maxExpiresInDays: 90,
} as const;

const contextText = z.string().min(1).max(LIMITS.maxContextStringLength);

/**
 * What an invitation's response is about: the store (unit), touchpoint and employee, and custom keys
 * such as `segment`. Order facts, page and locale have no place here (a relationship survey asks
 * about the whole relationship, not one order; the locale is the customer's own field).
 */
export const invitationContextSchema = z
  .object({
    touchpoint: contextText.optional(),
    unit: contextText.optional(),
    employee: contextText.optional(),
  })
  .catchall(z.union([contextText, z.number().finite()]))
  .superRefine((context, ctx) => {
    const custom = Object.keys(context).filter(
      (key) => key !== 'touchpoint' && key !== 'unit' && key !== 'employee',
    );
    for (const key of custom) {
      const reserved = ['orderId', 'orderValue', 'currency', 'page', 'locale'].includes(key);
      if (reserved || !CUSTOM_CONTEXT_KEY.test(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: reserved
            ? 'not part of an invitation (no order, page or locale here)'
            : 'context keys are letters, digits, "_"',
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

/** One customer to invite: the site's own customer id (verified: the caller vouches for it). */
export const invitationCustomerSchema = z.strictObject({
  customerId: z.string().min(1).max(LIMITS.maxCustomerIdLength),
  /** The language of the e-mail and the survey page (`sv`, `en`, `sv-FI`); default the survey's. */
  locale: locale.optional(),
  context: invitationContextSchema.optional(),
});

/** The body of `POST /v1/invitations`. */
export const invitationRequestSchema = z.strictObject({
  /** The site (write key) whose customers these are: its secret signs the links. */
  site: z.string().min(1).max(200),
  /** A relationship survey of that site. */
  surveyId: slug,
  channel: z.enum(INVITATION_CHANNELS).default('email'),
  expiresInDays: z.int().min(1).max(INVITATION_LIMITS.maxExpiresInDays).optional(),
  /** Decide only: say who would be invited and why not, reserve and create nothing. */
  dryRun: z.boolean().default(false),
  customers: z.array(z.unknown()).min(1).max(INVITATION_LIMITS.maxCustomersPerRequest),
});

export type InvitationContext = z.infer<typeof invitationContextSchema>;
export type InvitationCustomer = z.infer<typeof invitationCustomerSchema>;
export type InvitationRequest = z.infer<typeof invitationRequestSchema>;
