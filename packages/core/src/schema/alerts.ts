import { z } from 'zod';
import { slug } from './primitives.js';

/**
 * What a webhook can subscribe to. `detractor` (0–6) and `answer` (every score) also bring the later
 * `followup` (emotion/comment) and `answer_changed` of the same response; `case_opened` and
 * `case_overdue` are about cases; `digest` is each owner's daily or weekly summary.
 */
export const ALERT_SUBSCRIPTIONS = [
  'detractor',
  'answer',
  'case_opened',
  'case_overdue',
  'digest',
] as const;
export type AlertSubscription = (typeof ALERT_SUBSCRIPTIONS)[number];

/** Payload formats: generic signed JSON, Slack Block Kit, Microsoft Teams Adaptive Card. */
export const WEBHOOK_FORMATS = ['json', 'slack', 'teams'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

const values = z.array(z.string().min(1).max(200)).min(1).max(500);

/** Only alerts about these surveys, stores, touchpoints, categories or owners (every list given must match). */
export const alertFilterSchema = z.strictObject({
  surveys: z.array(slug).min(1).max(50).optional(),
  units: values.optional(),
  touchpoints: values.optional(),
  categories: z
    .array(z.enum(['promoter', 'passive', 'detractor']))
    .min(1)
    .optional(),
  owners: z.array(slug).min(1).max(1000).optional(),
});

export const webhookSchema = z.strictObject({
  /**
   * Stable id of this destination in the outbox: alerts waiting for it keep going to it when the
   * config is edited. Default: derived from the URL.
   */
  id: slug.optional(),
  url: z.url({ protocol: /^https?$/ }),
  format: z.enum(WEBHOOK_FORMATS).default('json'),
  on: z.array(z.enum(ALERT_SUBSCRIPTIONS)).min(1),
  filter: alertFilterSchema.optional(),
  /**
   * Seconds a new answer's or case's alert waits before it is sent, so the customer's comment (sent
   * seconds after the score) arrives in the same message. Default 30 for `slack` and `teams`, 0 for
   * `json` (which gets the comment as a `followup` instead).
   */
  holdSeconds: z.int().min(0).max(600).optional(),
});

/** Outgoing mail for owners without a chat tool. The password comes from `NPSKIT_SMTP_PASSWORD`. */
export const smtpSchema = z.strictObject({
  host: z.string().min(1).max(255),
  port: z.int().min(1).max(65_535).default(587),
  /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
  secure: z.boolean().default(false),
  /** Sender, e.g. `"npskit <nps@shop.example>"`. */
  from: z.string().min(3).max(320),
  user: z.string().min(1).max(320).optional(),
  /** Seconds a new case's e-mail waits for the customer's comment (see webhooks' `holdSeconds`). Default 30. */
  holdSeconds: z.int().min(0).max(600).optional(),
});

export type WebhookConfig = z.output<typeof webhookSchema>;
export type AlertFilter = z.output<typeof alertFilterSchema>;
export type SmtpConfig = z.output<typeof smtpSchema>;
