import { describe, expect, test } from 'vitest';
import { toValidationIssues } from './issues.js';
import { surveyDefinitionSchema, triggerSchema } from './survey.js';

const minimal = {
  id: 'checkout',
  kind: 'transactional',
  brand: 'Acme',
  sampling: { rate: 0.5 },
  triggers: [{ on: 'event', event: 'purchase' }],
};

function issuesOf(input: unknown) {
  const result = surveyDefinitionSchema.safeParse(input);
  return result.success ? [] : toValidationIssues(result.error);
}

describe('surveyDefinitionSchema', () => {
  test('applies the defaults: enabled, comment on', () => {
    expect(surveyDefinitionSchema.parse(minimal)).toEqual({
      ...minimal,
      enabled: true,
      comment: true,
    });
  });

  test('keeps what is given over the defaults', () => {
    const parsed = surveyDefinitionSchema.parse({ ...minimal, enabled: false, comment: false });
    expect(parsed.enabled).toBe(false);
    expect(parsed.comment).toBe(false);
  });

  test('a full definition parses', () => {
    const full = {
      ...minimal,
      defaultLocale: 'sv',
      texts: { sv: { question: 'Hur troligt…?', thanks: 'Tack!' }, 'en-GB': { close: 'Close' } },
      emotions: {
        enabled: true,
        options: [
          { key: 'happy', emoji: '😊', label: { en: 'Happy', sv: 'Glad' } },
          { key: 'sad', emoji: '😞', label: { en: 'Sad' } },
        ],
      },
      recontactDays: 60,
      dismissWaitDays: 10,
      minTenureDays: 7,
      schedule: { start: '2025-01-01T00:00:00Z', end: '2025-12-31T23:59:59+01:00' },
      triggers: [
        { on: 'event', event: 'purchase', delayMs: 1500 },
        { on: 'pageview', url: { include: ['/account*'], exclude: ['/account/pay*'] } },
      ],
      sender: { name: 'Ada', title: 'Head of service', avatarUrl: 'https://cdn.example/ada.png' },
      thanks: { promoterUrl: 'https://reviews.example/acme', detractorContact: true },
      theme: {
        accent: '#2f4a3a',
        accentText: '#fff',
        background: '#fffdf9',
        text: '#2b2420',
        muted: '#6d6159',
        radius: 14,
        font: '"Source Sans 3", system-ui, sans-serif',
        dark: { accent: '#8fc2a1', accentText: '#14201a', background: '#27221f', text: '#f2ece6' },
      },
    };
    expect(issuesOf(full)).toEqual([]);
    expect(
      issuesOf({ ...minimal, texts: { sv: { senderTitle: 'Kundtjänst', contact: 'x' } } }),
    ).toEqual([]);
  });

  test.each([
    ['the survey', { ...minimal, color: 'red' }, ''],
    ['the sampling', { ...minimal, sampling: { rate: 1, seed: 3 } }, 'sampling'],
    ['a trigger', { ...minimal, triggers: [{ on: 'pageview', selector: '#x' }] }, 'triggers.0'],
    ['a text override', { ...minimal, texts: { en: { title: 'x' } } }, 'texts.en'],
  ])('an unknown key on %s is an error with its path', (_, input, path) => {
    expect(issuesOf(input)).toEqual([
      { path, code: 'unrecognized_keys', message: expect.any(String) },
    ]);
  });

  test.each([
    ['sampling rate above 1', { sampling: { rate: 1.5 } }, 'sampling.rate', 'too_big'],
    ['an unknown kind', { kind: 'weekly' }, 'kind', 'invalid_value'],
    ['an id with capitals', { id: 'Checkout' }, 'id', 'invalid_format'],
    ['no triggers', { triggers: [] }, 'triggers', 'too_small'],
    ['fractional recontact days', { recontactDays: 1.5 }, 'recontactDays', 'invalid_type'],
    ['a bad locale key', { texts: { English: { thanks: 'x' } } }, 'texts.English', 'invalid_key'],
    [
      'a theme colour that is not hex',
      { theme: { accent: 'red;}' } },
      'theme.accent',
      'invalid_format',
    ],
    ['CSS in a theme font', { theme: { font: 'x;}*{color:red' } }, 'theme.font', 'invalid_format'],
    ['a radius beyond 32 px', { theme: { radius: 99 } }, 'theme.radius', 'too_big'],
    [
      'an http promoter link',
      { thanks: { promoterUrl: 'http://x.example' } },
      'thanks.promoterUrl',
      'invalid_union',
    ],
    [
      'a protocol-relative promoter link',
      { thanks: { promoterUrl: '//evil.example' } },
      'thanks.promoterUrl',
      'invalid_union',
    ],
  ])('%s is rejected', (_, change, path, code) => {
    expect(issuesOf({ ...minimal, ...change })[0]).toMatchObject({ path, code });
  });

  test('duplicate emotion keys and a schedule ending before it starts are reported with paths', () => {
    const issues = issuesOf({
      ...minimal,
      emotions: {
        enabled: true,
        options: [
          { key: 'happy', emoji: '😊', label: { en: 'Happy' } },
          { key: 'happy', emoji: '😀', label: { en: 'Glad' } },
        ],
      },
      schedule: { start: '2025-06-01T00:00:00Z', end: '2025-01-01T00:00:00Z' },
    });
    expect(issues).toEqual([
      { path: 'emotions.options', code: 'custom', message: 'emotion keys must be unique' },
      { path: 'schedule.end', code: 'custom', message: 'end must be after start' },
    ]);
  });

  test('triggers are discriminated by `on`', () => {
    expect(triggerSchema.safeParse({ on: 'event' }).success).toBe(false);
    expect(triggerSchema.safeParse({ on: 'click' }).success).toBe(false);
    expect(triggerSchema.parse({ on: 'pageview' })).toEqual({ on: 'pageview' });
  });
});
