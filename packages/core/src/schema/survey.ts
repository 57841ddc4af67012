import { z } from 'zod';
import { isoDateTime, locale, slug } from './primitives.js';

/** Every text the widget shows; each may be overridden per locale in a survey definition. */
export const SURVEY_TEXT_KEYS = [
  'question',
  'lowLabel',
  'highLabel',
  'emotionPrompt',
  'commentLabel',
  'commentPlaceholder',
  'submit',
  'skip',
  'thanks',
  'close',
  'thanksPromoter',
  'thanksPassive',
  'thanksDetractor',
  'promoterLink',
  'contact',
  'yourScore',
  'change',
  'senderName',
  'senderTitle',
] as const;
export type SurveyTextKey = (typeof SURVEY_TEXT_KEYS)[number];

const textOverrides = z.strictObject(
  Object.fromEntries(
    SURVEY_TEXT_KEYS.map((key) => [key, z.string().min(1).max(500).optional()]),
  ) as {
    [K in SurveyTextKey]: z.ZodOptional<z.ZodString>;
  },
);

/** A colour the widget's theme may use: hex only, so a value can never smuggle CSS. */
const color = z
  .string()
  .regex(/^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/, 'a hex colour such as "#2f4a3a"');

const palette = {
  /** Selected score, Send button, focus ring, links. */
  accent: color.optional(),
  /** Text on the accent colour. */
  accentText: color.optional(),
  background: color.optional(),
  text: color.optional(),
  /** End labels, sender title. */
  muted: color.optional(),
};

/**
 * The survey's look, so it matches the site instead of looking pasted on. Page-wide CSS custom
 * properties (`--npskit-*`) still apply where the theme is silent.
 */
const themeSchema = z.strictObject({
  ...palette,
  /** Corner radius in px. */
  radius: z.int().min(0).max(32).optional(),
  /** A CSS font-family list; colour-emoji fonts are appended by the widget. */
  font: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9 ,"'_-]+$/, 'a font-family list such as "Inter, sans-serif"')
    .optional(),
  /** Colours under `prefers-color-scheme: dark`. */
  dark: z.strictObject(palette).optional(),
});

const emotionOptionSchema = z.strictObject({
  key: slug,
  emoji: z.string().min(1).max(16),
  label: z.record(locale, z.string().min(1).max(60)),
});

const urlRulesSchema = z.strictObject({
  /** Show only where the page path matches one of these patterns (`*` matches any characters). */
  include: z.array(z.string().min(1).max(300)).max(50).optional(),
  /** Never show where the page path matches one of these patterns. */
  exclude: z.array(z.string().min(1).max(300)).max(50).optional(),
});

const triggerBase = {
  /** Wait this long after the trigger before showing; cancelled if the page no longer matches. */
  delayMs: z.int().min(0).max(600_000).optional(),
  url: urlRulesSchema.optional(),
};

/** What makes a survey appear: a page view, or an event the host page tracks (e.g. `purchase`). */
export const triggerSchema = z.discriminatedUnion('on', [
  z.strictObject({ on: z.literal('pageview'), ...triggerBase }),
  z.strictObject({ on: z.literal('event'), event: z.string().min(1).max(64), ...triggerBase }),
]);

/** A survey as configured by the program owner and served to the widget. */
export const surveyDefinitionSchema = z
  .strictObject({
    id: slug,
    kind: z.enum(['relationship', 'transactional']),
    enabled: z.boolean().default(true),
    /** The brand named in the question: "How likely are you to recommend {brand} …". */
    brand: z.string().min(1).max(80),
    defaultLocale: locale.optional(),
    texts: z.record(locale, textOverrides).optional(),
    emotions: z
      .strictObject({
        enabled: z.boolean(),
        options: z.array(emotionOptionSchema).min(2).max(10).optional(),
      })
      .optional(),
    comment: z.boolean().default(true),
    sampling: z.strictObject({ rate: z.number().min(0).max(1) }),
    recontactDays: z.int().min(0).max(3650).optional(),
    dismissWaitDays: z.int().min(0).max(3650).optional(),
    minTenureDays: z.int().min(0).max(3650).optional(),
    schedule: z
      .strictObject({ start: isoDateTime.optional(), end: isoDateTime.optional() })
      .optional(),
    triggers: z.array(triggerSchema).min(1).max(20),
    /**
     * A recovery follow-up (see `cases.recovery` in the collector config): asked only of a customer
     * whose resolved case is due for its follow-up, decided by the collector; its answer is linked to
     * that case.
     */
    recovery: z.boolean().optional(),
    /** The person the survey comes from; `texts.<locale>.senderName`/`senderTitle` translate it. */
    sender: z
      .strictObject({
        name: z.string().min(1).max(80),
        title: z.string().min(1).max(80).optional(),
        avatarUrl: z.url({ protocol: /^https?$/ }).optional(),
      })
      .optional(),
    /** What the thank-you step offers, per category of the score. */
    thanks: z
      .strictObject({
        /**
         * Offered to promoters (9–10): a review site, a referral programme (`texts.promoterLink`).
         * An https URL, or a path on the host's own site such as `/refer`.
         */
        promoterUrl: z
          .union([
            z.url({ protocol: /^https$/ }),
            z.string().regex(/^\/(?![/\\])\S{0,500}$/, 'a path such as "/refer"'),
          ])
          .optional(),
        /**
         * Tell identified detractors (0–6) that someone will get in touch (`texts.contact`). The
         * collector sets it on served surveys when its case rules open a case for every such
         * detractor; `false` here opts a survey out. Inline surveys (no collector) set it themselves.
         */
        detractorContact: z.boolean().optional(),
      })
      .optional(),
    theme: themeSchema.optional(),
  })
  .superRefine((survey, ctx) => {
    const keys = survey.emotions?.options?.map((option) => option.key) ?? [];
    if (new Set(keys).size !== keys.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['emotions', 'options'],
        message: 'emotion keys must be unique',
      });
    }
    const { start, end } = survey.schedule ?? {};
    if (start && end && Date.parse(start) >= Date.parse(end)) {
      ctx.addIssue({
        code: 'custom',
        path: ['schedule', 'end'],
        message: 'end must be after start',
      });
    }
  });

/** What a config file may contain for a survey (defaults not yet applied). */
export type SurveyDefinitionInput = z.input<typeof surveyDefinitionSchema>;
/** A validated survey with defaults applied. */
export type SurveyDefinition = z.output<typeof surveyDefinitionSchema>;
export type SurveyTrigger = z.output<typeof triggerSchema>;
/** A survey's theme (see `themeSchema`). */
export type SurveyTheme = z.output<typeof themeSchema>;
