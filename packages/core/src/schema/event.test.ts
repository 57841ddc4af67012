import { describe, expect, test } from 'vitest';
import { IDS, validBatch, validEvents } from '../../test/fixtures.js';
import { eventBatchSchema, eventSchema } from './event.js';
import { toValidationIssues } from './issues.js';
import { LIMITS } from './limits.js';

/** Parses a batch and returns its issues (empty when valid). */
function issuesOf(batch: unknown) {
  const result = eventBatchSchema.safeParse(batch);
  return result.success ? [] : toValidationIssues(result.error);
}

/** The batch with `change` applied to a fresh copy of event `index`. */
function withEvent(index: number, change: (event: Record<string, unknown>) => void) {
  const events = validEvents();
  const event = events[index];
  if (!event) throw new Error(`no event ${index}`);
  change(event);
  return validBatch(events);
}

describe('eventBatchSchema', () => {
  test('a batch with one event of every type parses, context and all', () => {
    const parsed = eventBatchSchema.parse(validBatch());
    expect(parsed.events.map((event) => event.type)).toEqual([
      'display',
      'answer',
      'followup',
      'dismiss',
    ]);
    const answer = parsed.events[1];
    expect(answer?.type === 'answer' && answer.score).toBe(9);
    expect(answer?.context).toMatchObject({ campaign: 'spring', basketSize: 3 });
  });

  test.each([
    ['the batch', (b: Record<string, unknown>) => Object.assign(b, { extra: 1 }), ''],
    [
      'an event',
      (b: Record<string, unknown>) => withEventOf(b, 0, (e) => Object.assign(e, { extra: 1 })),
      'events.0',
    ],
    [
      'the respondent',
      (b: Record<string, unknown>) =>
        withEventOf(b, 1, (e) => Object.assign(e.respondent as object, { email: 'x' })),
      'events.1.respondent',
    ],
  ])('an unknown key on %s is an error, with its path', (_, change, path) => {
    const batch = validBatch() as Record<string, unknown>;
    change(batch);
    expect(issuesOf(batch)).toEqual([
      { path, code: 'unrecognized_keys', message: expect.stringContaining('Unrecognized key') },
    ]);
  });

  test.each([
    [11, 'too_big'],
    [-1, 'too_small'],
    [7.5, 'invalid_type'],
    ['9', 'invalid_type'],
  ])('score %j is rejected', (score, code) => {
    expect(issuesOf(withEvent(1, (event) => Object.assign(event, { score })))).toEqual([
      { path: 'events.1.score', code, message: expect.any(String) },
    ]);
  });

  test('an answer without a score is rejected', () => {
    expect(issuesOf(withEvent(1, (event) => delete event.score))).toEqual([
      { path: 'events.1.score', code: 'invalid_type', message: expect.any(String) },
    ]);
  });

  test('a score on a display is an unknown key', () => {
    expect(issuesOf(withEvent(0, (event) => Object.assign(event, { score: 9 })))[0]).toMatchObject({
      path: 'events.0',
      code: 'unrecognized_keys',
    });
  });

  test('a followup without emotion or comment is rejected', () => {
    const batch = withEvent(2, (event) => {
      delete event.emotion;
      delete event.comment;
    });
    expect(issuesOf(batch)).toEqual([
      {
        path: 'events.2.emotion',
        code: 'custom',
        message: 'a followup carries an emotion, a comment or both',
      },
    ]);
  });

  test('a followup with only a comment, or only an emotion, is fine', () => {
    expect(issuesOf(withEvent(2, (event) => delete event.emotion))).toEqual([]);
    expect(issuesOf(withEvent(2, (event) => delete event.comment))).toEqual([]);
  });

  test(`a comment over ${LIMITS.maxCommentLength} characters is rejected`, () => {
    const at = (length: number) =>
      issuesOf(withEvent(2, (event) => Object.assign(event, { comment: 'x'.repeat(length) })));
    expect(at(LIMITS.maxCommentLength)).toEqual([]);
    expect(at(LIMITS.maxCommentLength + 1)[0]).toMatchObject({
      path: 'events.2.comment',
      code: 'too_big',
    });
  });

  test('an unknown event type is rejected at its discriminator', () => {
    expect(issuesOf(withEvent(0, (event) => Object.assign(event, { type: 'click' })))[0]).toEqual({
      path: 'events.0.type',
      code: 'invalid_union',
      message: expect.any(String),
    });
  });

  test(`${LIMITS.maxEventsPerBatch} events pass, ${LIMITS.maxEventsPerBatch + 1} are rejected, 0 too`, () => {
    const display = validEvents()[0] as Record<string, unknown>;
    const many = (count: number) => validBatch(Array.from({ length: count }, () => display));
    expect(issuesOf(many(LIMITS.maxEventsPerBatch))).toEqual([]);
    expect(issuesOf(many(LIMITS.maxEventsPerBatch + 1))).toEqual([
      { path: 'events', code: 'too_big', message: expect.any(String) },
    ]);
    expect(issuesOf(many(0))).toEqual([
      { path: 'events', code: 'too_small', message: expect.any(String) },
    ]);
  });

  test('ids must be UUIDs and times must carry a zone', () => {
    const batch = withEvent(0, (event) =>
      Object.assign(event, { id: 'not-a-uuid', at: '2025-06-01T12:00:00' }),
    );
    expect(issuesOf(batch).map(({ path, code }) => ({ path, code }))).toEqual([
      { path: 'events.0.id', code: 'invalid_format' },
      { path: 'events.0.at', code: 'invalid_format' },
    ]);
  });

  test('every event type parses on its own through eventSchema', () => {
    for (const event of validEvents()) expect(eventSchema.safeParse(event).success).toBe(true);
    expect(IDS.event).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('context', () => {
  const withContext = (context: Record<string, unknown>) =>
    withEvent(1, (event) => Object.assign(event, { context }));
  const custom = (count: number) =>
    Object.fromEntries(Array.from({ length: count }, (_, index) => [`key${index}`, index]));

  test(`up to ${LIMITS.maxCustomContextKeys} custom keys; standard keys do not count`, () => {
    const standard = { touchpoint: 'checkout', unit: 'u', employee: 'e', orderId: 'o' };
    expect(issuesOf(withContext({ ...standard, ...custom(LIMITS.maxCustomContextKeys) }))).toEqual(
      [],
    );
    expect(issuesOf(withContext(custom(LIMITS.maxCustomContextKeys + 1)))).toEqual([
      {
        path: 'events.1.context',
        code: 'too_big',
        message: `at most ${LIMITS.maxCustomContextKeys} custom context keys`,
      },
    ]);
  });

  test('custom keys are identifiers; values are strings or finite numbers', () => {
    expect(issuesOf(withContext({ 'bad key': 'x' }))).toEqual([
      { path: 'events.1.context.bad key', code: 'custom', message: expect.any(String) },
    ]);
    expect(issuesOf(withContext({ nested: { a: 1 } }))[0]).toMatchObject({
      path: 'events.1.context.nested',
    });
    expect(issuesOf(withContext({ flag: true }))[0]).toMatchObject({
      path: 'events.1.context.flag',
    });
  });

  test('standard keys are typed', () => {
    expect(issuesOf(withContext({ currency: 'sek' }))[0]).toMatchObject({
      path: 'events.1.context.currency',
      code: 'invalid_format',
    });
    expect(issuesOf(withContext({ orderValue: -1 }))[0]).toMatchObject({
      path: 'events.1.context.orderValue',
      code: 'too_small',
    });
    expect(
      issuesOf(withContext({ unit: 'x'.repeat(LIMITS.maxContextStringLength + 1) }))[0],
    ).toMatchObject({ path: 'events.1.context.unit', code: 'too_big' });
  });
});

/** Applies `change` to event `index` of an existing batch object. */
function withEventOf(
  batch: Record<string, unknown>,
  index: number,
  change: (event: Record<string, unknown>) => void,
) {
  const event = (batch.events as Array<Record<string, unknown>>)[index];
  if (!event) throw new Error(`no event ${index}`);
  change(event);
  return batch;
}
