import { z } from 'zod';
import { slug } from './primitives.js';

/** True when `name` is an IANA time zone this runtime knows (`Europe/Stockholm`, `UTC`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const timeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, 'an IANA time zone such as "Europe/Stockholm"');
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day such as "08:30"');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as "2025-12-24"');
/** ISO weekdays: 1 = Monday … 7 = Sunday. */
const weekday = z.int().min(1).max(7);
const storeName = z.string().min(1).max(200);
const hours = z
  .number()
  .positive()
  .max(24 * 366);

/** Root causes a closed case can be tagged with when the config names none. */
export const DEFAULT_ROOT_CAUSES = [
  'product',
  'delivery',
  'staff',
  'wait-time',
  'price',
  'website',
  'other',
] as const;

/**
 * Which answers open a case. A rule matches an answer when every condition it states holds; an answer
 * opens a case when any rule matches. The default rule (`{}`) is every detractor (0–6) of any survey
 * whose customer can be contacted (has a customer id).
 */
export const caseRuleSchema = z.strictObject({
  /** Only these surveys (default: every survey). */
  surveys: z.array(slug).min(1).max(50).optional(),
  /** Only these survey kinds (default: both). */
  kinds: z
    .array(z.enum(['relationship', 'transactional']))
    .min(1)
    .optional(),
  /** Scores up to and including this open a case. Default 6: every detractor. */
  maxScore: z.int().min(0).max(10).default(6),
  /** Only when the customer picked one of these emotions. */
  emotions: z.array(slug).min(1).max(20).optional(),
  /** true: only answers with a comment; false: only answers without one. */
  hasComment: z.boolean().optional(),
  /**
   * Who can be contacted: `identified` = the answer carries a customer id; `verified` = a customer id
   * the site's server signed; `auto` (default) = `verified` on a site that signs (it has a
   * `secretSha256`), `identified` on one that does not. An unsigned id is whatever a page said: on a
   * site that could sign it, a case for it would have someone call a customer who never answered.
   */
  contact: z.enum(['auto', 'identified', 'verified']).default('auto'),
});

/** The people cases are routed to: a case goes to the owner of its store (or touchpoint). */
export const caseOwnerSchema = z.strictObject({
  /** Stable id, used in filters, assignments and the API. */
  id: slug,
  name: z.string().min(1).max(120),
  /** Where "new case for you", "case overdue" and the digest are e-mailed (needs `smtp`). */
  email: z.email().optional(),
  /** Stores (`context.unit`) this owner answers for. */
  units: z.array(storeName).min(1).max(500).optional(),
  /** Touchpoints this owner answers for (used when no owner has the case's store). */
  touchpoints: z.array(storeName).min(1).max(100).optional(),
  /** How often this owner gets a digest. Default daily. */
  digest: z.enum(['daily', 'weekly', 'off']).default('daily'),
});

const businessHoursSchema = z
  .strictObject({
    timeZone,
    /** Working days, ISO numbering (1 = Monday). Default Monday–Friday. */
    days: z.array(weekday).min(1).max(7).default([1, 2, 3, 4, 5]),
    start: clockTime.default('09:00'),
    end: clockTime.default('17:00'),
    /** Days without business hours (public holidays), in `timeZone`. */
    holidays: z.array(isoDate).max(400).optional(),
  })
  .refine((hoursOfDay) => hoursOfDay.start < hoursOfDay.end, {
    path: ['end'],
    message: 'end must be after start',
  });

/** Deadlines for the first contact with the customer. */
export const caseSlaSchema = z.strictObject({
  /** Hours from the answer to the first contact. Default 48 (the industry's 48-hour rule). */
  firstContactHours: hours.default(48),
  /** Per survey id, overriding `firstContactHours`. */
  surveys: z.record(slug, hours).optional(),
  /** When set, SLA hours count only inside these hours (e.g. 48 h = six 8-hour days). */
  businessHours: businessHoursSchema.optional(),
});

/** The case workflow: rules, owners, deadlines, root causes, recovery follow-up, digests. */
export const casesConfigSchema = z.strictObject({
  rules: z
    .array(caseRuleSchema)
    .min(1)
    .max(50)
    .default([{ maxScore: 6, contact: 'auto' }]),
  owners: z.array(caseOwnerSchema).max(1000).default([]),
  /** Owner of cases whose store and touchpoint no owner claims. Without it they stay unassigned. */
  fallbackOwner: slug.optional(),
  sla: caseSlaSchema.default({ firstContactHours: 48 }),
  /** Tags a closed case must carry, ranked in the KPIs ("what to fix"). */
  rootCauses: z
    .array(slug)
    .min(1)
    .max(100)
    .default([...DEFAULT_ROOT_CAUSES]),
  /** After a case is resolved, the survey marked `recovery: true` may ask the customer again. */
  recovery: z
    .strictObject({
      /** Days after the resolution before the follow-up may be shown. Default 14. */
      afterDays: z.int().min(1).max(365).default(14),
    })
    .optional(),
  /** When owners' digests are sent: daily at `at`, weekly on `weekday` at `at`, in `timeZone`. */
  digest: z
    .strictObject({
      timeZone: timeZone.default('UTC'),
      at: clockTime.default('07:00'),
      weekday: weekday.default(1),
    })
    .default({ timeZone: 'UTC', at: '07:00', weekday: 1 }),
});

export type CasesConfig = z.output<typeof casesConfigSchema>;
export type CaseRule = z.output<typeof caseRuleSchema>;
export type CaseOwner = z.output<typeof caseOwnerSchema>;
export type CaseSla = z.output<typeof caseSlaSchema>;
export type BusinessHours = NonNullable<CaseSla['businessHours']>;
