import { describe, expect, it } from 'vitest';
import { type Verdict, verdictFor } from './retry-policy.js';

describe('verdictFor', () => {
  it.each([
    [0, 'retry', 'network error'],
    [200, 'ok', 'ok'],
    [202, 'ok', 'accepted (also partial batches: rejected events are never retried)'],
    [204, 'ok', 'no content'],
    [400, 'drop', 'validation failed: retrying cannot fix it'],
    [401, 'stop', 'unknown site key'],
    [403, 'stop', 'origin not allowed'],
    [404, 'stop', 'not the events route: wrong data-collector, or a patched fetch sent a GET'],
    [405, 'stop', 'method not allowed: a patched fetch changed the method'],
    [408, 'retry', 'request timeout'],
    [409, 'drop', 'id conflict'],
    [413, 'drop', 'payload too large'],
    [415, 'drop', 'unsupported media type'],
    [422, 'drop', 'unprocessable'],
    [425, 'retry', 'too early'],
    [429, 'retry', 'rate limited'],
    [500, 'retry', 'server error'],
    [502, 'retry', 'bad gateway'],
    [503, 'retry', 'storage unavailable'],
    [504, 'retry', 'gateway timeout'],
    [302, 'retry', 'unexpected redirect (captive portal)'],
  ] satisfies Array<[number, Verdict, string]>)('%i → %s (%s)', (status, verdict, _why) => {
    expect(verdictFor(status)).toBe(verdict);
  });
});
