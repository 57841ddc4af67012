import { LIMITS } from '@npskit/core/schema';
import { expect, it } from 'vitest';
import {
  MAX_BATCH,
  MAX_COMMENT,
  MAX_CONTEXT_STRING,
  MAX_CUSTOM_KEYS,
  MAX_CUSTOMER_ID,
} from './limits.js';
import { QUEUE_CAPS } from './queue.js';

it('mirrors the wire limits of @npskit/core/schema (which the bundle must not import)', () => {
  expect({
    maxEventsPerBatch: MAX_BATCH,
    maxCommentLength: MAX_COMMENT,
    maxCustomContextKeys: MAX_CUSTOM_KEYS,
    maxContextStringLength: MAX_CONTEXT_STRING,
    maxCustomerIdLength: MAX_CUSTOMER_ID,
  }).toEqual({
    maxEventsPerBatch: LIMITS.maxEventsPerBatch,
    maxCommentLength: LIMITS.maxCommentLength,
    maxCustomContextKeys: LIMITS.maxCustomContextKeys,
    maxContextStringLength: LIMITS.maxContextStringLength,
    maxCustomerIdLength: LIMITS.maxCustomerIdLength,
  });
  // The collector stores events older than the widget's queue keeps them at their receive time.
  expect(QUEUE_CAPS.maxAgeMs).toBe(LIMITS.maxEventAgeMs);
});
