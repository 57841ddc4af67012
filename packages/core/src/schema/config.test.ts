import { describe, expect, test } from 'vitest';
import { demoLikeConfig } from '../../test/fixtures.js';
import { type CollectorConfigInput, collectorConfigSchema } from './config.js';
import { toValidationIssues } from './issues.js';

function issuesOf(input: unknown) {
  const result = collectorConfigSchema.safeParse(input);
  return result.success ? [] : toValidationIssues(result.error);
}

const survey = (id: string) => ({
  id,
  kind: 'relationship' as const,
  brand: 'Acme',
  sampling: { rate: 1 },
  triggers: [{ on: 'pageview' as const }],
});

describe('collectorConfigSchema', () => {
  test('the demo-like config parses and gets its defaults', () => {
    const config = collectorConfigSchema.parse(demoLikeConfig());
    expect(config.sites[0]?.enabled).toBe(true);
    expect(config.quarantine).toEqual({});
    expect(config.webhooks).toEqual([]);
    expect(config.surveys.map((s) => [s.id, s.enabled, s.comment])).toEqual([
      ['checkout', true, true],
      ['relationship', true, true],
    ]);
  });

  test('a site naming an unknown survey id is an error at that entry', () => {
    const config = demoLikeConfig();
    config.sites[0]?.surveys.push('weekly');
    expect(issuesOf(config)).toEqual([
      {
        path: 'sites.0.surveys.2',
        code: 'custom',
        message: 'no survey with id "weekly" in "surveys"',
      },
    ]);
  });

  test('duplicate survey ids and duplicate site keys are errors at the second one', () => {
    const config: CollectorConfigInput = {
      sites: [
        { key: 'pk_shop_00000001', name: 'A', origins: ['https://a.example'], surveys: ['nps'] },
        { key: 'pk_shop_00000001', name: 'B', origins: ['https://b.example'], surveys: [] },
      ],
      surveys: [survey('nps'), survey('other'), survey('nps')],
    };
    expect(issuesOf(config)).toEqual([
      { path: 'surveys.2.id', code: 'custom', message: 'duplicate survey id "nps"' },
      { path: 'sites.1.key', code: 'custom', message: 'duplicate site key' },
    ]);
  });

  test('a read key is a viewer unless given a role; a scope names known sites and surveys', () => {
    const config = collectorConfigSchema.parse(demoLikeConfig());
    expect(config.readKeys[0]).toMatchObject({ role: 'viewer' });
    expect(config.readKeys[0]?.scope).toBeUndefined();
    const hash = 'a'.repeat(64);
    const scoped = demoLikeConfig();
    scoped.readKeys = [
      {
        name: 'malmö manager',
        sha256: hash,
        role: 'caseworker',
        scope: { sites: ['pk_nowhere_0001'], units: ['malmo'], surveys: ['weekly'] },
      },
    ];
    expect(issuesOf(scoped)).toEqual([
      {
        path: 'readKeys.0.scope.sites.0',
        code: 'custom',
        message: 'no site with this key in "sites"',
      },
      {
        path: 'readKeys.0.scope.surveys.0',
        code: 'custom',
        message: 'no survey with id "weekly" in "surveys"',
      },
    ]);
  });

  test.each([
    [
      'a read key with an unknown role',
      { readKeys: [{ name: 'x', sha256: 'a'.repeat(64), role: 'owner' }] },
      'readKeys.0.role',
      'invalid_value',
    ],
    [
      'an empty scope list',
      { readKeys: [{ name: 'x', sha256: 'a'.repeat(64), scope: { units: [] } }] },
      'readKeys.0.scope.units',
      'too_small',
    ],
    ['an unknown top-level key', { extra: true }, '', 'unrecognized_keys'],
    [
      'an unknown key in quarantine',
      { quarantine: { minDays: 3 } },
      'quarantine',
      'unrecognized_keys',
    ],
    [
      'an origin with a path',
      {
        sites: [
          { key: 'pk_demo_shop_0001', name: 'x', origins: ['https://a.example/shop'], surveys: [] },
        ],
      },
      'sites.0.origins.0',
      'invalid_format',
    ],
    [
      'a write key without the pk_ prefix',
      {
        sites: [
          { key: 'rk_demo_analyst_0001', name: 'x', origins: ['https://a.example'], surveys: [] },
        ],
      },
      'sites.0.key',
      'invalid_format',
    ],
    [
      'a read key stored in clear instead of its sha256',
      { readKeys: [{ name: 'x', sha256: 'rk_demo_analyst_0001' }] },
      'readKeys.0.sha256',
      'invalid_format',
    ],
    ['no sites', { sites: [] }, 'sites', 'too_small'],
    [
      'an unknown key in a nested survey',
      { surveys: [{ ...survey('checkout'), trigger: 'purchase' }, survey('relationship')] },
      'surveys.0',
      'unrecognized_keys',
    ],
  ])('%s is an error with path and code', (_, change, path, code) => {
    expect(issuesOf({ ...demoLikeConfig(), ...change })[0]).toMatchObject({ path, code });
  });
});
