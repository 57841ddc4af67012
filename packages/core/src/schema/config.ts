import { z } from 'zod';
import { canonicalTimeZone } from '../period/time-zone.js';
import { smtpSchema, webhookSchema } from './alerts.js';
import { checkCaseReferences } from './case-references.js';
import { casesConfigSchema } from './cases.js';
import { CUSTOM_CONTEXT_KEY } from './event.js';
import { LIMITS } from './limits.js';
import { origin, slug } from './primitives.js';
import { programSchema } from './program.js';
import { surveyDefinitionSchema } from './survey.js';

/** An IANA time zone name the runtime knows (`Europe/Stockholm`), case fixed. */
export const timeZone = z
  .string()
  .refine(
    (name) => canonicalTimeZone(name) !== undefined,
    'an IANA time zone such as "Europe/Stockholm"',
  )
  .transform((name) => canonicalTimeZone(name) ?? name);

/** An ISO 4217 currency code. */
const currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as "SEK"');
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex characters');

const siteSchema = z.strictObject({
  /** Public write key; it ships in HTML and can only write, only from `origins`. */
  key: z
    .string()
    .regex(/^pk_[A-Za-z0-9_-]{8,64}$/, 'a write key such as "pk_…" (see `keys create`)'),
  name: z.string().min(1).max(120),
  origins: z.array(origin).min(1).max(50),
  enabled: z.boolean().default(true),
  /** Ids of the surveys this site runs. */
  surveys: z.array(slug).max(50),
  /** Where the site's days, weeks and months begin for analysts (default UTC). */
  timeZone: timeZone.optional(),
  /** The currency order values usually come in: `orderValueBands` are in it by default. */
  currency: currency.optional(),
  /**
   * Hex SHA-256 of the site secret (`sk_…`, see `keys create --type secret`). The secret itself is
   * injected with `NPSKIT_SITE_SECRETS`; the collector checks it against this hash at start.
   */
  secretSha256: sha256Hex.optional(),
  /** Refuse events without a valid signed token (default: accept them, marked unverified). */
  requireVerified: z.boolean().default(false),
  /** Sites with the same group share eligibility history and quarantine; otherwise each is alone. */
  quarantineGroup: slug.optional(),
  /**
   * Allow-list of custom context keys. Other custom keys are dropped (and counted), the event kept.
   * Without it, each site keeps at most `LIMITS.maxCustomKeysPerSite` distinct custom keys.
   */
  contextKeys: z
    .array(z.string().regex(CUSTOM_CONTEXT_KEY, 'letters, digits, "_"'))
    .max(LIMITS.maxCustomKeysPerSite)
    .optional(),
  /** Redact e-mail addresses, phone numbers, personal identity, card and IBAN numbers in comments. */
  redactComments: z.boolean().default(true),
  /** Write requests per minute for the whole site (all clients together). */
  quota: z
    .strictObject({
      perMinute: z.int().min(1).max(1_000_000),
      burst: z.int().min(1).max(1_000_000),
    })
    .optional(),
});

const quarantineSchema = z.strictObject({
  minDaysBetweenDisplays: z.number().min(0).max(3650).optional(),
  maxDisplaysPerWindow: z.int().min(1).max(1000).optional(),
  windowDays: z.number().min(1).max(3650).optional(),
});

/**
 * What a read key may do. `viewer`, `caseworker` and `admin` are ranked: each includes everything
 * the ones before it may. `inviter` stands apart: it may only create invitations
 * (`POST /v1/invitations`), for the mail system or cron job that sends them — it reads no responses.
 */
export const READ_KEY_ROLES = ['viewer', 'caseworker', 'admin', 'inviter'] as const;
export type ReadKeyRole = (typeof READ_KEY_ROLES)[number];

const scopeList = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(500);

/** One read key entry (in `readKeys` or in the keys file). */
export const readKeySchema = z.strictObject({
  /** Recorded in the audit log with everything the key does. */
  name: z.string().min(1).max(120),
  /** Hex SHA-256 of the secret read key; the secret itself never goes in the config. */
  sha256: sha256Hex,
  /**
   * `viewer`: numbers and responses; `caseworker`: viewer + work on cases; `admin`: everything,
   * including erasure, data-subject exports and the audit log; `inviter`: only creates invitations
   * (within its scope). Defaults to the least privilege.
   */
  role: z.enum(READ_KEY_ROLES).default('viewer'),
  /**
   * Limits the key to these sites (site keys), units (stores) and surveys: rows outside the scope do
   * not exist for it. A missing list means no limit on that dimension.
   */
  scope: z
    .strictObject({
      sites: scopeList(z.string().min(1).max(200)).optional(),
      units: scopeList(z.string().min(1).max(200)).optional(),
      surveys: scopeList(slug).optional(),
    })
    .optional(),
});

/** A sampling rate that was in force until an instant (for weighting older answers correctly). */
const samplingChangeSchema = z.strictObject({
  survey: slug,
  /** The rate below applied to displays before this instant. */
  until: z.iso.datetime({ offset: true }),
  rate: z.number().gt(0).max(1),
});

/** Browser sessions (the dashboard's login). */
const sessionsSchema = z.strictObject({
  /** A session ends this many hours after login (default 8). */
  hours: z
    .number()
    .min(0.05)
    .max(24 * 30)
    .default(8),
});

/** How long data is kept; the daily purge (and `npskit-collector purge`) removes what is older. */
const retentionSchema = z.strictObject({
  /** Comments are cleared from responses older than this many months. */
  commentsMonths: z.int().min(1).max(240).optional(),
  /** Responses (with their events) older than this many months are deleted. */
  responsesMonths: z.int().min(1).max(240).optional(),
});

/** The collector's one config file. */
export const collectorConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    sites: z.array(siteSchema).min(1),
    surveys: z.array(surveyDefinitionSchema).default([]),
    quarantine: quarantineSchema.default({}),
    readKeys: z.array(readKeySchema).default([]),
    /**
     * A JSON file of more read keys (`{ "readKeys": [...] }`, path relative to this file), re-read
     * when it changes: keys added or revoked there apply without a restart (`keys create --file`,
     * `keys revoke`).
     */
    keysFile: z.string().min(1).max(1000).optional(),
    sessions: sessionsSchema.default({ hours: 8 }),
    /** Sampling rates that applied before the current `sampling.rate` of a survey. */
    samplingHistory: z.array(samplingChangeSchema).max(500).default([]),
    /** Program goals for `GET /v1/program`. */
    program: programSchema.default({ goals: [] }),
    webhooks: z.array(webhookSchema).max(100).default([]),
    retention: retentionSchema.default({}),
    /** Follow-up cases for unhappy customers (off when absent; `{}` turns them on with defaults). */
    cases: casesConfigSchema.optional(),
    /** Outgoing mail for owners' alerts and digests. */
    smtp: smtpSchema.optional(),
    /**
     * The collector's base URL as people reach it: invitation links (`/s/<token>`), and links in
     * alerts and digests, use it.
     */
    publicUrl: z.url({ protocol: /^https?$/ }).optional(),
  })
  .superRefine((config, ctx) => {
    checkCaseReferences(config, ctx);
    const surveyIds = new Set<string>();
    config.surveys.forEach((survey, index) => {
      if (surveyIds.has(survey.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['surveys', index, 'id'],
          message: `duplicate survey id "${survey.id}"`,
        });
      }
      surveyIds.add(survey.id);
    });
    config.samplingHistory.forEach((change, index) => {
      if (!surveyIds.has(change.survey)) {
        ctx.addIssue({
          code: 'custom',
          path: ['samplingHistory', index, 'survey'],
          message: `no survey with id "${change.survey}" in "surveys"`,
        });
      }
    });
    config.program.goals.forEach((goal, index) => {
      if (goal.survey !== undefined && !surveyIds.has(goal.survey)) {
        ctx.addIssue({
          code: 'custom',
          path: ['program', 'goals', index, 'survey'],
          message: `no survey with id "${goal.survey}" in "surveys"`,
        });
      }
    });
    const siteKeys = new Set(config.sites.map((site) => site.key));
    config.readKeys.forEach((key, keyIndex) => {
      key.scope?.sites?.forEach((site, index) => {
        if (!siteKeys.has(site)) {
          ctx.addIssue({
            code: 'custom',
            path: ['readKeys', keyIndex, 'scope', 'sites', index],
            message: 'no site with this key in "sites"',
          });
        }
      });
      key.scope?.surveys?.forEach((id, index) => {
        if (!surveyIds.has(id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['readKeys', keyIndex, 'scope', 'surveys', index],
            message: `no survey with id "${id}" in "surveys"`,
          });
        }
      });
    });
    const seenSiteKeys = new Set<string>();
    config.sites.forEach((site, siteIndex) => {
      if (seenSiteKeys.has(site.key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sites', siteIndex, 'key'],
          message: 'duplicate site key',
        });
      }
      seenSiteKeys.add(site.key);
      if (site.requireVerified && site.secretSha256 === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['sites', siteIndex, 'requireVerified'],
          message: 'requireVerified needs secretSha256 (and the secret in NPSKIT_SITE_SECRETS)',
        });
      }
      site.surveys.forEach((id, index) => {
        if (!surveyIds.has(id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['sites', siteIndex, 'surveys', index],
            message: `no survey with id "${id}" in "surveys"`,
          });
        }
      });
    });
  });

export type CollectorConfigInput = z.input<typeof collectorConfigSchema>;
export type CollectorConfig = z.output<typeof collectorConfigSchema>;
export type SiteConfig = CollectorConfig['sites'][number];
export type ReadKeyConfig = CollectorConfig['readKeys'][number];

/**
 * The keys file (`keysFile` in the config): read keys that can be added and revoked while the
 * collector runs. A revoked key stays listed (with when) so the audit trail keeps its name.
 */
export const keysFileSchema = z.strictObject({
  readKeys: z
    .array(
      readKeySchema.extend({
        createdAt: z.iso.datetime({ offset: true }).optional(),
        revokedAt: z.iso.datetime({ offset: true }).optional(),
      }),
    )
    .max(10_000)
    .default([]),
});
export type KeysFile = z.output<typeof keysFileSchema>;
export type KeysFileInput = z.input<typeof keysFileSchema>;
