import { describe, expect, test } from 'vitest';
import { validBatch, validEvents } from '../../test/fixtures.js';
import { eventBatchSchema } from './event.js';
import { toValidationIssues } from './issues.js';

// Something a customer typed, which must never be echoed back in an error body or a log line.
const SECRET = 'Secret-Personnummer-19121212-1212';

describe('toValidationIssues', () => {
  test('turns zod issues into path, code and message', () => {
    const result = eventBatchSchema.safeParse({ site: '', sentAt: 'yesterday', events: [] });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(toValidationIssues(result.error).map(({ path, code }) => `${path}:${code}`)).toEqual([
      'site:too_small',
      'sentAt:invalid_format',
      'events:too_small',
    ]);
  });

  test('never contains a submitted value, whatever field it was in', () => {
    const events = validEvents();
    const [display, answer, followup] = events as [
      Record<string, unknown>,
      Record<string, unknown>,
      Record<string, unknown>,
    ];
    Object.assign(display, { id: SECRET, at: SECRET, type: SECRET });
    Object.assign(answer, {
      score: SECRET,
      surveyId: SECRET,
      respondent: { anonymousId: SECRET, customerId: `${SECRET}${'x'.repeat(200)}` },
      context: { currency: SECRET, orderValue: SECRET, page: SECRET.repeat(100), custom: [SECRET] },
    });
    Object.assign(followup, { emotion: SECRET, comment: SECRET.repeat(100), responseId: SECRET });
    const batch = { ...validBatch(events), sentAt: SECRET, site: SECRET.repeat(10) };

    const result = eventBatchSchema.safeParse(batch);
    expect(result.success).toBe(false);
    if (result.success) return;
    const issues = toValidationIssues(result.error);
    expect(issues.length).toBeGreaterThanOrEqual(10);
    expect(JSON.stringify(issues)).not.toContain('Secret');
    expect(JSON.stringify(issues)).not.toContain('19121212');
    // Only the three documented fields: zod's raw issues carry `input`, which would leak.
    for (const issue of issues)
      expect(Object.keys(issue).sort()).toEqual(['code', 'message', 'path']);
  });

  test('the root path is the empty string', () => {
    const result = eventBatchSchema.safeParse('not an object');
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(toValidationIssues(result.error)).toEqual([
      { path: '', code: 'invalid_type', message: expect.any(String) },
    ]);
  });
});
