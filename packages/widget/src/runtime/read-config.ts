import type { QuarantineRules } from '@npskit/core';
import type { SurveyDefinition } from '@npskit/core/schema';
import { jsonWorks } from '../util/json.js';
import { warn } from '../util/warn.js';
import type { InitOptions } from './api.js';

declare global {
  interface Navigator {
    /** Global Privacy Control (https://globalprivacycontrol.org), where the browser has it. */
    readonly globalPrivacyControl?: boolean;
  }
}

/** A validated configuration (see `readConfig`). */
export interface WidgetConfig {
  site: string;
  /** Base URL without a trailing slash. */
  collector: string;
  surveys?: SurveyDefinition[] | undefined;
  quarantine?: QuarantineRules | undefined;
  consentRequired: boolean;
  locale?: string | undefined;
  nonce?: string | undefined;
}

/**
 * How option names are spelled where the host sets them, so a warning names what to fix:
 * `data-site` on the `<script>` tag, `site` in ESM `init()`.
 */
export type OptionPrefix = 'data-' | '';

function collectorUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    // Absolute, or a same-origin path such as "/nps"; anything else is a typo worth reporting.
    const url = new URL(value, value.startsWith('/') ? location.href : undefined);
    return /^https?:$/.test(url.protocol) ? url.href.replace(/\/+$/, '') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Turns one inline survey into a usable definition, or undefined (after a warning) to skip it:
 * `normalizeSurvey` for the ESM build; the script-tag loader, where every byte is paid on every page
 * view, only applies the schema defaults (see `withDefaults`).
 */
export type SurveyNormalizer = (survey: unknown, label: string) => SurveyDefinition | undefined;

/** The schema defaults and nothing else: the script tag's normalizer. */
export const withDefaults: SurveyNormalizer = (survey) =>
  ({ enabled: true, comment: true, ...(survey as object) }) as SurveyDefinition;

/** Crawlers and automated browsers: their "answers" would be noise, and they never read a survey. */
const BOT = /bot\b|crawl|spider|headless|lighthouse/i;

/**
 * Validates the options and the page. A missing site key or a bad collector URL gives one
 * `[npskit]` warning naming the option, and undefined: the widget then stays off rather than
 * half-working. So does a secret key pasted where the public one belongs (nothing is sent, so it
 * goes no further than it already went), a page whose `JSON` is broken, and a likely bot
 * (`navigator.webdriver`, crawler user agents) unless `bots: 'allow'` (end-to-end tests).
 * Global Privacy Control (`navigator.globalPrivacyControl`) counts as "no consent yet", as
 * `consent: 'required'` does, unless `gpc: 'ignore'`.
 */
export function readConfig(
  options: InitOptions,
  prefix: OptionPrefix,
  normalize: SurveyNormalizer,
): WidgetConfig | undefined {
  const { site, consent = 'granted', surveys } = options;
  const off = (problem: string): undefined => warn(`${problem}; npskit is off`) as undefined;
  if (typeof site !== 'string' || !site)
    return off(`${prefix}site is missing (the site's pk_ key)`);
  if (/^[rs]k_/.test(site)) {
    return off(`${prefix}site is a SECRET key: delete it from the page, rotate it, use pk_`);
  }
  if (!jsonWorks()) return off('JSON.stringify is broken on this page');
  if (options.bots !== 'allow' && (navigator.webdriver || BOT.test(navigator.userAgent))) {
    return off(`bot or automated browser (tests: init({ bots: 'allow' }))`);
  }
  const collector = collectorUrl(options.collector);
  if (!collector) return off(`${prefix}collector is not an http(s) URL`);
  if (consent !== 'required' && consent !== 'granted') {
    warn(`${prefix}consent must be "required" or "granted"; using "required"`);
  }
  let inline: SurveyDefinition[] | undefined;
  if (Array.isArray(surveys)) {
    inline = surveys.flatMap((survey, index) => normalize(survey, `surveys[${index}]`) ?? []);
  } else if (surveys !== undefined) {
    warn('surveys is not an array');
    inline = [];
  }

  const gpc = options.gpc !== 'ignore' && navigator.globalPrivacyControl === true;
  return {
    ...options,
    site,
    collector,
    surveys: inline,
    consentRequired: consent !== 'granted' || gpc,
  };
}
