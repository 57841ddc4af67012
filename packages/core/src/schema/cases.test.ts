import { describe, expect, test } from 'vitest';
import { demoLikeConfig } from '../../test/fixtures.js';
import { type CollectorConfigInput, collectorConfigSchema } from './config.js';
import { toValidationIssues } from './issues.js';

function issuesOf(input: unknown) {
  const result = collectorConfigSchema.safeParse(input);
  return result.success ? [] : toValidationIssues(result.error);
}

const withCases = (
  cases: CollectorConfigInput['cases'],
  extra: Partial<CollectorConfigInput> = {},
) => ({ ...demoLikeConfig(), cases, ...extra }) as CollectorConfigInput;

describe('cases config', () => {
  test('is off unless present; {} turns it on with the documented defaults', () => {
    expect(collectorConfigSchema.parse(demoLikeConfig()).cases).toBeUndefined();
    expect(collectorConfigSchema.parse(withCases({})).cases).toEqual({
      rules: [{ maxScore: 6, contact: 'auto' }],
      owners: [],
      sla: { firstContactHours: 48 },
      rootCauses: ['product', 'delivery', 'staff', 'wait-time', 'price', 'website', 'other'],
      digest: { timeZone: 'UTC', at: '07:00', weekday: 1 },
    });
  });

  test('owners, rules, SLA with business hours, recovery and digest parse with their defaults', () => {
    const config = collectorConfigSchema.parse(
      withCases({
        rules: [{ surveys: ['checkout'], maxScore: 4, emotions: ['angry'], hasComment: true }],
        owners: [
          { id: 'malmo', name: 'Malmö', email: 'malmo@shop.example', units: ['malmo'] },
          { id: 'hq', name: 'Head office', digest: 'weekly' },
        ],
        fallbackOwner: 'hq',
        sla: {
          surveys: { checkout: 24 },
          businessHours: { timeZone: 'Europe/Stockholm', holidays: ['2025-12-24'] },
        },
        recovery: {},
      }),
    );
    expect(config.cases).toMatchObject({
      rules: [{ surveys: ['checkout'], maxScore: 4, contact: 'auto', hasComment: true }],
      owners: [
        { id: 'malmo', digest: 'daily' },
        { id: 'hq', digest: 'weekly' },
      ],
      sla: {
        firstContactHours: 48,
        surveys: { checkout: 24 },
        businessHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
      },
      recovery: { afterDays: 14 },
    });
  });

  test('names of surveys and owners must exist; ids are unique', () => {
    expect(
      issuesOf(
        withCases(
          {
            rules: [{ surveys: ['nope'] }],
            owners: [
              { id: 'a', name: 'A' },
              { id: 'a', name: 'A again' },
            ],
            fallbackOwner: 'ghost',
            sla: { surveys: { weekly: 12 } },
          },
          {
            webhooks: [
              { url: 'https://hooks.example/a', id: 'x', on: ['detractor'] },
              {
                url: 'https://hooks.example/b',
                id: 'x',
                on: ['case_opened'],
                filter: { owners: ['ghost'], surveys: ['nope'] },
              },
            ],
          },
        ),
      ).map((issue) => `${issue.path}: ${issue.message}`),
    ).toEqual([
      'cases.owners.1.id: duplicate owner id',
      'cases.rules.0.surveys.0: no survey with id "nope" in "surveys"',
      'cases.sla.surveys.weekly: no survey with id "weekly" in "surveys"',
      'cases.fallbackOwner: no owner with id "ghost" in "cases.owners"',
      'webhooks.1.id: duplicate webhook id',
      'webhooks.1.filter.surveys.0: no survey with id "nope" in "surveys"',
      'webhooks.1.filter.owners.0: no owner with id "ghost" in "cases.owners"',
    ]);
  });

  test('two webhooks with one URL need ids (the outbox keys unnamed webhooks by URL)', () => {
    const url = 'https://hooks.example/same';
    expect(
      issuesOf(
        withCases(
          {},
          {
            webhooks: [
              { url, on: ['detractor'] },
              { url, format: 'slack', on: ['answer'] },
            ],
          },
        ),
      ).map((issue) => issue.path),
    ).toEqual(['webhooks.1.id']);
    expect(
      issuesOf(
        withCases(
          {},
          {
            webhooks: [
              { url, on: ['detractor'] },
              { id: 'chat', url, format: 'slack', on: ['answer'] },
            ],
          },
        ),
      ),
    ).toEqual([]);
  });

  test('case alerts and a recovery survey need the case workflow', () => {
    const config = demoLikeConfig();
    config.surveys?.push({
      id: 'again',
      kind: 'relationship',
      brand: 'Demo',
      sampling: { rate: 1 },
      triggers: [{ on: 'pageview' }],
      recovery: true,
    });
    config.webhooks = [{ url: 'https://hooks.example/a', on: ['case_overdue', 'detractor'] }];
    expect(issuesOf(config).map((issue) => `${issue.path}: ${issue.message}`)).toEqual([
      'surveys.2.recovery: a recovery survey needs "cases.recovery"',
      'webhooks.0.on: case_overdue needs "cases" in the config',
    ]);
  });

  test('refuses unknown time zones, bad clock times, business hours that end before they start', () => {
    const paths = issuesOf(
      withCases({
        sla: { businessHours: { timeZone: 'Mars/Olympus', start: '18:00', end: '09:00' } },
        digest: { at: '7am' },
      }),
    ).map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining(['cases.sla.businessHours.timeZone', 'cases.digest.at']),
    );
    expect(
      issuesOf(
        withCases({ sla: { businessHours: { timeZone: 'UTC', start: '18:00', end: '09:00' } } }),
      ).map((issue) => issue.path),
    ).toEqual(['cases.sla.businessHours.end']);
  });

  test('webhooks get a format (json by default), filters, and the new event types', () => {
    const config = collectorConfigSchema.parse(
      withCases(
        {},
        {
          webhooks: [
            { url: 'https://hooks.slack.com/services/T/B/x', format: 'slack', on: ['case_opened'] },
            {
              url: 'https://crm.example/hook',
              on: ['detractor', 'digest'],
              filter: { units: ['malmo'], categories: ['detractor'] },
            },
          ],
        },
      ),
    );
    expect(config.webhooks.map((hook) => hook.format)).toEqual(['slack', 'json']);
    expect(
      issuesOf({ ...withCases({}), webhooks: [{ url: 'https://a.example', on: ['x'] }] }),
    ).not.toEqual([]);
    expect(
      issuesOf({
        ...withCases({}),
        webhooks: [{ url: 'https://a.example', format: 'xml', on: ['answer'] }],
      }).map((issue) => issue.path),
    ).toEqual(['webhooks.0.format']);
  });

  test('smtp gets its defaults; publicUrl must be http(s)', () => {
    const config = collectorConfigSchema.parse(
      withCases({}, { smtp: { host: 'mail.example', from: 'nps@shop.example' } }),
    );
    expect(config.smtp).toEqual({
      host: 'mail.example',
      port: 587,
      secure: false,
      from: 'nps@shop.example',
    });
    expect(
      issuesOf(withCases({}, { publicUrl: 'ftp://x.example' })).map((issue) => issue.path),
    ).toEqual(['publicUrl']);
  });
});
