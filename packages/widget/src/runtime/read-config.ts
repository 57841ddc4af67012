import type { QuarantineRules } from '@npskit/core';
import type { SurveyDefinition } from '@npskit/core/schema';
import { normalizeSurvey } from '../decide/normalize-survey.js';
import { warn } from '../util/warn.js';
import type { InitOptions } from './api.js';

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

/** Checks inline surveys (see `normalizeSurvey`); unusable ones are warned about and left out. */
function readSurveys(surveys: unknown): SurveyDefinition[] {
  if (!Array.isArray(surveys)) {
    warn('surveys is not an array');
    return [];
  }
  return surveys.flatMap((survey, index) => normalizeSurvey(survey, `surveys[${index}]`) ?? []);
}

/**
 * Validates the options. A missing site key or a bad collector URL gives one `[npskit]` warning
 * naming the option, and undefined: the widget then stays off rather than half-working.
 */
export function readConfig(options: InitOptions, prefix: OptionPrefix): WidgetConfig | undefined {
  const { site, consent = 'granted', surveys } = options;
  if (typeof site !== 'string' || !site) {
    warn(`${prefix}site is missing (the site's pk_ write key); npskit is off`);
    return undefined;
  }
  const collector = collectorUrl(options.collector);
  if (!collector) {
    warn(`${prefix}collector is not an http(s) URL; npskit is off`);
    return undefined;
  }
  if (consent !== 'required' && consent !== 'granted') {
    warn(`${prefix}consent must be "required" or "granted"; using "required"`);
  }
  const inline = surveys === undefined ? undefined : readSurveys(surveys);
  return { ...options, site, collector, surveys: inline, consentRequired: consent !== 'granted' };
}
